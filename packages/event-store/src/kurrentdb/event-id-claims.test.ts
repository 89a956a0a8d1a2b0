import { describe, it, expect } from '@jest/globals';
import { decodeEventIdClaim, eventIdClaimRecord, EVENT_ID_CLAIMED } from './event-id-claims.ts';

describe('event id claims', () => {
  it('record where the event is stored', () => {
    const record = eventIdClaimRecord({ stream: 'series-1', revision: 3 });
    expect(record).toMatchObject({ type: EVENT_ID_CLAIMED, data: { stream: 'series-1', revision: 3 } });
    expect(decodeEventIdClaim(record.data)).toEqual({ stream: 'series-1', revision: 3 });
  });

  it('refuse a malformed claim', () => {
    expect(() => decodeEventIdClaim({ stream: 's', revision: -1 })).toThrow(/malformed ledger event id claim/);
  });
});
