import { describe, it, expect } from '@jest/globals';
import {
  planAppend,
  planAppends,
  type AppendState,
  type AppendsState,
  type StoredEventSummary,
} from './append-plan.ts';
import { newEvent } from './contract/event-store-contract.ts';
import { EventIdConflictError, WrongExpectedVersionError } from './errors.ts';
import { eventHash, GENESIS_HASH, verifyChain } from './hash-chain.ts';
import type { RecordedEvent } from './types.ts';

const recordedAt = '2026-01-02T03:04:05.000Z';
const empty: AppendState = {
  streamRevision: -1,
  head: { position: 0, hash: GENESIS_HASH },
  storedEvent: () => undefined,
  recordedAt,
};
const events = [newEvent('A', { i: 1 }), { ...newEvent('B', { i: 2 }), metadata: { by: 'test' } }];

function written(plan: ReturnType<typeof planAppend>): RecordedEvent[] {
  if (!plan.write) throw new Error('expected the plan to write');
  return plan.recorded;
}

const storedAs = (stream: string, position: number) =>
  new Map<string, StoredEventSummary>(
    events.map((e, i) => [e.eventId, { stream, type: e.type, data: e.data, position: position + i }]),
  );

describe('planAppend', () => {
  it('gives the first batch positions from 1, revisions from 0, and a chain from genesis', async () => {
    const plan = planAppend('s', events, 'no_stream', empty);
    const recorded = written(plan);
    expect(recorded.map((e) => [e.eventId, e.stream, e.revision, e.position, e.recordedAt])).toEqual([
      [events[0]!.eventId, 's', 0, 1, recordedAt],
      [events[1]!.eventId, 's', 1, 2, recordedAt],
    ]);
    expect(recorded.map((e) => e.metadata)).toEqual([{}, { by: 'test' }]);
    expect(plan.result).toEqual({ nextExpectedRevision: 1, position: 2 });
    expect(await verifyChain(recorded)).toEqual({ ok: true, checked: 2, headHash: recorded[1]!.hash });
  });

  it("continues positions and the chain from the store's head, and revisions from the stream's", () => {
    const head = { position: 10, hash: 'c'.repeat(64) };
    const plan = planAppend('s', events, 4, { ...empty, streamRevision: 4, head });
    const recorded = written(plan);
    expect(recorded.map((e) => [e.revision, e.position])).toEqual([
      [5, 11],
      [6, 12],
    ]);
    expect(recorded[0]!.prevHash).toBe(head.hash);
    expect(recorded[0]!.hash).toBe(eventHash(head.hash, recorded[0]!));
    expect(recorded[1]!.prevHash).toBe(recorded[0]!.hash);
    expect(recorded[1]!.hash).toBe(eventHash(recorded[0]!.hash, recorded[1]!));
    expect(plan.result).toEqual({ nextExpectedRevision: 6, position: 12 });
  });

  it.each([
    ['any', -1, true],
    ['any', 3, true],
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['stream_exists', -1, false],
    ['stream_exists', 0, true],
    [3, 3, true],
    [2, 3, false],
    [0, -1, false],
  ] as const)('expected revision %p against a stream at %p: accepted %p', (expected, streamRevision, accepted) => {
    const plan = () => planAppend('s', events, expected, { ...empty, streamRevision });
    if (accepted) expect(written(plan())[0]!.revision).toBe(streamRevision + 1);
    else
      expect(plan).toThrow(
        new WrongExpectedVersionError('s', expected, streamRevision === -1 ? 'no_stream' : streamRevision),
      );
  });

  it('writes nothing when every event is stored with the same content, whatever the expectation', () => {
    const stored = storedAs('s', 7);
    const plan = planAppend('s', events, 'no_stream', {
      ...empty,
      streamRevision: 3,
      storedEvent: (id) => stored.get(id),
    });
    expect(plan).toEqual({ write: false, result: { nextExpectedRevision: 3, position: 8 } });
  });

  it('writes only the events not yet stored, after checking the expectation', () => {
    const stored = new Map([[events[0]!.eventId, storedAs('s', 7).get(events[0]!.eventId)!]]);
    const state = { ...empty, streamRevision: 0, head: { position: 7, hash: 'd'.repeat(64) } };
    const recorded = written(planAppend('s', events, 0, { ...state, storedEvent: (id) => stored.get(id) }));
    expect(recorded.map((e) => [e.eventId, e.revision, e.position])).toEqual([[events[1]!.eventId, 1, 8]]);
    expect(() => planAppend('s', events, 5, { ...state, storedEvent: (id) => stored.get(id) })).toThrow(
      WrongExpectedVersionError,
    );
  });

  it('refuses an event id stored with other content, in another stream, or of another type', () => {
    const [event] = events;
    const variants: StoredEventSummary[] = [
      { stream: 's', type: event!.type, data: { i: 99 }, position: 1 },
      { stream: 'other', type: event!.type, data: event!.data, position: 1 },
      { stream: 's', type: 'Other', data: event!.data, position: 1 },
    ];
    for (const stored of variants)
      expect(() => planAppend('s', [event!], 'any', { ...empty, storedEvent: () => stored })).toThrow(
        new EventIdConflictError(event!.eventId),
      );
  });

  it('judges stored content by canonical JSON, not key order', () => {
    const event = newEvent('A', { a: 1, b: { c: 2, d: 3 } });
    const stored = { stream: 's', type: 'A', data: { b: { d: 3, c: 2 }, a: 1 }, position: 4 };
    expect(planAppend('s', [event], 'any', { ...empty, streamRevision: 0, storedEvent: () => stored })).toEqual({
      write: false,
      result: { nextExpectedRevision: 0, position: 4 },
    });
  });
});

