import { UnreadableEventError } from './errors.ts';
import type { EventStore, RecordedEvent, Subscription } from './types.ts';

/** Brings a stored event to the current shape of its type; returns the event itself when it already has it. */
export type EventUpcaster = (event: RecordedEvent) => RecordedEvent;

/**
 * The store with every read (readStream, readAll, subscriptions) passed through `upcast`, so that readers see one
 * shape per event type however old the stored event is. The stored bytes are untouched: verify still walks the chain
 * over them, and each event's hash is the hash of what was stored, not of the upcast data.
 */
export function withUpcasting(store: EventStore, upcastOne: EventUpcaster): EventStore {
  const upcast = namingPosition(upcastOne);
  const upcastAll = (events: RecordedEvent[]) => events.map(upcast);
  return {
    appendToStream: (stream, events, options) => store.appendToStream(stream, events, options),
    appendToStreams: (appends, options) => store.appendToStreams(appends, options),
    readStream: async (stream, options) => upcastAll(await store.readStream(stream, options)),
    readAll: async (options) => upcastAll(await store.readAll(options)),
    subscribeToAll: (options) => upcastSubscription(store.subscribeToAll(options), upcast),
    headPosition: () => store.headPosition(),
    verify: () => store.verify(),
    close: () => store.close(),
  };
}

function upcastSubscription(subscription: Subscription, upcast: EventUpcaster): Subscription {
  return {
    close: () => subscription.close(),
    async *[Symbol.asyncIterator]() {
      for await (const event of subscription) yield upcast(event);
    },
  };
}

/** A failed upcast names the event's position, so that a reader stopped by it can say where. */
function namingPosition(upcast: EventUpcaster): EventUpcaster {
  return (event) => {
    try {
      return upcast(event);
    } catch (cause) {
      throw new UnreadableEventError(event.position, cause);
    }
  };
}
