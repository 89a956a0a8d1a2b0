import { expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { createMemoryEventStore } from '@ledger/event-store';
import { memoryCheckpoint, startRelay } from '@ledger/kafka';
import { describeWithKafka } from './describe-with-kafka.ts';
import { appendPlainEvents, checkDelivery, eventually, freshTopics, holdsAll, quietLogger, readEverything, readTopic } from './kafka-test-kit.ts';

const OUTAGE_MS = 20_000;

await describeWithKafka('kafka relay through a broker outage', (kafka) => {
  const { local } = kafka;
  if (!local) {
    it('is skipped: the broker is not one these tests started, so they cannot stop it', () => {
      console.warn(`broker outage test did not run: the broker came from ${kafka.source}; it runs with the broker of infra/kafka (as in CI).`);
    });
    return;
  }

  it('keeps taking writes while the broker is away 20 s, then resumes by itself and loses nothing', async () => {
    const store = createMemoryEventStore();
    const topics = freshTopics();
    const checkpoint = memoryCheckpoint();
    const stopping = new AbortController();
    const relay = startRelay({
      store,
      brokers: kafka.brokers.split(','),
      checkpointStore: checkpoint,
      logger: quietLogger(),
      signal: stopping.signal,
      topics,
      backoff: { minMs: 200, maxMs: 2_000 },
    });
    try {
      await appendPlainEvents(store, 100, 10);
      expect(await eventually(() => relay.position() === 100, 20_000)).toBe(true);

      await local.stop();
      const downAt = Date.now();
      let slowestAppendMs = 0;
      while (Date.now() - downAt < OUTAGE_MS) {
        const started = performance.now();
        await appendPlainEvents(store, 5, 10);
        slowestAppendMs = Math.max(slowestAppendMs, performance.now() - started);
        await sleep(250);
      }
      const duringOutage = (await store.headPosition()) - 100;
      expect(relay.position()).toBe(100);
      expect(slowestAppendMs).toBeLessThan(500);
      await local.start();
      await appendPlainEvents(store, 50, 10);

      const head = await store.headPosition();
      expect(await eventually(() => relay.position() === head, 60_000)).toBe(true);
      // up.sh brings the broker back empty, so the topic holds what was published after the restart.
      const afterRestart = (await readEverything(store)).filter((e) => e.position > 100);
      expect(afterRestart).toHaveLength(duringOutage + 50);
      const received = await readTopic(kafka.brokers, topics.events, holdsAll(afterRestart), 30_000);
      expect(checkDelivery(received, afterRestart)).toEqual({ missing: [], repeats: 0, disordered: [], strangers: 0 });
    } finally {
      stopping.abort();
      await relay.done;
      await local.start(); // the broker is up for whatever runs next, even when the test failed half-way
    }
  }, 150_000);
});
