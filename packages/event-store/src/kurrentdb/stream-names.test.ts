import { describe, it, expect } from '@jest/globals';
import { InvalidEventError } from '../errors.ts';
import { newEvent } from '../contract/event-store-contract.ts';
import { rejectReservedNames, streamNames } from './stream-names.ts';

describe('streamNames', () => {
  const names = streamNames('ns/');

  it('puts ledger streams, the position index and id claims under the namespace', () => {
    expect(names.native('series-1')).toBe('ns/series-1');
    expect(names.positionIndex).toBe('ns/ledger-index-positions');
    expect(names.eventIdClaim('0b6c…')).toBe('ns/ledger-index-event-0b6c…');
  });

  it('maps a KurrentDB stream back to its ledger stream, and nothing else', () => {
    expect(names.ledgerStream('ns/series-1')).toBe('series-1');
    expect(names.ledgerStream('other/series-1')).toBeUndefined();
    expect(names.ledgerStream(names.positionIndex)).toBeUndefined();
    expect(names.ledgerStream(names.eventIdClaim('x'))).toBeUndefined();
    expect(names.ledgerStream('ns/')).toBeUndefined();
    expect(streamNames('').ledgerStream('$ce-series')).toBeUndefined();
    expect(streamNames('').ledgerStream('series-1')).toBe('series-1');
  });

  it('rejects reserved stream names and system event types before anything is written', () => {
    expect(() => rejectReservedNames('ledger-index-positions', [newEvent()])).toThrow(InvalidEventError);
    expect(() => rejectReservedNames('$stats', [newEvent()])).toThrow(/stream: is reserved/);
    expect(() => rejectReservedNames('s', [newEvent('A'), newEvent('$metadata')])).toThrow(
      /events\.1\.type: must not start with "\$"/,
    );
    expect(() => rejectReservedNames('s', [newEvent('A')])).not.toThrow();
  });
});
