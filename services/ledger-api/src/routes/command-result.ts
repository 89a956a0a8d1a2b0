import type { Response } from 'express';
import type { CommandResult } from '@ledger/ledger-commands';

/** 201 when the command appended events, 200 when it was an idempotent repeat; the ETag is the stream revision. */
export function sendCommandResult(res: Response, result: CommandResult, extra: Record<string, unknown>): void {
  res
    .status(result.appended.length ? 201 : 200)
    .set('ETag', `"${result.revision}"`)
    .json({ ...extra, ...result });
}
