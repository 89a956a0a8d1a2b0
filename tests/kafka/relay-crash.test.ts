import { expect, it } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '@ledger/event-store';
import { openSqliteCheckpoint } from '@ledger/kafka';
import { describeWithKafka } from './describe-with-kafka.ts';
import {
  appendPlainEvents,
  checkDelivery,
  eventually,
  freshTopics,
  holdsAll,
  readEverything,
  readTopic,
  spawnRelay,
} from './kafka-test-kit.ts';

const EVENTS = 3_000;

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
