import { Partitioners, type Admin, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { retryUntilDone, type Backoff } from './backoff.ts';
import type { RelayLogger } from './logging.ts';
import { ensureTopics, type TopicNames } from './topics.ts';

/** How long kafkajs itself retries a request before the relay starts over with a new connection. */
export const CLIENT_RETRY = { retries: 5, initialRetryTime: 300, maxRetryTime: 3_000 };

/**
 * Idempotent, one request in flight, so a retried send can neither duplicate nor reorder within the producer's life.
 * The default (Java-compatible murmur2) partitioner, so a key lands where any other client would put it.
 */
export const PRODUCER_CONFIG = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
};

export interface Publisher {
  /** Resolves once the broker acknowledged every message (acks from all in-sync replicas); retries until then. */
  publish(topicMessages: TopicMessages[], signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/**
 * An idempotent producer that (re)connects on demand. After a failure it is dropped and the same messages go out again
 * through a new one, after making sure the topics exist (a broker can come back without them). A new producer has a
 * new producer id, so a batch the old one had partly written may be repeated: consumers dedupe by event id.
 */
export function createPublisher(kafka: Kafka, topics: TopicNames, logger: RelayLogger, backoff: Backoff): Publisher {
  // The connection in hand or under way: a close while it is being made must wait for it and disconnect it, or the
  // producer it yields stays connected after close (and keeps the process alive).
  let producer: Promise<Producer> | undefined;
  let closed = false;

  function connected(): Promise<Producer> {
    if (closed) return Promise.reject(new Error('the publisher is closed'));
    const connecting = (producer ??= connectProducer(kafka, (admin) => ensureTopics(admin, topics)));
    // A failed connection is not kept: the next attempt makes a new one.
    connecting.catch(() => {
      if (producer === connecting) producer = undefined;
    });
    return connecting;
  }

  async function disconnect(): Promise<void> {
    const current = producer;
    producer = undefined;
    const made = await current?.catch(() => undefined);
    await made
      ?.disconnect()
      .catch((error: unknown) => logger.warn({ err: error }, 'kafka producer did not disconnect cleanly'));
  }

  async function close(): Promise<void> {
    closed = true;
    await disconnect();
  }

  async function publish(topicMessages: TopicMessages[], signal: AbortSignal): Promise<void> {
    // A stop does not wait for a send in flight (kafkajs may be retrying it for seconds, and goes on after the relay
    // said it stopped): the producer is disconnected, the send fails, and the next start sends it again.
    const abandon = () => void disconnect();
    signal.addEventListener('abort', abandon, { once: true });
    try {
      await sendUntilDone(topicMessages, signal);
    } finally {
      signal.removeEventListener('abort', abandon);
    }
  }

  async function sendUntilDone(topicMessages: TopicMessages[], signal: AbortSignal): Promise<void> {
    await retryUntilDone(
      async () => {
        try {
          await (await connected()).sendBatch({ topicMessages, acks: -1 });
        } catch (error) {
          await disconnect();
          throw error;
        }
      },
      {
        signal,
        backoff,
        onFailure: (error, delayMs) =>
          logger.warn({ err: error, retryInMs: delayMs }, 'publishing to kafka failed; retrying'),
      },
    );
  }

  return { publish, close };
}

/** A connected idempotent producer, after `prepare` (making sure its topics exist) has run on an admin client. */
export async function connectProducer(kafka: Kafka, prepare: (admin: Admin) => Promise<void>): Promise<Producer> {
  const admin = kafka.admin({ retry: CLIENT_RETRY });
  try {
    await admin.connect();
    await prepare(admin);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ ...PRODUCER_CONFIG, retry: CLIENT_RETRY });
  await producer.connect();
  return producer;
}
