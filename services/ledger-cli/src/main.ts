#!/usr/bin/env node
// `pnpm ledger <command> …`: the ledger's command line.
import { ConfigError } from '@ledger/config';
import { DocumentLoadError } from '@ledger/source-documents';
import { ValidationError } from '@ledger/domain';
import { runExtract, runEvalExtract } from './extract-commands.ts';
import { runIngest } from './ingest-command.ts';
import { runVerify } from './verify-command.ts';
import { AUDIT_USAGE, runAudit } from './audit-command.ts';

type Command = (args: string[], out: NodeJS.WritableStream) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  extract: { run: runExtract, usage: 'extract <file> --format jsonl   print every figure of a document as JSON lines' },
  'eval-extract': {
    run: runEvalExtract,
    usage: 'eval-extract [--gold DIR] [--verbose]   score the extractor against the hand annotation',
  },
  ingest: {
    run: runIngest,
    usage: 'ingest [dir]   register the documents of dir (default seeds/) and append their figures',
  },
  verify: { run: runVerify, usage: 'verify   walk the hash chain and name the first broken position' },
  audit: { run: runAudit, usage: AUDIT_USAGE },
};

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  process.stderr.write(
    `usage: ledger <command>\n${Object.values(COMMANDS)
      .map((c) => `  ${c.usage}`)
      .join('\n')}\n`,
  );
  process.exit(2);
}
try {
  process.exitCode = await command.run(args, process.stdout);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DocumentLoadError || error instanceof ValidationError) {
    process.stderr.write(`ledger ${name}: ${error.message}\n`);
    process.exitCode = 2;
  } else throw error;
}
