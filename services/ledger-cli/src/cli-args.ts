import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: the command line itself is wrong (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments strictly with node:util parseArgs; an unknown or malformed option is a UsageError. */
export function commandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

/**
 * A path as the caller meant it: relative to the directory `pnpm ledger` was run from (pnpm runs the script in the
 * project root and passes the caller's directory as INIT_CWD), or to the working directory when run directly
 * (an INIT_CWD inherited from another pnpm script says nothing about this command).
 */
export function callerPath(path: string): string {
  const viaPnpm = process.env.npm_lifecycle_event === 'ledger' && process.env.INIT_CWD;
  return resolve(viaPnpm || process.cwd(), path);
}
