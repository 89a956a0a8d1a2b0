import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventIdConflictError, InvalidEventError, WrongExpectedVersionError } from '../errors.ts';
import type { EventStore, EventValidator, NewEvent, RecordedEvent, Subscription } from '../types.ts';

/** How the contract suite gets stores of one adapter. */
export interface EventStoreHarness {
  /** A fresh, empty store. */
  create(options?: { validate?: EventValidator }): Promise<EventStore>;
  /** A second, independent connection to the same data, as another process would have. */
  connectAgain(store: EventStore): Promise<EventStore>;
  /** Closes the store and opens its data again, as a restarted process would. */
  reopen(store: EventStore): Promise<EventStore>;
  /** Changes the stored data of the event at `position` behind the store's back. */
  tamper(store: EventStore, position: number): Promise<void>;
  /** False for an adapter without appends to several streams in one transaction (it says so instead). */
  appendsToStreamsAtomically?: boolean;
}

export const newEvent = (type = 'Happened', data: Record<string, unknown> = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
});

/** Collects `count` events, or what arrived before `timeoutMs` (so a missing event fails an assertion, not the timeout). */
export async function collect(subscription: Subscription, count: number, timeoutMs = 20_000): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs).unref();
  for await (const event of subscription) {
    out.push(event);
    if (out.length === count) break;
  }
  clearTimeout(timer);
  return out;
}

export const positions = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function take(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of subscription) {
    out.push(event);
    if (out.length === count) break;
  }
  return out;
}

