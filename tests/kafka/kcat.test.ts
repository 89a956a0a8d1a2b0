import { expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createMemoryEventStore } from '@ledger/event-store';
import { memoryCheckpoint, startRelay } from '@ledger/kafka';
import { describeWithKafka } from './describe-with-kafka.ts';
import {
  appendSampleLedger,
  followingReadModels,
  freshTopics,
  quietLogger,
  relayedUpToHead,
} from './kafka-test-kit.ts';

/** One message as `kcat -J` prints it: headers as a flat [name, value, name, value, …] list. */
interface KcatMessage {
  key: string | null;
  payload: string | null;
  headers?: string[];
}

const kcatMissing = (() => {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'kcat is not installed (Debian package kcat: apt-get install -y kcat)';
  }
})();

/** Reads a whole topic with kcat, an independent client (librdkafka), and exits at its end. */
async function kcatRead(brokers: string, topic: string): Promise<KcatMessage[]> {
  const { stdout } = await promisify(execFile)(
    'kcat',
    ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J'],
    { timeout: 30_000 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as KcatMessage);
}

const headersOf = (m: KcatMessage): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: (m.headers?.length ?? 0) / 2 }, (_, i) => [m.headers![2 * i], m.headers![2 * i + 1]]),
  );

await describeWithKafka('kafka topics read by kcat', (kafka) => {
  if (kcatMissing) {
    it('is skipped: no kcat', () => {
      if (process.env.CI === 'true') throw new Error(`${kcatMissing}; CI must install it`);
      console.warn(`kcat test did not run: ${kcatMissing}.`);
    });
    return;
  }

  it('shows CloudEvents headers and the events as JSON, and the observation ending in a tombstone', async () => {
    const store = createMemoryEventStore();
    const topics = freshTopics();
    const stopping = new AbortController();
    const projected = followingReadModels(store);
    const relay = startRelay({
      store,
      outbox: projected.readModels.outbox,
      brokers: kafka.brokers.split(','),
      checkpointStore: memoryCheckpoint(),
      logger: quietLogger(),
      signal: stopping.signal,
      topics,
    });
    let seriesKey: string;
    try {
      ({ seriesKey } = await appendSampleLedger(store, async () => {
        expect(await relayedUpToHead(store, projected.readModels, relay)).toBe(true);
      }));
    } finally {
      stopping.abort();
      await relay.done;
      await projected.close();
    }

    const appended = await store.readAll();
    const events = await kcatRead(kafka.brokers, topics.events);
    expect(events).toHaveLength(appended.length);
    for (const message of events) {
      const event = JSON.parse(message.payload!);
      expect(appended).toContainEqual(event);
      expect(message.key).toBe(event.stream);
      expect(headersOf(message)).toEqual({
        ce_specversion: '1.0',
        ce_id: event.eventId,
        ce_type: event.type,
        ce_source: 'urn:indicator-ledger',
        ce_subject: event.stream,
        ce_time: event.recordedAt,
        'content-type': 'application/json',
      });
    }

    const observations = await kcatRead(kafka.brokers, topics.observations);
    expect(observations.map((m) => m.key)).toEqual([
      `${seriesKey}|2022|result`,
      `${seriesKey}|2022|result`,
      `${seriesKey}|2022|result`,
    ]);
    expect(observations.map((m) => m.payload && JSON.parse(m.payload).value)).toEqual(['126', '127', null]);
  });
});
