import {
  NO_STREAM,
  type WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type AppendStreamState,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import { WrongExpectedVersionError } from '../errors.ts';
import type { ExpectedRevision } from '../types.ts';

/**
 * The exact state a stream must be in for an append planned on it: its last revision, or no stream (-1).
 * The ledger's expectation (any, stream_exists, …) is checked against the revision read before planning
 * (append-plan.ts); the server then gets the exact revision, never ANY or STREAM_EXISTS, because the planned
 * revisions are hashed into the chain and must be the ones the server assigns.
 */
export const appendStateAfter = (lastRevision: number): AppendStreamState =>
  lastRevision < 0 ? NO_STREAM : BigInt(lastRevision);

/** A stream's state as the client reports it, as the ledger's errors name it. */
export const ledgerRevision = (state: CurrentStreamState): number | 'no_stream' =>
  state === NO_STREAM ? 'no_stream' : Number(state);

/** The client's revision conflict on `stream`, as the ledger reports it: with the writer's expectation and the actual revision. */
export const toLedgerConflict = (
  stream: string,
  expected: ExpectedRevision,
  conflict: ClientWrongExpectedVersionError,
): WrongExpectedVersionError => new WrongExpectedVersionError(stream, expected, ledgerRevision(conflict.actualState));
