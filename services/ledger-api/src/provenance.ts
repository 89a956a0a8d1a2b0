import type { Request, Response } from 'express';
import type { EventMetadata } from '@ledger/domain';
import { tokenRecorder } from './auth.ts';

/** The metadata of every event a write request appends: the token's name, and the request id as correlation. */
export function requestMetadata(req: Request, res: Response): EventMetadata {
  const recordedBy = tokenRecorder(res);
  // Every POST passed the write scope, which names its token; reaching here without one is a wiring mistake.
  if (!recordedBy) throw new Error('a write reached a route without a checked token');
  return { recordedBy, correlationId: String(req.id) };
}