/** The behaviour every event-store adapter must have; run it with the adapter's harness. */
export function describeEventStoreContract(adapter: string, harness: EventStoreHarness): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    const extra: EventStore[] = [];
    const connectAgain = async () => {
      const s = await harness.connectAgain(store);
      extra.push(s);
      return s;
    };

    beforeEach(async () => {
      store = await harness.create();
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
    });

    describe('appending and reading', () => {
      it('keeps a dense global order across streams and revisions within each stream', async () => {
        await store.appendToStream('a-1', [newEvent('A', { i: 0 }), newEvent('A', { i: 1 })]);
        await store.appendToStream('b-1', [newEvent('B', { i: 2 })]);
        const result = await store.appendToStream('a-1', [newEvent('A', { i: 3 })]);
        expect(result).toEqual({ nextExpectedRevision: 2, position: 4 });
        const all = await store.readAll();
        expect(all.map((e) => [e.position, e.stream, e.revision, e.data.i])).toEqual([
          [1, 'a-1', 0, 0],
          [2, 'a-1', 1, 1],
          [3, 'b-1', 0, 2],
          [4, 'a-1', 2, 3],
        ]);
        expect((await store.readStream('a-1')).map((e) => e.revision)).toEqual([0, 1, 2]);
        expect((await store.readStream('a-1', { fromRevision: 1, maxCount: 1 })).map((e) => e.data.i)).toEqual([1]);
        expect(await store.readStream('missing')).toEqual([]);
        expect(await store.headPosition()).toBe(4);
      });

      it('returns what was written: data, metadata, type, id and record time', async () => {
        const event = {
          ...newEvent('Reported', { value: '30.24', nested: { list: [1, 'two'] } }),
          metadata: { correlationId: 'c-1' },
        };
        await store.appendToStream('s', [event]);
        const [read] = await store.readAll();
        expect(read).toMatchObject({
          eventId: event.eventId,
          type: 'Reported',
          data: event.data,
          metadata: event.metadata,
          stream: 's',
        });
        expect(Number.isNaN(Date.parse(read!.recordedAt))).toBe(false);
      });
    });

    describe('expected revision', () => {
      it('honours no_stream, stream_exists, an exact revision and any', async () => {
        await store.appendToStream('s', [newEvent()], { expectedRevision: 'no_stream' });
        await expect(store.appendToStream('s', [newEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          name: 'WrongExpectedVersionError',
          actual: 0,
        });
        await expect(
          store.appendToStream('other', [newEvent()], { expectedRevision: 'stream_exists' }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(store.appendToStream('s', [newEvent()], { expectedRevision: 5 })).rejects.toMatchObject({
          expected: 5,
          actual: 0,
        });
        await store.appendToStream('s', [newEvent()], { expectedRevision: 0 });
        await store.appendToStream('s', [newEvent()], { expectedRevision: 'stream_exists' });
        await store.appendToStream('s', [newEvent()], { expectedRevision: 'any' });
        expect((await store.readStream('s')).length).toBe(4);
      });

      it('lets exactly one of several concurrent writers on one expected revision win', async () => {
        await store.appendToStream('contended', [newEvent()]);
        const writers = [store, await connectAgain(), await connectAgain()];
        const attempts = writers.flatMap((w) =>
          [0, 1, 2].map((i) => w.appendToStream('contended', [newEvent('W', { i })], { expectedRevision: 0 })),
        );
        const outcomes = await Promise.allSettled(attempts);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((await store.readStream('contended')).length).toBe(2);
      });
    });

    describe('idempotent event ids', () => {
      it('does not store an event id twice; a retry returns the original result', async () => {
        const batch = [newEvent('A', { i: 1 }), newEvent('A', { i: 2 })];
        const first = await store.appendToStream('s', batch, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream('s', batch, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        expect(await store.headPosition()).toBe(2);
      });

      it('rejects the same id with other content, and writes nothing of that batch', async () => {
        const event = newEvent('A', { i: 1 });
        await store.appendToStream('s', [event]);
        await expect(store.appendToStream('s', [newEvent(), { ...event, data: { i: 2 } }])).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        await expect(store.appendToStream('elsewhere', [event])).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.headPosition()).toBe(1);
      });
    });

    describe('appendToStreams', () => {
      const atomic = harness.appendsToStreamsAtomically ?? true;

      it('appends to several streams in order; a later append to a stream follows the earlier one', async () => {
        await store.appendToStream('a', [newEvent('A', { i: 0 })]);
        const again = newEvent('B', { i: 2 });
        const outcomes = await store.appendToStreams([
          { stream: 'a', events: [newEvent('A', { i: 1 })], expectedRevision: 0 },
          { stream: 'b', events: [again], expectedRevision: 'no_stream' },
          { stream: 'a', events: [newEvent('A', { i: 3 })], expectedRevision: 1 },
          { stream: 'b', events: [again] },
        ]);
        expect(outcomes).toEqual([
          { ok: true, result: { nextExpectedRevision: 1, position: 2 }, written: 1 },
          { ok: true, result: { nextExpectedRevision: 0, position: 3 }, written: 1 },
          { ok: true, result: { nextExpectedRevision: 2, position: 4 }, written: 1 },
          { ok: true, result: { nextExpectedRevision: 0, position: 3 }, written: 0 },
        ]);
        const all = await store.readAll();
        expect(all.map((e) => [e.position, e.stream, e.revision, e.data.i])).toEqual([
          [1, 'a', 0, 0],
          [2, 'a', 1, 1],
          [3, 'b', 0, 2],
          [4, 'a', 2, 3],
        ]);
        expect((await store.verify()).ok).toBe(true);
      });

      it('gives a refused append its own error and writes the others', async () => {
        await store.appendToStream('taken', [newEvent()]);
        const outcomes = await store.appendToStreams([
          { stream: 'x', events: [newEvent('A', { i: 1 })] },
          { stream: 'taken', events: [newEvent()], expectedRevision: 'no_stream' },
          { stream: 'bad', events: [] },
          { stream: 'y', events: [newEvent('A', { i: 2 })] },
        ]);
        expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
        expect(outcomes[1]).toMatchObject({ error: { name: 'WrongExpectedVersionError' } });
        expect(outcomes[2]).toMatchObject({ error: { name: 'InvalidEventError' } });
        expect((await store.readAll()).map((e) => [e.stream, e.position])).toEqual([
          ['taken', 1],
          ['x', 2],
          ['y', 3],
        ]);
      });

      it('with allOrNothing throws the first refusal and writes nothing', async () => {
        await store.appendToStream('taken', [newEvent()]);
        const appends = [
          { stream: 'x', events: [newEvent('A', { i: 1 })] },
          { stream: 'taken', events: [newEvent()], expectedRevision: 'no_stream' as const },
        ];
        await expect(store.appendToStreams(appends, { allOrNothing: true })).rejects.toBeInstanceOf(
          atomic ? WrongExpectedVersionError : Error,
        );
        expect(await store.headPosition()).toBe(1);
        if (!atomic) return;
        const outcomes = await store.appendToStreams([appends[0]!, { stream: 'y', events: [newEvent()] }], {
          allOrNothing: true,
        });
        expect(outcomes.map((o) => o.ok && o.result.position)).toEqual([2, 3]);
      });
    });

    describe('readAll', () => {
      beforeEach(async () => {
        for (let i = 0; i < 10; i++)
          await store.appendToStream(i % 2 ? 'series-x' : 'document-y', [
            newEvent(i % 3 ? 'Reported' : 'Registered', { i }),
          ]);
      });

      it('pages from an inclusive position', async () => {
        const first = await store.readAll({ maxCount: 4 });
        expect(first.map((e) => e.position)).toEqual([1, 2, 3, 4]);
        const next = await store.readAll({ fromPosition: first.at(-1)!.position + 1, maxCount: 4 });
        expect(next.map((e) => e.position)).toEqual([5, 6, 7, 8]);
        expect((await store.readAll({ fromPosition: 9 })).map((e) => e.position)).toEqual([9, 10]);
        expect(await store.readAll({ fromPosition: 11 })).toEqual([]);
      });

      it('filters by event type and by stream prefix', async () => {
        const registered = await store.readAll({ filter: { eventTypes: ['Registered'] } });
        expect(registered.map((e) => e.data.i)).toEqual([0, 3, 6, 9]);
        const series = await store.readAll({ filter: { streamPrefixes: ['series-'] }, maxCount: 3 });
        expect(series.map((e) => e.data.i)).toEqual([1, 3, 5]);
        const both = await store.readAll({
          filter: { eventTypes: ['Registered'], streamPrefixes: ['series-', 'nothing-'] },
        });
        expect(both.map((e) => e.data.i)).toEqual([3, 9]);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then delivers live appends, in order', async () => {
        await store.appendToStream('s', [newEvent('A', { i: 1 }), newEvent('A', { i: 2 })]);
        const subscription = store.subscribeToAll();
        const received = take(subscription, 5);
        await store.appendToStream('t', [newEvent('A', { i: 3 })]);
        await store.appendToStream('s', [newEvent('A', { i: 4 }), newEvent('A', { i: 5 })]);
        expect((await received).map((e) => [e.position, e.data.i])).toEqual([
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 5],
        ]);
        await subscription.close();
      });

      it('sees appends made through another connection', async () => {
        const other = await connectAgain();
        const subscription = store.subscribeToAll();
        const received = take(subscription, 2);
        await other.appendToStream('s', [newEvent('A', { i: 1 })]);
        await other.appendToStream('s', [newEvent('A', { i: 2 })]);
        expect((await received).map((e) => e.data.i)).toEqual([1, 2]);
        await subscription.close();
      });

      it('resumes from a position, and applies its filter', async () => {
        for (let i = 1; i <= 6; i++)
          await store.appendToStream(i % 2 ? 'series-a' : 'document-b', [newEvent('A', { i })]);
        const first = store.subscribeToAll();
        const seen = await take(first, 3);
        await first.close();
        const resumed = store.subscribeToAll({ fromPosition: seen.at(-1)!.position + 1 });
        expect((await take(resumed, 3)).map((e) => e.data.i)).toEqual([4, 5, 6]);
        await resumed.close();
        const filtered = store.subscribeToAll({ fromPosition: 2, filter: { streamPrefixes: ['series-'] } });
        const live = take(filtered, 3);
        await store.appendToStream('series-a', [newEvent('A', { i: 7 })]);
        expect((await live).map((e) => e.data.i)).toEqual([3, 5, 7]);
        await filtered.close();
      });

      it('ends the iteration when closed while waiting', async () => {
        const subscription = store.subscribeToAll();
        const drained = (async () => {
          const out: RecordedEvent[] = [];
          for await (const e of subscription) out.push(e);
          return out;
        })();
        await new Promise((r) => setTimeout(r, 20));
        await subscription.close();
        expect(await drained).toEqual([]);
      });
    });

    describe('durability and integrity', () => {
      it('keeps every acknowledged event across a restart, with the chain intact', async () => {
        for (let i = 0; i < 20; i++) await store.appendToStream(`s-${i % 3}`, [newEvent('A', { i })]);
        store = await harness.reopen(store);
        const all = await store.readAll();
        expect(all.map((e) => e.data.i)).toEqual([...Array(20).keys()]);
        expect(await store.verify()).toMatchObject({ ok: true, checked: 20 });
        await store.appendToStream('s-0', [newEvent('A', { i: 20 })], { expectedRevision: 6 });
        expect(await store.headPosition()).toBe(21);
      });

      it('chains each event to the previous hash and verifies the whole order', async () => {
        for (let i = 0; i < 5; i++) await store.appendToStream('s', [newEvent('A', { i })]);
        const all = await store.readAll();
        for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
        expect(await store.verify()).toEqual({ ok: true, checked: 5, headHash: all.at(-1)!.hash });
      });

      it('names the first tampered position', async () => {
        for (let i = 0; i < 6; i++) await store.appendToStream('s', [newEvent('A', { i })]);
        await harness.tamper(store, 4);
        const result = await store.verify();
        expect(result).toMatchObject({ ok: false, brokenAt: 4, checked: 3 });
      });
    });

    describe('validation before writing', () => {
      it('rejects a malformed envelope naming the field, and writes nothing', async () => {
        const good = newEvent();
        const cases: Array<[unknown[], RegExp]> = [
          [[{ ...good, eventId: 'not-a-uuid' }], /events\.0\.eventId/],
          [[good, { ...newEvent(), type: '' }], /events\.1\.type/],
          [[{ ...newEvent(), data: 'text' }], /events\.0\.data/],
          [[{ ...newEvent(), data: { n: 1n } }], /events\.0\.data/],
          [[{ ...newEvent(), metadata: { n: 1n } }], /events\.0\.metadata/],
          [[], /events/],
          [[good, good], /events\.1\.eventId: appears twice/],
        ];
        for (const [events, field] of cases) {
          await expect(store.appendToStream('s', events as NewEvent[])).rejects.toThrow(field);
        }
        await expect(store.appendToStream('', [good])).rejects.toBeInstanceOf(InvalidEventError);
        await expect(store.appendToStream('s', [good], { expectedRevision: -3 as never })).rejects.toThrow(
          /expectedRevision/,
        );
        expect(await store.headPosition()).toBe(0);
      });

      it('refuses text it cannot store and read back byte for byte (lone surrogates, NUL), so verify stays ok', async () => {
        const cases: Array<[string, NewEvent, RegExp]> = [
          ['X-\ud800', newEvent(), /^stream: .*lone surrogate/],
          ['s\u0000', newEvent(), /^stream: .*NUL/],
          ['s', newEvent('A\udc00'), /^events\.1\.type: .*lone surrogate/],
          ['s', newEvent('A', { name: { code: 'X-\ud800' } }), /^events\.1\.data\.name\.code: .*lone surrogate/],
          ['s', newEvent('A', { list: ['ok', 'a\u0000b'] }), /^events\.1\.data\.list\.1: .*NUL/],
          ['s', newEvent('A', { ['k\udfff']: 1 }), /^events\.1\.data\.k.*: key .*lone surrogate/],
          ['s', { ...newEvent(), metadata: { by: '\ud83d' } }, /^events\.1\.metadata\.by: .*lone surrogate/],
        ];
        for (const [stream, event, message] of cases) {
          const error = await store.appendToStream(stream, [newEvent(), event]).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(InvalidEventError);
          expect((error as Error).message).toMatch(message);
        }
        expect(await store.headPosition()).toBe(0);
        // Well-formed text outside the BMP, controls other than NUL and a literal "\u0000" are stored exactly.
        const data = { emoji: '😀𠀀', controls: '\t\n\u001f\u007f\u0085', escaped: '\\u0000 \\ud800' };
        await store.appendToStream('s-😀', [newEvent('A', data)]);
        const [stored] = await store.readAll();
        expect(stored).toMatchObject({ stream: 's-😀', data });
        expect(await store.verify()).toMatchObject({ ok: true, checked: 1 });
      });

      it('runs the given validator on every event before writing any', async () => {
        const validated = await harness.create({
          validate: (e) => {
            if (e.data.ok !== true) throw new InvalidEventError('data.ok', 'must be true');
          },
        });
        extra.push(validated);
        await expect(
          validated.appendToStream('s', [newEvent('A', { ok: true }), newEvent('A', { ok: false })]),
        ).rejects.toThrow(/data\.ok: must be true/);
        expect(await validated.headPosition()).toBe(0);
        await validated.appendToStream('s', [newEvent('A', { ok: true })]);
        expect(await validated.headPosition()).toBe(1);
      });
    });
  });
}
