import { describe, it, expect } from '@jest/globals';
import { NO_STREAM, WrongExpectedVersionError as ClientWrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { WrongExpectedVersionError } from '../errors.ts';
import { appendStateAfter, ledgerRevision, toLedgerConflict } from './stream-state.ts';

describe('stream state mapping', () => {
  it('asks the server for the exact state the append was planned on', () => {
    expect(appendStateAfter(-1)).toBe(NO_STREAM);
    expect(appendStateAfter(0)).toBe(0n);
    expect(appendStateAfter(41)).toBe(41n);
  });

  it("reads the client's current state as the ledger names revisions", () => {
    expect(ledgerRevision(NO_STREAM)).toBe('no_stream');
    expect(ledgerRevision(7n)).toBe(7);
  });

  it("turns the client's revision conflict into the ledger's, with the writer's expectation and the actual revision", () => {
    const conflict = (current: bigint | typeof NO_STREAM) =>
      new ClientWrongExpectedVersionError(undefined, { streamName: 'ns/s', expected: 3n, current });
    const mapped = toLedgerConflict('s', 'stream_exists', conflict(5n));
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ stream: 's', expected: 'stream_exists', actual: 5 });
    expect(toLedgerConflict('s', 2, conflict(NO_STREAM))).toMatchObject({ expected: 2, actual: 'no_stream' });
  });
});
