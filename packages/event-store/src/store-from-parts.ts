import { verifyChain } from './hash-chain.ts';
import { everyEventInOrder } from './read-pages.ts';
import { subscribeFrom, type AppendSignal } from './subscription.ts';
import type { EventStore, StreamAppendOutcome, SubscribeOptions, VerifyResult } from './types.ts';

/** What an adapter implements itself; subscriptions, verification and closing are the same for all. */
export interface StoreParts extends Pick<EventStore, 'appendToStream' | 'readStream' | 'readAll' | 'headPosition'> {
  /** Default: one appendToStream after another (not one transaction), and allOrNothing only for a single append. */
  appendToStreams?: EventStore['appendToStreams'];
  /** Signalled on every append this adapter sees, so live subscriptions wake up. */
  appended: AppendSignal;
  /** Default: walk the hash chain over `readAll`. */
  verify?: () => Promise<VerifyResult>;
  /** Releases connections or files; called once, on the first close. */
  release: () => Promise<void>;
}

export function eventStoreFrom(parts: StoreParts): EventStore {
  const { appendToStream, readStream, readAll, headPosition, appended } = parts;
  let closed = false;
  const appendToStreams: EventStore['appendToStreams'] =
    parts.appendToStreams ??
    (async (appends, { allOrNothing = false } = {}) => {
      if (allOrNothing && appends.length > 1)
        throw new Error('this store cannot append to several streams in one transaction');
      const outcomes: StreamAppendOutcome[] = [];
      for (const { stream, events, expectedRevision } of appends) {
        // What was stored already, read before: a writer appending the same ids meanwhile goes unnoticed here.
        const stored = new Set((await readStream(stream)).map((event) => event.eventId));
        const written = Array.isArray(events) ? events.filter((event) => !stored.has(event?.eventId)).length : 0;
        const appended = appendToStream(stream, events, expectedRevision === undefined ? {} : { expectedRevision });
        outcomes.push(
          await appended.then(
            (result) => ({ ok: true as const, result, written }),
            (error: Error) => {
              if (allOrNothing) throw error;
              return { ok: false as const, error };
            },
          ),
        );
      }
      return outcomes;
    });
  return {
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    headPosition,
    subscribeToAll: ({ fromPosition = 0, filter }: SubscribeOptions = {}) =>
      subscribeFrom({ readAll, headPosition, waitForAppend: (signal) => appended.wait(signal) }, fromPosition, filter),
    verify: parts.verify ?? (() => verifyChain(everyEventInOrder(readAll))),
    close: async () => {
      if (closed) return;
      closed = true;
      appended.notify();
      await parts.release();
    },
  };
}
