import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { Kafka, type Message, type TopicMessages } from 'kafkajs';
import { retryUntilDone, type Backoff } from './backoff.ts';
import { openSqliteCheckpoint, type CheckpointStore } from './checkpoint.ts';
import { eventMessage } from './cloud-event.ts';
import { chunkBySize, eventPages } from './event-pages.ts';
import { kafkaLogCreator, type RelayLogger } from './logging.ts';
import { createObservationTracker, observationMessage, type ObservationTracker } from './observations.ts';
import { CLIENT_RETRY, createPublisher, type Publisher } from './publisher.ts';
import { DEFAULT_TOPICS, type TopicNames } from './topics.ts';

export interface RelayOptions {
  store: EventStore;
  /** Bootstrap addresses. */
  brokers: readonly string[];
  /** A SQLite file for the checkpoint, or any other checkpoint store. */
  checkpointPath?: string;
  checkpointStore?: CheckpointStore;
  logger: RelayLogger;
  /** Stops the relay; it finishes nothing half-way: an unacknowledged batch goes out again on the next start. */
  signal: AbortSignal;
  topics?: TopicNames;
  clientId?: string;
  /** Events read from the store at a time. */
  pageSize?: number;
  /** Events go out in sends of about this many bytes, one checkpoint per send. */
  maxSendBytes?: number;
  backoff?: Backoff;
}

export interface Relay {
  /** The last position the broker acknowledged. */
  position(): number;
  /** Resolves once the relay stopped after `signal` aborted; it never stops by itself. */
  done: Promise<void>;
}

/**
 * Publishes the event store's global order to Kafka from a checkpoint: every event to the events topic, every change
 * of an observation's best value to the compacted observations topic. Returns at once: nothing waits for the broker,
 * and a broker that is away only delays publishing.
 */
export function startRelay(options: RelayOptions): Relay {
  const { store, logger, signal } = options;
  const topics = options.topics ?? DEFAULT_TOPICS;
  const backoff = options.backoff ?? { minMs: 500, maxMs: 10_000 };
  const checkpoint = options.checkpointStore ?? openSqliteCheckpoint(requiredPath(options.checkpointPath));
  const kafka = new Kafka({
    clientId: options.clientId ?? 'indicator-ledger-relay',
    brokers: [...options.brokers],
    connectionTimeout: 3_000,
    retry: CLIENT_RETRY,
    logCreator: kafkaLogCreator(logger),
  });
  let position = 0;

  /**
   * From the checkpoint to the end: rebuilds what was published before it, then publishes what follows. One send is
   * in flight at a time (per-stream order), while the next one is prepared.
   */
  async function publishFromCheckpoint(): Promise<void> {
    position = await checkpoint.read();
    const tracker = await trackerUpTo(store, position, options.pageSize ?? 1_000, signal);
    logger.info({ position, brokers: options.brokers, topics }, 'kafka relay resuming after its checkpoint');
    const publisher = createPublisher(kafka, topics, logger, backoff);
    let inFlight: Promise<void> = Promise.resolve();
    try {
      for await (const page of eventPages(store, position + 1, options.pageSize ?? 1_000, signal)) {
        const messages = page.map((event) => ({ event, message: eventMessage(event) }));
        for (const chunk of chunkBySize(
          messages,
          ({ message }) => Buffer.byteLength(message.value as string),
          options.maxSendBytes ?? 1_000_000,
        )) {
          const send = prepareSend(tracker, chunk);
          await inFlight;
          inFlight = publishAndCheckpoint(publisher, send);
          inFlight.catch(() => {}); // observed by the next await; until then the loop may be waiting for appends
        }
      }
      await inFlight;
    } finally {
      await inFlight.catch(() => {});
      await publisher.close();
    }
  }

  function prepareSend(tracker: ObservationTracker, chunk: Array<{ event: RecordedEvent; message: Message }>) {
    const topicMessages: TopicMessages[] = [{ topic: topics.events, messages: chunk.map(({ message }) => message) }];
    const changes = tracker.apply(chunk.map(({ event }) => event)).map(observationMessage);
    if (changes.length > 0) topicMessages.push({ topic: topics.observations, messages: changes });
    return { topicMessages, lastPosition: chunk.at(-1)!.event.position };
  }

  async function publishAndCheckpoint(
    publisher: Publisher,
    send: { topicMessages: TopicMessages[]; lastPosition: number },
  ): Promise<void> {
    await publisher.publish(send.topicMessages, signal);
    position = send.lastPosition;
    await checkpoint.save(position);
  }

  const done = retryUntilDone(publishFromCheckpoint, {
    signal,
    backoff,
    onFailure: (error, delayMs) =>
      logger.error({ err: error, retryInMs: delayMs }, 'kafka relay failed; restarting from its checkpoint'),
  })
    .catch((error: unknown) => {
      if (!signal.aborted) throw error;
    })
    .finally(() => checkpoint.close());
  done.then(
    () => logger.info({ position }, 'kafka relay stopped'),
    () => {},
  );
  return { position: () => position, done };
}

function requiredPath(path: string | undefined): string {
  if (!path) throw new TypeError('startRelay needs checkpointPath or checkpointStore');
  return path;
}

/** The observation tracker as it stood at `position`: what the relay had published before its checkpoint. */
async function trackerUpTo(
  store: EventStore,
  position: number,
  pageSize: number,
  signal: AbortSignal,
): Promise<ObservationTracker> {
  const tracker = createObservationTracker();
  for (let next = 1; next <= position && !signal.aborted;) {
    const page = await store.readAll({ fromPosition: next, maxCount: Math.min(pageSize, position - next + 1) });
    if (page.length === 0) break;
    tracker.apply(page);
    next = page.at(-1)!.position + 1;
  }
  return tracker;
}
