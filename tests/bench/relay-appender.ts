// The load generator of the kafka-relay bench's latency run, in a process of its own: appends ledger events to the
// store at a fixed offered rate, as the API would, while the relay (another process) publishes them.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteEventStore, type NewEvent } from '@ledger/event-store';
import { PRODUCER_CONFIG } from '@ledger/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { ledgerEventValidator } from '@ledger/ledger-commands';
import { figureEvent } from './relay-fixture.ts';

export interface AppendLoad {
  /** The store's directory; or, for the baseline, a topic the events go to straight from a kafkajs producer. */
  target: { dataDir: string } | { brokers: string[]; topic: string };
  eventsPerSecond: number;
  seconds: number;
}

export interface AppendLoadResult {
  events: number;
  appends: number;
  /** Events per second achieved. */
  rate: number;
}

/** Runs the load in a forked process; resolves with what it appended. */
export function appendLoad(load: AppendLoad): Promise<AppendLoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: AppendLoadResult | undefined;
    child.on('message', (message) => (result = message as AppendLoadResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`appender exited with ${code} before reporting`)),
    );
    child.send(load);
  });
}

/**
 * Open loop: event i is due at i / rate seconds; whatever is due is appended at once, one event per append while the
 * store keeps up (several in one append of one stream when a commit took longer than the gap).
 */
async function run(load: AppendLoad): Promise<AppendLoadResult> {
  const sink = 'dataDir' in load.target ? storeSink(load.target.dataDir) : await producerSink(load.target);
  const total = load.eventsPerSecond * load.seconds;
  let [events, appends] = [0, 0];
  const started = performance.now();
  while (events < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * load.eventsPerSecond) / 1000)) - events;
    if (due <= 0) {
      await sleep(1);
      continue;
    }
    const batch = Array.from({ length: due }, (_, k) => figureEvent(appends % 1000, events + k));
    await sink.append(
      batch[0]!.stream,
      batch.map(({ event }) => event),
    );
    events += due;
    appends++;
  }
  const seconds = (performance.now() - started) / 1000;
  await sink.close();
  return { events, appends, rate: events / seconds };
}

interface Sink {
  append(stream: string, events: NewEvent[]): Promise<unknown>;
  close(): Promise<void>;
}

function storeSink(dataDir: string): Sink {
  const store = createSqliteEventStore({ path: join(dataDir, 'events.db'), validate: ledgerEventValidator });
  return { append: (stream, events) => store.appendToStream(stream, events), close: () => store.close() };
}

/** The baseline: the broker's own latency, each event sent as the relay sends it, stamped when sent. */
async function producerSink(target: { brokers: string[]; topic: string }): Promise<Sink> {
  const kafka = new Kafka({ clientId: 'bench-appender', brokers: target.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer(PRODUCER_CONFIG);
  await producer.connect();
  return {
    append: (stream, events) =>
      producer.send({
        topic: target.topic,
        acks: -1,
        messages: events.map((event) => ({ key: stream, value: JSON.stringify({ ...event, recordedAt: new Date() }) })),
      }),
    close: () => producer.disconnect(),
  };
}

if (process.send && process.argv[1] === import.meta.filename) {
  process.once('message', (load) => {
    run(load as AppendLoad).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
