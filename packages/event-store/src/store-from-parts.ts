import { verifyChain } from './hash-chain.ts';
import { everyEventInOrder } from './read-pages.ts';
import { subscribeFrom, type AppendSignal } from './subscription.ts';
import type { EventStore, SubscribeOptions, VerifyResult } from './types.ts';

/** What an adapter implements itself; subscriptions, verification and closing are the same for all. */
export interface StoreParts extends Pick<
  EventStore,
  'appendToStream' | 'appendToStreams' | 'readStream' | 'readAll' | 'headPosition'
> {
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
  return {
    appendToStream,
    ...(parts.appendToStreams && { appendToStreams: parts.appendToStreams }),
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
