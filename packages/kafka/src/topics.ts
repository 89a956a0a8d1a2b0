import type { Admin, ITopicConfig } from 'kafkajs';

/** The relay's topics; the names are fixed in production and differ only so that tests stay independent. */
export interface TopicNames {
  events: string;
  observations: string;
}

export const DEFAULT_TOPICS: TopicNames = {
  events: 'indicator-ledger.events.v1',
  observations: 'indicator-ledger.observations.v1',
};

/**
 * Partition counts are fixed at creation: changing them moves keys to other partitions and breaks per-series order.
 * Events: 6 partitions, kept 30 days (the event store stays the source of truth; a new consumer replays from it).
 * The limit on one message is above the largest event the ledger accepts (a 5,000,000-character document text).
 * Observations: compacted, so the topic holds the latest value of every observation; tombstones stay for a day so
 * that consumers which read at least daily see deletions.
 */
function topicConfigs(topics: TopicNames): ITopicConfig[] {
  return [
    {
      topic: topics.events,
      numPartitions: 6,
      configEntries: [
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: String(30 * 24 * 3600 * 1000) },
        { name: 'max.message.bytes', value: String(20 * 1024 * 1024) },
      ],
    },
    {
      topic: topics.observations,
      numPartitions: 3,
      configEntries: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'delete.retention.ms', value: String(24 * 3600 * 1000) },
        { name: 'min.cleanable.dirty.ratio', value: '0.1' },
      ],
    },
  ];
}

/** Creates whichever of the topics is missing; existing topics are left as they are. */
export async function ensureTopics(admin: Admin, topics: TopicNames): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topicConfigs(topics).filter((t) => !existing.has(t.topic));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
}
