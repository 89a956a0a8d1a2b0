import { randomUUID } from 'node:crypto';
import { createMemoryEventStore, type EventStore, type NewEvent, type RecordedEvent } from '@ledger/event-store';
import { readEverything } from '../kafka/kafka-test-kit.ts';
import { percentile } from './statistics.ts';
import { openSqliteReadModels, type ReadModels } from '@ledger/projections';
import { eventMessage, memoryCheckpoint, observationMessage, startRelay, type TopicNames } from '@ledger/kafka';
import { Kafka, logLevel, Partitioners, type TopicMessages } from 'kafkajs';

const EVENTS = 20_000;
const PAGE = 1_000;
const SERIES = 1_000;
const LATENCY_SAMPLES = 500;
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const topicsOf = (label: string): TopicNames => {
  const run = `${label}-${randomUUID().slice(0, 8)}`;
  return { events: `bench-${run}.events.v1`, observations: `bench-${run}.observations.v1` };
};

/** A registered document and figures reported from it over many series: the observations topic gets its share. */
async function ledgerOf(count: number): Promise<EventStore> {
  const store = createMemoryEventStore();
  const document = {
    schemaVersion: 1,
    documentId: 'bench',
    fileName: 'bench.txt',
    title: 'bench 政府工作报告',
    kind: 'work-report',
    publisher: '人民政府',
    regionCode: '370112',
    published: '2023-01-07',
    periodCovered: '2022',
    sha256: 'a'.repeat(64),
  };
  await store.appendToStream('document-bench', [{ eventId: randomUUID(), type: 'DocumentRegistered', data: document }]);
  for (let i = 0; i < count; i += 100) await appendFigures(store, i, 100);
  return store;
}

function appendFigures(store: EventStore, from: number, count: number) {
  const seriesKey = `370112:X-指标${from % SERIES}:level:元`;
  const events: NewEvent[] = Array.from({ length: count }, (_, k) => ({
    eventId: randomUUID(),
    type: 'FigureReported',
    data: {
      schemaVersion: 1,
      figureId: randomUUID(),
      seriesKey,
      period: String(2000 + (k % 20)),
      value: `${from + k}.5`,
      unit: '亿元',
      comparator: 'eq',
      status: 'actual',
      numberAsWritten: `${from + k}.5`,
      citations: [
        {
          documentId: 'bench',
          documentSha256: 'a'.repeat(64),
          line: 12,
          column: 3,
          charStart: 400,
          charEnd: 420,
          quote: '完成一般公共预算收入 126 亿元，可比增长 6.8%',
        },
      ],
    },
  }));
  return store.appendToStream(`series-${seriesKey}`, events);
}

/**
 * Events per second of the relay publishing a store it finds full, counted from its first acknowledgement: like the
 * raw producer's, the clock runs once topics and producer are set up.
 */
async function relayRate(brokers: string[], store: EventStore, readModels: ReadModels, total: number) {
  const stopping = new AbortController();
  const relay = startRelay({
    store,
    outbox: readModels.outbox,
    brokers,
    checkpointStore: memoryCheckpoint(),
    logger: silent,
    signal: stopping.signal,
    topics: topicsOf('relay'),
  });
  while (relay.position() === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  const [from, started] = [relay.position(), performance.now()];
  while (relay.position() < total || (await readModels.outbox.read(1)).length > 0)
    await new Promise((resolve) => setTimeout(resolve, 1));
  const seconds = (performance.now() - started) / 1000;
  stopping.abort();
  await relay.done;
  return (total - from) / seconds;
}

/** The same messages, pages and producer settings through a bare kafkajs producer (topics made beforehand). */
async function timeRawProducer(kafka: Kafka, events: RecordedEvent[], readModels: ReadModels): Promise<number> {
  const topics = topicsOf('raw');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: topics.events, numPartitions: 6 },
      { topic: topics.observations, numPartitions: 3 },
    ],
  });
  await admin.disconnect();
  const observations = (await readModels.outbox.read(events.length)).map(observationMessage);
  const sends: TopicMessages[][] = [];
  for (let i = 0; i < events.length; i += PAGE)
    sends.push([{ topic: topics.events, messages: events.slice(i, i + PAGE).map(eventMessage) }]);
  for (let i = 0; i < observations.length; i += PAGE)
    sends.push([{ topic: topics.observations, messages: observations.slice(i, i + PAGE) }]);
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const started = performance.now();
  for (const topicMessages of sends) await producer.sendBatch({ topicMessages, acks: -1 });
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  return seconds;
}

/** Append-to-consume latency of single appends to a live relay, as a consumer of the events topic sees it. */
async function latencies(kafka: Kafka, brokers: string[]): Promise<number[]> {
  const store = await ledgerOf(0);
  const readModels = openSqliteReadModels({ path: ':memory:' });
  const topics = topicsOf('latency');
  const stopping = new AbortController();
  const relay = startRelay({
    store,
    outbox: readModels.outbox,
    brokers,
    checkpointStore: memoryCheckpoint(),
    logger: silent,
    signal: stopping.signal,
    topics,
  });
  const appendedAt = new Map<number, number>();
  const samples: number[] = [];
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}` });
  try {
    await appendFigures(store, 0, 1); // the relay creates the topics before the consumer subscribes
    while (relay.position() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.events], fromBeginning: false });
    const all = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const position = (JSON.parse(message.value!.toString()) as RecordedEvent).position;
          const at = appendedAt.get(position);
          if (at !== undefined) samples.push(performance.now() - at);
          if (samples.length === LATENCY_SAMPLES) resolve();
        },
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the group has its partitions
    for (let i = 1; i <= LATENCY_SAMPLES; i++) {
      appendedAt.set(i + 2, performance.now());
      await appendFigures(store, i, 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await all;
  } finally {
    await consumer.disconnect();
    stopping.abort();
    await relay.done;
    await readModels.close();
  }
  return samples.sort((a, b) => a - b);
}

/** Relay throughput against a bare producer sending the same messages to the same broker, and append-to-consumer latency. */
export async function benchKafkaRelay(brokers: string): Promise<Record<string, number>> {
  const addresses = brokers.split(',');
  const kafka = new Kafka({ clientId: 'bench', brokers: addresses, logLevel: logLevel.NOTHING });
  const store = await ledgerOf(EVENTS);
  const total = await store.headPosition();
  // The projector fills the outbox first; both producers then send the same events and observation changes.
  const readModels = openSqliteReadModels({ path: ':memory:' });
  await readModels.projector.catchUp(store);
  const raw = total / (await timeRawProducer(kafka, await readEverything(store), readModels));
  const relay = await relayRate(addresses, store, readModels, total);
  await readModels.close();
  const sorted = await latencies(kafka, addresses);
  return {
    'relay events/s': Math.round(relay),
    'raw producer events/s': Math.round(raw),
    'ratio relay/raw': Number((relay / raw).toFixed(2)),
    'append to consumer p50 ms': Number(percentile(sorted, 50).toFixed(1)),
    'append to consumer p99 ms': Number(percentile(sorted, 99).toFixed(1)),
  };
}
