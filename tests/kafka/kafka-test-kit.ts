import { randomUUID } from 'node:crypto';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import type { EventStore } from '@ledger/event-store';
import type { RelayLogger, TopicNames } from '@ledger/kafka';
import { createLedgerCommands } from '@ledger/ledger-commands';
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

export const testKafka = (brokers: string) => new Kafka({ clientId: 'kafka-tests', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

export interface Received {
  partition: number;
  message: KafkaMessage;
}

/** Reads a topic from its beginning until `enough` holds for what arrived, or `timeoutMs` passed; then disconnects. */
export async function readTopic(brokers: string, topic: string, enough: (received: Received[]) => boolean, timeoutMs = 30_000): Promise<Received[]> {
  const received: Received[] = [];
  const consumer = testKafka(brokers).consumer({ groupId: `test-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
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

/** A ledger history through the ledger's own commands: a document, a figure, its correction, then its retraction. */
export async function appendSampleLedger(store: EventStore): Promise<{ seriesKey: string }> {
  const commands = createLedgerCommands(store);
  await commands.execute({ type: 'RegisterDocument', document: sampleDocument, text: sampleRaw });
  const report = sampleReport();
  const reported = await commands.execute({ type: 'ReportFigure', report });
  const [figure] = await store.readAll({ fromPosition: reported.position!, maxCount: 1 });
  const { figureId, seriesKey } = figure!.data as { figureId: string; seriesKey: string };
  const correction = { period: '2022', value: '127', unit: '亿元', comparator: 'eq', status: 'actual' };
  const corrected = await commands.execute({ type: 'CorrectFigure', seriesKey, figureId, correction, reason: 'typo in the source' });
  const [correctionEvent] = await store.readAll({ fromPosition: corrected.position!, maxCount: 1 });
  await commands.execute({ type: 'RetractFigure', seriesKey, figureId: correctionEvent!.data.figureId, reason: 'wrong document' });
  return { seriesKey };
}

/** Events of no ledger type, only for ordering and delivery: `count` events spread over `streams` streams. */
export async function appendPlainEvents(store: EventStore, count: number, streams: number, batch = 1): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const stream = `series-test-${(i / batch) % streams}`;
    const events = Array.from({ length: Math.min(batch, count - i) }, (_, k) => ({ eventId: randomUUID(), type: 'TestEvent', data: { n: i + k } }));
    await store.appendToStream(stream, events);
  }
}
