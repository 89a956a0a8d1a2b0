import type { EventStore, RecordedEvent } from '@ledger/event-store';

/**
 * Pages of the global order from `fromPosition`, each as large as the store has ready (up to `maxCount`); when caught
 * up, waits for the next append. Ends when `signal` aborts.
 */
export async function* eventPages(
  store: EventStore,
  fromPosition: number,
  maxCount: number,
  signal: AbortSignal,
): AsyncGenerator<RecordedEvent[]> {
  let next = fromPosition;
  while (!signal.aborted) {
    const page = await store.readAll({ fromPosition: next, maxCount });
    if (page.length > 0) {
      yield page;
      next = page.at(-1)!.position + 1;
    } else await nextAppend(store, next, signal);
  }
}

/** The subscription only says that an event arrived; the caller reads it (and whatever followed) in one page. */
async function nextAppend(store: EventStore, fromPosition: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return; // an abort listener added now would never fire
  const subscription = store.subscribeToAll({ fromPosition });
  const close = () => void subscription.close();
  signal.addEventListener('abort', close, { once: true });
  try {
    await subscription[Symbol.asyncIterator]().next();
  } finally {
    signal.removeEventListener('abort', close);
    await subscription.close();
  }
}

/** Splits events into runs of about `maxBytes` of serialised size, each holding at least one event. */
export function chunkBySize<T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
