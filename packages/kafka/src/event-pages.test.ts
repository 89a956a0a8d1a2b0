import { describe, it, expect } from '@jest/globals';
import { createMemoryEventStore } from '@ledger/event-store';
import { chunkBySize, eventPages } from './event-pages.ts';

describe('chunkBySize', () => {
  it('cuts before the item that would pass the limit, and keeps an oversized item alone', () => {
    expect(chunkBySize([3, 3, 3, 9, 1], (n) => n, 6)).toEqual([[3, 3], [3], [9], [1]]);
    expect(chunkBySize([], (n: number) => n, 6)).toEqual([]);
  });
});

describe('eventPages', () => {
  it('reads what is there in pages, then waits for the next append', async () => {
    const store = createMemoryEventStore();
    const append = (n: number) =>
      store.appendToStream(
        's',
        Array.from({ length: n }, (_, i) => ({ eventId: crypto.randomUUID(), type: 'T', data: { i } })),
      );
    await append(5);
    const stop = new AbortController();
    const pages = eventPages(store, 2, 3, stop.signal);
    const positions = async () => ((await pages.next()).value ?? []).map((e: { position: number }) => e.position);
    expect(await positions()).toEqual([2, 3, 4]);
    expect(await positions()).toEqual([5]);
    const waiting = positions();
    await append(2);
    expect(await waiting).toEqual([6, 7]);
    const ended = pages.next();
    stop.abort();
    expect((await ended).done).toBe(true);
  });
});
