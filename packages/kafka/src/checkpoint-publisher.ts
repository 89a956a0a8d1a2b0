import { Kafka, type Producer } from 'kafkajs';
import { kafkaLogCreator, type RelayLogger } from './logging.ts';
import { CLIENT_RETRY, connectProducer } from './publisher.ts';

/** Signed log checkpoints (C2SP signed notes), for witnesses and monitors that follow the log. */
export const CHECKPOINTS_TOPIC = 'indicator-ledger.checkpoints.v1';

export interface CheckpointPublisher {
  /** Queues the latest checkpoint; only the newest waiting one is sent (each contains all earlier history). */
  publish(checkpoint: { origin: string; treeSize: number; note: string }): void;
  close(): Promise<void>;
}

/**
 * Publishes checkpoints in the background, one send at a time, keyed by the log's origin (one partition: in order).
 * Nothing waits for Kafka; a failed send is logged and the next checkpoint goes out instead.
 */
export function startCheckpointPublisher(options: {
  brokers: readonly string[];
  logger: RelayLogger;
  topic?: string;
}): CheckpointPublisher {
  const topic = options.topic ?? CHECKPOINTS_TOPIC;
  const kafka = new Kafka({
    clientId: 'indicator-ledger-checkpoints',
    brokers: [...options.brokers],
    connectionTimeout: 3_000,
    retry: CLIENT_RETRY,
    logCreator: kafkaLogCreator(options.logger),
  });
  let producer: Producer | undefined;
  let waiting: { origin: string; treeSize: number; note: string } | undefined;
  let sending: Promise<void> | undefined;

  async function connected(): Promise<Producer> {
    return (producer ??= await connectProducer(kafka, async (admin) => {
      if (!(await admin.listTopics()).includes(topic))
        await admin.createTopics({
          topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] }],
          waitForLeaders: true,
        });
    }));
  }

  async function drain(): Promise<void> {
    while (waiting) {
      const next = waiting;
      waiting = undefined;
      try {
        await (
          await connected()
        ).send({
          topic,
          acks: -1,
          messages: [{ key: next.origin, value: next.note, headers: { treeSize: String(next.treeSize) } }],
        });
      } catch (error) {
        options.logger.warn({ err: error, treeSize: next.treeSize }, 'publishing a checkpoint to kafka failed');
        await producer?.disconnect().catch(() => {});
        producer = undefined;
      }
    }
    sending = undefined;
  }

  let closed = false;
  return {
    publish(checkpoint) {
      // After close, nothing connects again: a producer made then would stay connected and keep the process alive.
      if (closed) return;
      waiting = checkpoint;
      sending ??= drain();
    },
    async close() {
      closed = true;
      waiting = undefined;
      await sending;
      await producer?.disconnect().catch(() => {});
      producer = undefined;
    },
  };
}
