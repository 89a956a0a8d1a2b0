import { expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteEventStore } from '@ledger/event-store';
import { openSqliteCheckpoint, type TopicNames } from '@ledger/kafka';
import { describeWithKafka } from './describe-with-kafka.ts';
import {
  appendPlainEvents,
  checkDelivery,
  eventually,
  freshTopics,
  holdsAll,
  readEverything,
  readTopic,
} from './kafka-test-kit.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EVENTS = 3_000;

/** The relay process, as deployed: `node services/kafka-relay/src/main.ts`. */
function spawnRelay(brokers: string, dataDir: string, topics: TopicNames): ChildProcess {
  // kafkajs 2.2.4 trips a harmless negative-timeout warning on Node 24.
  return spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', 'services/kafka-relay/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAFKA_BROKERS: brokers,
      LEDGER_DATA_DIR: dataDir,
      KAFKA_EVENTS_TOPIC: topics.events,
      KAFKA_OBSERVATIONS_TOPIC: topics.observations,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

await describeWithKafka('kafka relay process, killed mid-stream', (kafka) => {
  it('delivers every event after a SIGKILL and a restart, in stream order, repeating only delivered ids', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relay-crash-'));
    const store = createSqliteEventStore({ path: join(dataDir, 'events.db') });
    const checkpoint = openSqliteCheckpoint(join(dataDir, 'kafka-relay.db'));
    const topics = freshTopics();
    let relay = spawnRelay(kafka.brokers, dataDir, topics);
    try {
      const writing = appendPlainEvents(store, EVENTS, 20, 10);
      // Killed while events are still coming in and some have been acknowledged.
      expect(await eventually(async () => (await checkpoint.read()) >= 200, 30_000)).toBe(true);
      relay.kill('SIGKILL');
      await once(relay, 'exit');
      const atKill = await checkpoint.read();
      await writing;
      expect(atKill).toBeLessThan(EVENTS);

      relay = spawnRelay(kafka.brokers, dataDir, topics);
      expect(await eventually(async () => (await checkpoint.read()) === EVENTS, 60_000)).toBe(true);

      const appended = await readEverything(store);
      expect(appended).toHaveLength(EVENTS);
      const received = await readTopic(kafka.brokers, topics.events, holdsAll(appended), 30_000);
      const check = checkDelivery(received, appended);
      expect(check).toEqual({ missing: [], repeats: expect.any(Number), disordered: [], strangers: 0 });
    } finally {
      if (relay.exitCode === null) {
        relay.kill('SIGTERM');
        await once(relay, 'exit');
      }
      await checkpoint.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
