import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@ledger/event-store';
import type { ObservationOutbox } from '@ledger/projections';
import { Kafka } from 'kafkajs';
import { pause, retryUntilDone, type Backoff } from './backoff.ts';
import { openSqliteCheckpoint, type CheckpointStore } from './checkpoint.ts';
import { checkpointSaver } from './checkpoint-saver.ts';
import { eventMessage } from './cloud-event.ts';
import { chunkBySize, eventPages } from './event-pages.ts';
import { kafkaLogCreator, type RelayLogger } from './logging.ts';
import { observationMessage } from './observations.ts';
import { CLIENT_RETRY, createPublisher } from './publisher.ts';
import { DEFAULT_TOPICS, type TopicNames } from './topics.ts';

/**
 * The size of a send: large enough that sends cost little per event, small enough that the buffers kafkajs builds for
 * one (several copies of it) stay a small part of the relay's memory.
 */
export const DEFAULT_MAX_SEND_BYTES = 256_000;
/** How long a stopping relay waits for its loops to finish their send in hand. */
const STOP_WAIT_MS = 5_000;

export interface RelayOptions {
  store: EventStore;
  /** The read models' outbox of observation changes, published to the compacted topic and then removed. */
  outbox: ObservationOutbox;
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
  /** Events (and outbox entries) read at a time. */
  pageSize?: number;
  /** Events go out in sends of about this many bytes. */
  maxSendBytes?: number;
  /** How often an empty outbox is looked at again. */
  outboxPollMs?: number;
  backoff?: Backoff;
}

export interface Relay {
  /** The last position the broker acknowledged on the events topic. */
  position(): number;
  /** Resolves once the relay stopped after `signal` aborted; it never stops by itself. */
  done: Promise<void>;
}

/**
 * Publishes the event store's global order to the events topic from a checkpoint, and the read models' outbox to the
 * compacted observations topic. Neither holds more than a page in memory, nor reads history before its checkpoint.
 * Returns at once: nothing waits for the broker, and a broker that is away only delays publishing.
 */
export function startRelay(options: RelayOptions): Relay {
  const { store, outbox, logger, signal } = options;
  const topics = options.topics ?? DEFAULT_TOPICS;
  const backoff = options.backoff ?? { minMs: 500, maxMs: 10_000 };
  const pageSize = options.pageSize ?? 1_000;
  const checkpoint = options.checkpointStore ?? openSqliteCheckpoint(requiredPath(options.checkpointPath));
  const kafka = new Kafka({
    clientId: options.clientId ?? 'indicator-ledger-relay',
    brokers: [...options.brokers],
    connectionTimeout: 3_000,
    retry: CLIENT_RETRY,
    logCreator: kafkaLogCreator(logger),
  });
  let position = 0;
  const onCheckpointError = (error: unknown) =>
    logger.error({ err: error }, 'kafka relay could not save its checkpoint');

  /** From the checkpoint to the end. One send is in flight at a time (per-stream order), while the next is prepared. */
  async function publishEvents(): Promise<void> {
    position = await checkpoint.read();
    logger.info({ position, brokers: options.brokers, topics }, 'kafka relay resuming after its checkpoint');
    const saver = checkpointSaver(checkpoint, () => position, { onError: onCheckpointError });
    const publisher = createPublisher(kafka, topics, logger, backoff);
    let inFlight: Promise<void> = Promise.resolve();
    try {
      for await (const page of eventPages(store, position + 1, pageSize, signal)) {
        const messages = page.map((event) => ({ position: event.position, message: eventMessage(event) }));
        for (const chunk of chunkBySize(
          messages,
          ({ message }) => Buffer.byteLength(message.value as string),
          options.maxSendBytes ?? DEFAULT_MAX_SEND_BYTES,
        )) {
          const topicMessages = [{ topic: topics.events, messages: chunk.map(({ message }) => message) }];
          const lastPosition = chunk.at(-1)!.position;
          await inFlight;
          inFlight = publisher.publish(topicMessages, signal).then(() => {
            position = lastPosition;
            return saver.published();
          });
          inFlight.catch(() => {}); // observed by the next await; until then the loop may be waiting for appends
        }
      }
      await inFlight;
    } finally {
      await inFlight.catch(() => {});
      // A stop that waited too long has closed the checkpoint: the write fails, and the producer is closed anyway.
      await saver.close().catch(onCheckpointError);
      await publisher.close();
    }
  }

  /**
   * The outbox in its order, a page per send; entries are removed only after the broker acknowledged them, so a crash
   * in between sends them again (at least once), and one send at a time keeps each key's changes in order.
   */
  async function publishObservations(): Promise<void> {
    const publisher = createPublisher(kafka, topics, logger, backoff);
    try {
      while (!signal.aborted) {
        const entries = await outbox.read(pageSize);
        if (entries.length === 0) {
          await pause(options.outboxPollMs ?? 20, signal);
          continue;
        }
        await publisher.publish([{ topic: topics.observations, messages: entries.map(observationMessage) }], signal);
        await outbox.remove(entries.at(-1)!);
      }
    } finally {
      await publisher.close();
    }
  }

  /**
   * Runs a loop until the signal stops it, restarting it after a failure. Stopped, it waits for the loop to finish
   * (a hung send inside it is abandoned, so this takes at most STOP_WAIT_MS): the relay is idle once `done` settles.
   */
  const untilStopped = (name: string, run: () => Promise<void>) => {
    let running: Promise<void> = Promise.resolve();
    return retryUntilDone(() => (running = run()), {
      signal,
      backoff,
      onFailure: (error, delayMs) =>
        logger.error({ err: error, retryInMs: delayMs }, `kafka relay ${name} failed; restarting`),
    })
      .catch((error: unknown) => {
        if (!signal.aborted) throw error;
      })
      .then(() => Promise.race([running.catch(() => {}), sleep(STOP_WAIT_MS, undefined, { ref: false })]));
  };

  const done = Promise.all([untilStopped('events', publishEvents), untilStopped('observations', publishObservations)])
    .then(() => {})
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
