import { describe, it, expect } from '@jest/globals';
import { collect, newEvent } from './contract/event-store-contract.ts';
import { createMemoryEventStore } from './memory-event-store.ts';
import { UnreadableEventError } from './errors.ts';
import { withUpcasting, type EventUpcaster } from './upcasting-store.ts';

/** Renames field n to count in events of type Old; leaves every other event as it is. */
const upcast: EventUpcaster = (event) => {
  if (event.type !== 'Old') return event;
  const { n, ...rest } = event.data;
  return { ...event, data: { ...rest, count: n } };
};

describe('withUpcasting', () => {
  it('upcasts every read, and writes, verifies and reports the head through the store', async () => {
    const raw = createMemoryEventStore();
    const store = withUpcasting(raw, upcast);
    await store.appendToStream('s', [newEvent('Old', { n: 1 }), newEvent('New', { count: 2 })]);
    const expected = [{ count: 1 }, { count: 2 }];

    expect((await store.readAll()).map((e) => e.data)).toEqual(expected);
    expect((await store.readStream('s')).map((e) => e.data)).toEqual(expected);
    const subscription = store.subscribeToAll();
    expect((await collect(subscription, 2)).map((e) => e.data)).toEqual(expected);
    await subscription.close();

    expect((await raw.readAll()).map((e) => e.data)).toEqual([{ n: 1 }, { count: 2 }]);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 2 });
    expect(await store.headPosition()).toBe(2);
    await store.close();
  });

  it('ends a live subscription when it is closed', async () => {
    const store = withUpcasting(createMemoryEventStore(), upcast);
    const subscription = store.subscribeToAll();
    setTimeout(() => void subscription.close(), 20);
    // collect's own timeout is beyond the test's: only the close can end this iteration in time.
    expect(await collect(subscription, 1, 120_000)).toEqual([]);
    await store.close();
  });

  it('names the position of an event it cannot upcast', async () => {
    const store = withUpcasting(createMemoryEventStore(), (event) => {
      if (event.type === 'Broken') throw new Error('no shape for it');
      return event;
    });
    await store.appendToStream('s', [newEvent('New', { count: 1 }), newEvent('Broken', {})]);
    const failure = await store.readAll().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnreadableEventError);
    expect(failure).toMatchObject({ position: 2, message: 'cannot read the event at position 2: no shape for it' });
    await store.close();
  });
});
