import { expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@ledger/config';
import { createSqliteEventStore } from '@ledger/event-store';
import { openSqliteCheckpoint } from '@ledger/kafka';
import { startLedger } from '@ledger/ledger-api';
import { handReport, SEEDS_DIR } from '@ledger/ledger-api/testing';
import { describeWithKafka } from './describe-with-kafka.ts';
import { checkDelivery, eventually, freshTopics, holdsAll, readEverything, readTopic } from './kafka-test-kit.ts';

const OUTAGE_MS = 20_000;
const TOKEN = 'outage-writer';

// The embedded ledger with its relay: the broker goes away for 20 s while the API keeps taking writes, then comes
// back on its data; the relay resumes by itself and every event of the ledger ends up on the topic.
await describeWithKafka('kafka relay through a broker outage', (kafka) => {
  const { local } = kafka;
  if (!local) {
    it('is skipped: the broker is not one these tests started, so they cannot stop it', () => {
      console.warn(
        `broker outage test did not run: the broker came from ${kafka.source}; it runs with the broker of infra/kafka (as in CI).`,
      );
    });
    return;
  }

  it('keeps taking API writes while the broker is away 20 s, then resumes by itself and loses nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outage-'));
    const topics = freshTopics();
    const config = loadConfig({
      LEDGER_DATA_DIR: dataDir,
      LEDGER_SEEDS_DIR: SEEDS_DIR,
      PORT: '0',
      LOG_LEVEL: 'silent',
      LEDGER_API_TOKENS: `${TOKEN}:write`,
      KAFKA_BROKERS: kafka.brokers,
      KAFKA_EVENTS_TOPIC: topics.events,
      KAFKA_OBSERVATIONS_TOPIC: topics.observations,
    });
    const ledger = await startLedger(config);
    const store = createSqliteEventStore({ path: join(dataDir, 'events.db') });
    const checkpoint = openSqliteCheckpoint(join(dataDir, 'kafka-relay.db'));
    let n = 0;
    const report = async () => {
      const body = handReport({ indicator: `断连期间指标${n++}` });
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${ledger.port}/v1/figures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, ms: performance.now() - started };
    };
    const relayedAll = async () => (await checkpoint.read()) === (await store.headPosition());
    try {
      expect(await eventually(relayedAll, 30_000)).toBe(true);
      const before = await checkpoint.read();

      await local.stop();
      const downAt = Date.now();
      const outageWrites = [];
      while (Date.now() - downAt < OUTAGE_MS) {
        outageWrites.push(await report());
        await sleep(250);
      }
      expect(outageWrites.length).toBeGreaterThan(40);
      expect(outageWrites.every((w) => w.status === 201)).toBe(true);
      expect(Math.max(...outageWrites.map((w) => w.ms))).toBeLessThan(1_000);
      expect(await checkpoint.read()).toBe(before);

      await local.start();
      for (let i = 0; i < 5; i++) expect((await report()).status).toBe(201);
      expect(await eventually(relayedAll, 90_000)).toBe(true);

      const everything = await readEverything(store);
      const received = await readTopic(kafka.brokers, topics.events, holdsAll(everything), 60_000);
      expect(checkDelivery(received, everything)).toMatchObject({ missing: [], disordered: [], strangers: 0 });
    } finally {
      await local.start(); // the broker is up for whatever runs next, even when the test failed half-way
      await checkpoint.close();
      await store.close();
      await ledger.close();
    }
  }, 240_000);
});
