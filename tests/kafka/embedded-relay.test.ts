import { expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ledger/config';
import { startLedger } from '@ledger/ledger-api';
import { describeWithKafka } from './describe-with-kafka.ts';
import { eventually, freshTopics, readTopic, testKafka, type Received } from './kafka-test-kit.ts';

const positionOf = (r: Received) => (JSON.parse(r.message.value!.toString()) as { position: number }).position;

// `pnpm start` with KAFKA_BROKERS set: the relay runs in the API process and publishes the ingested seeds.
await describeWithKafka('embedded all-in-one with KAFKA_BROKERS', (kafka) => {
  it('publishes every event of a fresh boot to the events topic, without holding up start-up', async () => {
    const topics = freshTopics();
    const config = loadConfig({
      LEDGER_DATA_DIR: mkdtempSync(join(tmpdir(), 'embedded-relay-')),
      LEDGER_SEEDS_DIR: join(import.meta.dirname, '../../seeds'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: kafka.brokers,
      KAFKA_EVENTS_TOPIC: topics.events,
      KAFKA_OBSERVATIONS_TOPIC: topics.observations,
    });
    const ledger = await startLedger(config);
    try {
      const { head } = (await (await fetch(`http://127.0.0.1:${ledger.port}/v1/events?limit=1`)).json()) as {
        head: number;
      };
      const admin = testKafka(kafka.brokers).admin();
      await admin.connect();
      try {
        expect(await eventually(async () => (await admin.listTopics()).includes(topics.events), 30_000)).toBe(true);
      } finally {
        await admin.disconnect();
      }
      const received = await readTopic(
        kafka.brokers,
        topics.events,
        (r) => new Set(r.map(positionOf)).size >= head,
        60_000,
      );
      expect(new Set(received.map(positionOf)).size).toBe(head);
    } finally {
      await ledger.close();
    }
  }, 120_000);
});
