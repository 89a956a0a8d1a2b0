import { describe, it, expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '@ledger/canonical';
import { eventHash, GENESIS_HASH, verifyChain } from './hash-chain.ts';
import type { RecordedEvent } from './types.ts';

function chain(length: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let position = 1; position <= length; position++) {
    const content = {
      eventId: randomUUID(),
      type: 'A',
      stream: 's',
      revision: position - 1,
      position,
      data: { position },
      metadata: {},
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    const hash = eventHash(prevHash, content);
    events.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

describe('verifyChain', () => {
  it('names a deleted event by the position that is missing', async () => {
    const events = chain(5);
    expect(await verifyChain([...events.slice(0, 2), ...events.slice(3)])).toMatchObject({
      ok: false,
      brokenAt: 3,
      checked: 2,
    });
  });

  it('names an event whose link or content was rewritten', async () => {
    const events = chain(5);
    expect(
      await verifyChain(events.map((e) => (e.position === 4 ? { ...e, data: { position: 40 } } : e))),
    ).toMatchObject({ ok: false, brokenAt: 4 });
    expect(
      await verifyChain(events.map((e) => (e.position === 2 ? { ...e, prevHash: GENESIS_HASH } : e))),
    ).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('cannot see a cut-off tail by itself: the head hash it returns must be compared with one kept elsewhere', async () => {
    const events = chain(5);
    const whole = await verifyChain(events);
    const cut = await verifyChain(events.slice(0, 3));
    expect(cut).toMatchObject({ ok: true, checked: 3 });
    expect(cut.ok && whole.ok && cut.headHash !== whole.headHash).toBe(true);
  });
});

describe('eventHash', () => {
  it('composed from the canonical JSON of data and metadata, hashes the same bytes as serialising the whole', () => {
    const content = {
      eventId: randomUUID(),
      type: 'FigureReported "quoted" \\ type',
      stream: 'series-370112:GDP:level:元\n',
      revision: 12,
      position: 9_007_199_254_740_991,
      data: { z: [3, { b: '126 亿元', a: null }], a: 'tab\tand \u0001 and \\u0000 as text', m: { '': 1.5e-7 } },
      metadata: { requestId: 'r-1', actor: { name: '测试' } },
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    const json = { data: canonicalJson(content.data), metadata: canonicalJson(content.metadata) };
    expect(eventHash(GENESIS_HASH, content, json)).toBe(eventHash(GENESIS_HASH, content));
    expect(eventHash(GENESIS_HASH, { ...content, revision: 13 }, json)).not.toBe(eventHash(GENESIS_HASH, content));
  });
});
