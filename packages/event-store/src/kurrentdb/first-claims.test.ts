import { describe, it, expect } from '@jest/globals';
import { newEvent } from '../contract/event-store-contract.ts';
import { planAppend } from '../append-plan.ts';
import { firstClaims, verifyClaims } from './first-claims.ts';
import { EMPTY_INDEX } from './position-index.ts';
import type { RecordedEvent } from '../types.ts';

const plan = planAppend(
  's',
  Array.from({ length: 6 }, (_, i) => newEvent('A', { i })),
  'any',
  { streamRevision: -1, head: EMPTY_INDEX, storedEvent: () => undefined, recordedAt: '2026-01-02T03:04:05.000Z' },
);
const ledger = plan.write ? plan.recorded : [];
const at = (position: number) => ledger[position - 1]!;
/** What a forger can write into an append-only log: a later record claiming a position, with other data. */
const forged = (position: number): RecordedEvent => ({ ...at(position), eventId: 'forged', data: { i: 999 } });

async function positionsOf(events: AsyncIterable<RecordedEvent>): Promise<number[]> {
  const out: number[] = [];
  for await (const event of events) out.push(event.position);
  return out;
}

describe('firstClaims', () => {
  it('reads from a position, skipping what precedes it in the batch', async () => {
    expect(await positionsOf(firstClaims(ledger, 3))).toEqual([3, 4, 5, 6]);
  });

  it('keeps the first record that claims a position; a later claim is reported, not read', async () => {
    const reclaims: RecordedEvent[] = [];
    const read = await positionsOf(firstClaims([...ledger, forged(4), forged(1)], 2, (r) => reclaims.push(r)));
    expect(read).toEqual([2, 3, 4, 5, 6]);
    expect(reclaims.map((r) => r.position)).toEqual([4]); // position 1 is before this read: not its concern
  });

  it('passes a gap on, for the chain to name', async () => {
    expect(await positionsOf(firstClaims([at(1), at(3)], 1))).toEqual([1, 3]);
  });
});

describe('verifyClaims', () => {
  it('verifies an untouched log', async () => {
    expect(await verifyClaims(ledger)).toEqual({ ok: true, checked: 6, headHash: at(6).hash });
  });

  it('names a position claimed again later in the log', async () => {
    expect(await verifyClaims([...ledger, forged(5), forged(4)])).toMatchObject({
      ok: false,
      brokenAt: 4,
      checked: 3,
      reason: expect.stringContaining('forged'),
    });
  });

  it('names a break of the chain that comes before any reclaimed position', async () => {
    const broken = { ...at(2), data: { i: 'changed' } };
    expect(await verifyClaims([at(1), broken, ...ledger.slice(2), forged(4)])).toMatchObject({
      ok: false,
      brokenAt: 2,
      checked: 1,
    });
  });

  it('names a reclaimed position that comes before a later break of the chain', async () => {
    expect(await verifyClaims([...ledger.slice(0, 4), forged(2), ...ledger.slice(5)])).toMatchObject({
      ok: false,
      brokenAt: 2,
      checked: 1,
    });
  });
});
