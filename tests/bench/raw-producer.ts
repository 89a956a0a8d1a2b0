// The kafka-relay bench's baseline, in a process of its own like the relay: the same events as the same messages, in
// the same pages and sends, through a bare kafkajs producer with the relay's settings. Forked by rawProducerRate.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { createSqliteEventStore } from '@ledger/event-store';
import { chunkBySize, ensureTopics, eventMessage, PRODUCER_CONFIG, type TopicNames } from '@ledger/kafka';
import { Kafka, logLevel, type Message } from 'kafkajs';

export interface RawProducerJob {
  brokers: string[];
  dataDir: string;
  /** The events after this position, up to the head, are sent. */
  fromPosition: number;
  topics: TopicNames;
  pageSize: number;
  maxSendBytes: number;
}

/** Events per second from the first acknowledged send to the last, as the relay's rate is counted. */
export function rawProducerRate(job: RawProducerJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let rate: number | undefined;
    child.on('message', (message) => (rate = message as number));
    child.on('error', reject);
    child.on('exit', (code) =>
      rate === undefined ? reject(new Error(`raw producer exited with ${code} before reporting`)) : resolve(rate),
    );
    child.send(job);
  });
}

async function run(job: RawProducerJob): Promise<number> {
  // The messages are built before the clock runs: the baseline pays only for producing.
  const store = createSqliteEventStore({ path: join(job.dataDir, 'events.db') });
  const sends: Message[][] = [];
  for (let from = job.fromPosition + 1; ;) {
    const page = await store.readAll({ fromPosition: from, maxCount: job.pageSize });
    if (page.length === 0) break;
    const messages = page.map(eventMessage);
    sends.push(...chunkBySize(messages, (m) => Buffer.byteLength(m.value as string), job.maxSendBytes));
    from = page.at(-1)!.position + 1;
  }
  await store.close();
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: job.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, job.topics);
  await admin.disconnect();
  const producer = kafka.producer(PRODUCER_CONFIG);
  await producer.connect();
  let first: { at: number; events: number } | undefined;
  let sent = 0;
  for (const messages of sends) {
    await producer.sendBatch({ topicMessages: [{ topic: job.topics.events, messages }], acks: -1 });
    sent += messages.length;
    first ??= { at: performance.now(), events: sent };
  }
  const seconds = (performance.now() - first!.at) / 1000;
  await producer.disconnect();
  return (sent - first!.events) / seconds;
}

if (process.send && process.argv[1] === import.meta.filename) {
  process.once('message', (job) => {
    run(job as RawProducerJob).then(
      (rate) => process.send!(rate, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
