import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { everyEventInOrder, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { eventOfMessage, type RelayLogger, type TopicNames } from '@ledger/kafka';
import { createLedgerCommands } from '@ledger/ledger-commands';
import { openSqliteReadModels, type ReadModels } from '@ledger/projections';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

/** Topics of one test: the relay's names are fixed in production, tests keep apart with their own. */
export const freshTopics = (): TopicNames => {
  const run = randomUUID().slice(0, 8);
  return { events: `test-${run}.events.v1`, observations: `test-${run}.observations.v1` };
};

/** Keeps the relay's warnings for the test to show when it fails; nothing is printed. */
export function quietLogger(): RelayLogger & { warnings: string[] } {
  const warnings: string[] = [];
  const keep = (_fields: object, message: string) => void warnings.push(message);
  return { warnings, debug: () => {}, info: () => {}, warn: keep, error: keep };
}

export const testKafka = (brokers: string) =>
  new Kafka({ clientId: 'kafka-tests', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

export interface Received {
  partition: number;
  message: KafkaMessage;
}

/** Reads a topic from its beginning until `enough` holds for what arrived, or `timeoutMs` passed; then disconnects. */
export async function readTopic(
  brokers: string,
  topic: string,
  enough: (received: Received[]) => boolean,
  timeoutMs = 30_000,
): Promise<Received[]> {
  const received: Received[] = [];
  const consumer = testKafka(brokers).consumer({ groupId: `test-reader-${randomUUID()}` });
  await consumer.connect();
  let running: Promise<void> = Promise.resolve();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      running = consumer.run({
        eachMessage: async ({ partition, message }) => {
          received.push({ partition, message });
          if (enough(received)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    // Disconnected before run() has resolved, a kafkajs consumer may stay connected (kafkajs issue 1639), and its
    // socket then keeps Jest from exiting.
    await running.catch(() => {});
    await consumer.disconnect();
  }
  return received;
}

/** Polls until `check` holds; false when `timeoutMs` passed first. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/**
 * A ledger history through the ledger's own commands: a document, a figure, its correction, then its retraction.
 * `settle` runs after each command: waiting there for the relay keeps every change of the observation apart.
 */
export async function appendSampleLedger(
  store: EventStore,
  settle: () => Promise<void> = async () => {},
): Promise<{ seriesKey: string }> {
  const ledger = createLedgerCommands(store);
  const commands = {
    async execute(command: unknown) {
      const result = await ledger.execute(command);
      await settle();
      return result;
    },
  };
  await commands.execute({ type: 'RegisterDocument', document: sampleDocument, text: sampleRaw });
  const report = sampleReport();
  const reported = await commands.execute({ type: 'ReportFigure', report });
  const [figure] = await store.readAll({ fromPosition: reported.position!, maxCount: 1 });
  const { figureId, seriesKey } = figure!.data as { figureId: string; seriesKey: string };
  const correction = { period: '2022', value: '127', unit: '亿元', comparator: 'eq', status: 'actual' };
  const corrected = await commands.execute({
    type: 'CorrectFigure',
    seriesKey,
    figureId,
    correction,
    reason: 'typo in the source',
  });
  const [correctionEvent] = await store.readAll({ fromPosition: corrected.position!, maxCount: 1 });
  await commands.execute({
    type: 'RetractFigure',
    seriesKey,
    figureId: correctionEvent!.data.figureId,
    reason: 'wrong document',
  });
  return { seriesKey };
}

/** Events of no ledger type, only for ordering and delivery: `count` events spread over `streams` streams. */
export async function appendPlainEvents(store: EventStore, count: number, streams: number, batch = 1): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const stream = `series-test-${(i / batch) % streams}`;
    const events = Array.from({ length: Math.min(batch, count - i) }, (_, k) => ({
      eventId: randomUUID(),
      type: 'TestEvent',
      data: { n: i + k },
    }));
    await store.appendToStream(stream, events);
  }
}

export interface DeliveryCheck {
  /** Appended event ids that never arrived. */
  missing: string[];
  /** Messages whose event id arrived before. */
  repeats: number;
  /** Streams whose first deliveries are not in revision order. */
  disordered: string[];
  /** Messages that carry no appended event. */
  strangers: number;
}

/** What arrived on the events topic, against what was appended: at-least-once, in stream order. */
export function checkDelivery(received: readonly Received[], appended: readonly RecordedEvent[]): DeliveryCheck {
  const known = new Map(appended.map((e) => [e.eventId, e]));
  const firstSeen = new Set<string>();
  let repeats = 0;
  let strangers = 0;
  for (const { message } of received) {
    const event = eventOfMessage(message);
    if (known.get(event.eventId)?.stream !== message.key?.toString()) strangers++;
    else if (firstSeen.has(event.eventId)) repeats++;
    else firstSeen.add(event.eventId);
  }
  const orderOf = (ids: Iterable<string>) => Map.groupBy(ids, (id) => known.get(id)!.stream);
  const deliveredOrder = orderOf(firstSeen);
  const disordered = [...orderOf(known.keys())].filter(([stream, expected]) => {
    const delivered = deliveredOrder.get(stream) ?? [];
    return delivered.join() !== expected.filter((id) => firstSeen.has(id)).join();
  });
  return {
    missing: [...known.keys()].filter((id) => !firstSeen.has(id)),
    repeats,
    disordered: disordered.map(([stream]) => stream),
    strangers,
  };
}

/** Enough messages to hold every appended event at least once (repeats make it more). */
export const holdsAll = (appended: readonly RecordedEvent[]) => (received: readonly Received[]) =>
  new Set(received.map(({ message }) => message.headers?.ce_id?.toString())).size >= appended.length;

/** The whole global order (readAll returns one page at most). */
export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of everyEventInOrder((options) => store.readAll(options))) all.push(event);
  return all;
}

/** Private read models that follow `store`, so that the projector fills the outbox the relay publishes. */
export async function followingReadModels(
  store: EventStore,
): Promise<{ readModels: ReadModels; close(): Promise<void> }> {
  const readModels = await openSqliteReadModels({ path: ':memory:' });
  const stopping = new AbortController();
  const following = readModels.projector.follow(store, stopping.signal);
  return {
    readModels,
    async close() {
      stopping.abort();
      await following;
      await readModels.close();
    },
  };
}

/** The store's head projected, and both topics acknowledged up to it (the outbox empty). */
export async function relayedUpToHead(
  store: EventStore,
  readModels: ReadModels,
  relay: { position(): number },
): Promise<boolean> {
  const head = await store.headPosition();
  return eventually(
    async () =>
      relay.position() === head &&
      (await readModels.queries.checkpoint()) === head &&
      (await readModels.outbox.read(1)).length === 0,
    20_000,
  );
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The relay process, as deployed: `node services/kafka-relay/src/main.ts`, on the ledger in `dataDir`. */
export function spawnRelay(brokers: string, dataDir: string, topics: TopicNames): ChildProcess {
  // kafkajs 2.2.4 trips a harmless negative-timeout warning on Node 24. The young generation as infra runs it.
  const flags = ['--disable-warning=TimeoutNegativeWarning', '--max-semi-space-size=4'];
  return spawn(process.execPath, [...flags, 'services/kafka-relay/src/main.ts'], {
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