describe('planAppends', () => {
  const group: AppendsState = { ...empty, streamRevision: () => -1 };
  const one = (type: string, i: number) => [newEvent(type, { i })];

  it('plans a group as if its appends came one after another: revisions, positions and one chain', async () => {
    const { outcomes, recorded } = planAppends(
      [
        { stream: 'a', events: events, expectedRevision: 'no_stream' },
        { stream: 'b', events: one('B', 1), expectedRevision: 'any' },
        { stream: 'a', events: one('A', 3), expectedRevision: 1 },
      ],
      group,
    );
    expect(outcomes).toEqual([
      { ok: true, result: { nextExpectedRevision: 1, position: 2 }, written: 2 },
      { ok: true, result: { nextExpectedRevision: 0, position: 3 }, written: 1 },
      { ok: true, result: { nextExpectedRevision: 2, position: 4 }, written: 1 },
    ]);
    expect(recorded.map((e) => [e.stream, e.revision, e.position])).toEqual([
      ['a', 0, 1],
      ['a', 1, 2],
      ['b', 0, 3],
      ['a', 2, 4],
    ]);
    expect(await verifyChain(recorded)).toMatchObject({ ok: true, checked: 4 });
  });

  it('rejects an append that fails its check alone; the others keep dense positions', () => {
    const { outcomes, recorded } = planAppends(
      [
        { stream: 'a', events: one('A', 1), expectedRevision: 'no_stream' },
        { stream: 'a', events: one('A', 2), expectedRevision: 'no_stream' },
        { stream: 'c', events: one('C', 1), expectedRevision: 4 },
      ],
      { ...group, streamRevision: (stream) => (stream === 'c' ? 4 : -1) },
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect((outcomes[1] as { error: Error }).error).toEqual(new WrongExpectedVersionError('a', 'no_stream', 0));
    expect(recorded.map((e) => [e.stream, e.revision, e.position])).toEqual([
      ['a', 0, 1],
      ['c', 5, 2],
    ]);
  });

  it('sees the event ids planned earlier in the group: the same event again is a retry, other content a conflict', () => {
    const [event] = one('A', 1);
    const { outcomes, recorded } = planAppends(
      [
        { stream: 'a', events: [event!], expectedRevision: 'any' },
        { stream: 'a', events: [event!], expectedRevision: 'no_stream' },
        { stream: 'a', events: [{ ...event!, data: { i: 2 } }], expectedRevision: 'any' },
      ],
      group,
    );
    expect(outcomes[0]).toEqual({ ok: true, result: { nextExpectedRevision: 0, position: 1 }, written: 1 });
    expect(outcomes[1]).toEqual({ ok: true, result: { nextExpectedRevision: 0, position: 1 }, written: 0 });
    expect((outcomes[2] as { error: Error }).error).toEqual(new EventIdConflictError(event!.eventId));
    expect(recorded).toHaveLength(1);
  });
});
