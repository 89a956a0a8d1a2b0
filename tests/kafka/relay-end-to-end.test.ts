import { expect, it } from '@jest/globals';
import { createMemoryEventStore, type RecordedEvent } from '@ledger/event-store';
import { consumeLedgerEvents, memoryCheckpoint, startRelay } from '@ledger/kafka';
import { describeWithKafka } from './describe-with-kafka.ts';
import {
  appendSampleLedger,
  eventually,
  followingReadModels,
  freshTopics,
  quietLogger,
  readTopic,
  relayedUpToHead,
  testKafka,
} from './kafka-test-kit.ts';

await describeWithKafka('kafka relay, end to end', (kafka) => {
  it('publishes appended events once each, in stream order, and the observations with a tombstone at the end', async () => {
    const store = createMemoryEventStore();
    const topics = freshTopics();
    const logger = quietLogger();
    const checkpoint = memoryCheckpoint();
    const stopping = new AbortController();
    const projected = followingReadModels(store);
    const relay = startRelay({
      store,
      outbox: projected.readModels.outbox,
      brokers: kafka.brokers.split(','),
      checkpointStore: checkpoint,
      logger,
      signal: stopping.signal,
      topics,
    });
    const acknowledged = async () => expect(await relayedUpToHead(store, projected.readModels, relay)).toBe(true);
    const { seriesKey } = await appendSampleLedger(store, acknowledged);
    const appended = await store.readAll();
    try {
      // Acknowledged means the topics exist: subscribing to a missing topic fails.
      expect(
        await eventually(
          () => relay.position() === appended.length && checkpoint.position() === appended.length,
          20_000,
        ),
      ).toBe(true);
    } finally {
      stopping.abort();
      await relay.done;
      await projected.close();
    }

    const delivered: RecordedEvent[] = [];
    const consumer = await consumeLedgerEvents({
      kafka: testKafka(kafka.brokers),
      groupId: `e2e-${topics.events}`,
      topic: topics.events,
      onEvent: (e) => void delivered.push(e),
    });
    try {
      expect(await eventually(() => delivered.length === appended.length, 20_000)).toBe(true);
    } finally {
      await consumer.stop();
    }
    expect(delivered.map((e) => e.eventId).sort()).toEqual(appended.map((e) => e.eventId).sort());
    const series = delivered.filter((e) => e.stream === `series-${seriesKey}`);
    expect(series.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(series.map((e) => e.type)).toEqual(['FigureReported', 'FigureCorrected', 'FigureRetracted']);
    expect(delivered[0]).toEqual(appended[0]);

    const observations = await readTopic(
      kafka.brokers,
      topics.observations,
      (r) => r.some((m) => m.message.value === null),
      20_000,
    );
    expect(observations.map((m) => m.message.key?.toString())).toEqual(
      Array(observations.length).fill(`${seriesKey}|2022|result`),
    );
    expect(observations.at(-1)?.message.value).toBeNull();
    expect(logger.warnings.filter((w) => !/Limiting retries|coordinator/i.test(w))).toEqual([]);
  });
});
