import { spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteEventStore } from '@ledger/event-store';
import { DEFAULT_MAX_SEND_BYTES, ensureTopics, openSqliteCheckpoint, type TopicNames } from '@ledger/kafka';
import { openSqliteReadModels } from '@ledger/projections';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { freshTopics, spawnRelay } from '../kafka/kafka-test-kit.ts';
import { appendLoad } from './relay-appender.ts';
import { relayFixture } from './relay-fixture.ts';
import { rawProducerRate } from './raw-producer.ts';
import { percentile } from './statistics.ts';

/** Events in the store the relays start on (the bar: 10 M). */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
/** Events each throughput round publishes: the relay from its checkpoint, the raw producer the same ones. */
const TAIL = Number(process.env.BENCH_RELAY_EVENTS ?? 200_000);
const ROUNDS = 3;
const OUTBOX_ENTRIES = 100_000;
const LATENCY_RATE = 1_000;
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
/** What the relay uses by default: the raw producer gets the same pages and sends. */
const PAGE = 1_000;
const MAX_SEND_BYTES = DEFAULT_MAX_SEND_BYTES;

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURES = process.env.BENCH_FIXTURE_DIR ?? join(tmpdir(), 'indicator-ledger-bench');

/** The fixture's directory, written first when missing (niced, in its own process: a 10 M store takes a while). */
function fixture(): string {
  const built = spawnSync(
    'nice',
    ['-n', '10', process.execPath, 'tests/bench/relay-fixture.ts', FIXTURES, `${EVENTS}`],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (built.status !== 0) throw new Error(`relay-fixture.ts failed with ${built.status}`);
  return relayFixture(FIXTURES, EVENTS);
}

/** CPU time (user and system) a process used so far (Linux), in ms: the part of its start the machine's load does not stretch. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime and stime, in ticks of 10 ms
}

/** Peak resident memory of a process so far (Linux), in MB. */
function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

async function stop(relay: ChildProcess): Promise<void> {
  if (relay.exitCode !== null) return;
  relay.kill('SIGTERM');
  await once(relay, 'exit');
}

/** The relay's state in the fixture: its checkpoint at `position`, the read models there with `outbox` entries. */
async function prepare(dataDir: string, position: number, outbox: number): Promise<void> {
  for (const file of ['kafka-relay.db', 'read-models.db'])
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `${file}${suffix}`), { force: true });
  const checkpoint = openSqliteCheckpoint(join(dataDir, 'kafka-relay.db'));
  await checkpoint.save(position);
  await checkpoint.close();
  await (await openSqliteReadModels({ path: join(dataDir, 'read-models.db') })).close();
  const db = new DatabaseSync(join(dataDir, 'read-models.db'));
  const insert = db.prepare('INSERT INTO observation_outbox (position, key, value) VALUES (?, ?, ?)');
  db.exec('BEGIN');
  for (let i = 0; i < outbox; i++)
    insert.run(position, `370112:X${i}:level:元|2022|result`, JSON.stringify({ figureId: `f${i}`, value: `${i}.5` }));
  db.exec('COMMIT');
  db.close();
}

/** A consumer of `topic` from its beginning, once it holds the topic's partitions. */
async function watch(kafka: Kafka, topic: string, onMessage: (value: Buffer | null, at: number) => void) {
  const consumer = kafka.consumer({ groupId: `bench-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({ eachMessage: async ({ message }) => onMessage(message.value, performance.now()) });
  await joined;
  return consumer;
}

async function createTopics(kafka: Kafka, topics: TopicNames): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topics);
  await admin.disconnect();
}

interface RelayRun {
  /** Spawn to the first send the broker acknowledged (the checkpoint moved, or the outbox shrank). */
  firstAckMs: number;
  /** The relay's own CPU time up to that first acknowledgement. */
  firstAckCpuMs: number;
  /** Spawn to the first message a consumer received. */
  firstConsumedMs: number;
  /** Events (or outbox entries) per second from the first acknowledgement to the last. */
  rate: number;
  peakRssMb: number;
}

/**
 * The relay process on the fixture, from a checkpoint at `from`, until the broker acknowledged `until` (or, with an
 * outbox, until the outbox is empty). The topics exist beforehand, as in any restart; a consumer waits on them.
 */
async function relayRun(kafka: Kafka, brokers: string, dataDir: string, from: number, until: number, outbox = 0) {
  await prepare(dataDir, from, outbox);
  const topics = freshTopics();
  await createTopics(kafka, topics);
  let firstConsumed: number | undefined;
  let consumer: Consumer | undefined = await watch(kafka, outbox > 0 ? topics.observations : topics.events, (_, at) => {
    firstConsumed ??= at;
  });
  /** The consumer is only there to see the first message: it stops then, so as not to compete with the relay. */
  const stopConsuming = async () => {
    const stopping = consumer;
    consumer = undefined;
    await stopping?.disconnect();
  };
  const checkpoint = openSqliteCheckpoint(join(dataDir, 'kafka-relay.db'));
  const readModels = new DatabaseSync(join(dataDir, 'read-models.db'));
  const unsent = readModels.prepare('SELECT count(*) AS n FROM observation_outbox');
  const progress = async () => (outbox > 0 ? outbox - Number(unsent.get()!.n) : (await checkpoint.read()) - from);
  const target = outbox > 0 ? outbox : until - from;
  const started = performance.now();
  const relay = spawnRelay(brokers, dataDir, topics);
  try {
    let first: { at: number; done: number; cpuMs: number } | undefined;
    let done = 0;
    while (done < target) {
      if (relay.exitCode !== null) throw new Error(`the relay exited with ${relay.exitCode}`);
      await sleep(2);
      done = await progress();
      if (done > 0) first ??= { at: performance.now(), done, cpuMs: cpuMs(relay.pid!) };
      if (firstConsumed !== undefined && consumer) await stopConsuming();
    }
    const finished = performance.now();
    while (firstConsumed === undefined) await sleep(2);
    return {
      firstAckMs: Math.round(first!.at - started),
      firstAckCpuMs: first!.cpuMs,
      firstConsumedMs: Math.round(firstConsumed - started),
      rate: (target - first!.done) / ((finished - first!.at) / 1000),
      peakRssMb: peakRssMb(relay.pid!),
    } satisfies RelayRun;
  } finally {
    await stop(relay);
    await stopConsuming();
    await checkpoint.close();
    readModels.close();
  }
}

/** Seconds of load at the measured rate before measuring, on the relay and on the baseline alike. */
const WARM_UP_SECONDS = 2;

/**
 * Writes every dirty page of the earlier phases to disk first (`sync`). Those phases wrote gigabytes to the broker's
 * logs and the store; written back during a measurement, they stalled the store's commits (fsync) for up to 150 ms,
 * which the baseline, with no store, never waits for.
 */
function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/**
 * Append-to-consumer latency (ms) of the events `load` sends, as a consumer of `topic` receives them. `load` runs
 * twice: a warm-up at the same rate, which the consumer must have received before the measured run starts (so that
 * neither the consumer's first fetches nor a cold pipeline are counted), then the measured run.
 */
async function latencies(
  kafka: Kafka,
  topic: string,
  load: (seconds: number) => Promise<{ events: number; rate: number }>,
) {
  const samples: number[] = [];
  let warmedUp = 0;
  const warmUpFrom = Date.now();
  let since = Infinity; // events before the measured run are not counted
  const consumer = await watch(kafka, topic, (value) => {
    const recordedAt = Date.parse((JSON.parse(value!.toString()) as { recordedAt: string }).recordedAt);
    if (recordedAt >= since) samples.push(Date.now() - recordedAt);
    else if (recordedAt >= warmUpFrom) warmedUp++;
  });
  try {
    const warmUp = await load(WARM_UP_SECONDS);
    for (let waited = 0; warmedUp < warmUp.events && waited < 30_000; waited += 10) await sleep(10);
    settleDisk();
    since = Date.now();
    const { events, rate } = await load(LATENCY_SECONDS);
    for (let waited = 0; samples.length < events && waited < 30_000; waited += 10) await sleep(10);
    const sorted = samples.sort((a, b) => a - b);
    return { received: samples.length, events, rate, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  } finally {
    await consumer.disconnect();
  }
}

/** The relay caught up at the head while a load generator appends LATENCY_RATE events/s to the store. */
async function relayLatency(kafka: Kafka, brokers: string, dataDir: string) {
  const head = await headOf(dataDir);
  await prepare(dataDir, head, 0);
  const topics = freshTopics();
  await createTopics(kafka, topics);
  const relay = spawnRelay(brokers, dataDir, topics);
  try {
    // Once the relay published a first append it is connected: the load starts on a relay that is up.
    await appendLoad({ target: { dataDir }, eventsPerSecond: 10, seconds: 1 });
    const checkpoint = openSqliteCheckpoint(join(dataDir, 'kafka-relay.db'));
    while ((await checkpoint.read()) < head + 10) await sleep(10);
    await checkpoint.close();
    const measured = await latencies(kafka, topics.events, (seconds) =>
      appendLoad({ target: { dataDir }, eventsPerSecond: LATENCY_RATE, seconds }),
    );
    return { ...measured, peakRssMb: peakRssMb(relay.pid!) };
  } finally {
    await stop(relay);
  }
}

async function headOf(dataDir: string): Promise<number> {
  const store = createSqliteEventStore({ path: join(dataDir, 'events.db') });
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/**
 * The relay process (services/kafka-relay) on a store of EVENTS events: start to first publish and peak RSS, resuming
 * near the head, from position 0, and with a full outbox; its throughput against a bare kafkajs producer sending the
 * same messages in the same sends (alternating rounds, medians); append-to-consumer latency at 1,000 events/s
 * appended by a load generator in its own process, beside the broker's own latency for the same load.
 */
export async function benchKafkaRelay(brokers: string): Promise<Record<string, number | string>> {
  const dataDir = fixture();
  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const figures: Record<string, number | string> = { 'load average at start': load() };
  const head = await headOf(dataDir);
  figures['events in the store'] = head;

  const relayRates: number[] = [];
  const rawRates: number[] = [];
  const runs: RelayRun[] = [];
  const rawRound = async () =>
    rawRates.push(
      await rawProducerRate({
        brokers: brokers.split(','),
        dataDir,
        fromPosition: head - TAIL,
        topics: freshTopics(),
        pageSize: PAGE,
        maxSendBytes: MAX_SEND_BYTES,
      }),
    );
  const relayRound = async () => {
    const run = await relayRun(kafka, brokers, dataDir, head - TAIL, head);
    runs.push(run);
    relayRates.push(run.rate);
  };
  // Alternating which goes first, so that a machine getting busier or quieter favours neither.
  for (let round = 0; round < ROUNDS; round++)
    if (round % 2 === 0) {
      await relayRound();
      await rawRound();
    } else {
      await rawRound();
      await relayRound();
    }
  const resume = runs[0]!;
  figures['resume near head: start to first ack ms'] = resume.firstAckMs;
  figures['resume near head: start to first consumed ms'] = resume.firstConsumedMs;
  figures['resume near head: relay CPU ms to first ack'] = resume.firstAckCpuMs;
  figures['relay peak RSS MB (bar 300)'] = Math.max(...runs.map((r) => r.peakRssMb));
  figures[`relay events/s (median of ${ROUNDS})`] = Math.round(median(relayRates));
  figures[`raw producer events/s (median of ${ROUNDS})`] = Math.round(median(rawRates));
  figures['ratio relay/raw (bar 0.9)'] = Number((median(relayRates) / median(rawRates)).toFixed(2));
  figures['rounds relay / raw events/s'] = relayRates
    .map((r, i) => `${Math.round(r)}/${Math.round(rawRates[i]!)}`)
    .join(' ');

  const fromZero = await relayRun(kafka, brokers, dataDir, 0, TAIL);
  figures['from position 0: start to first ack ms'] = fromZero.firstAckMs;
  figures['from position 0: relay CPU ms to first ack'] = fromZero.firstAckCpuMs;
  figures['from position 0: peak RSS MB'] = fromZero.peakRssMb;
  const outbox = await relayRun(kafka, brokers, dataDir, head, head, OUTBOX_ENTRIES);
  figures[`outbox of ${OUTBOX_ENTRIES}: start to first ack ms`] = outbox.firstAckMs;
  figures['outbox entries/s'] = Math.round(outbox.rate);
  figures['outbox run: peak RSS MB'] = outbox.peakRssMb;

  const relayed = await relayLatency(kafka, brokers, dataDir);
  const baselineTopics = freshTopics();
  await createTopics(kafka, baselineTopics);
  const raw = await latencies(kafka, baselineTopics.events, (seconds) =>
    appendLoad({
      target: { brokers: brokers.split(','), topic: baselineTopics.events },
      eventsPerSecond: LATENCY_RATE,
      seconds,
    }),
  );
  figures['offered events/s: relay run / baseline'] = `${Math.round(relayed.rate)} / ${Math.round(raw.rate)}`;
  figures['received / appended'] = `${relayed.received} / ${relayed.events}`;
  figures['append to consumer p50 ms'] = relayed.p50;
  figures['append to consumer p99 ms (bar 50)'] = relayed.p99;
  figures['raw producer to consumer p50 ms'] = raw.p50;
  figures['raw producer to consumer p99 ms'] = raw.p99;
  figures['latency run: relay peak RSS MB'] = relayed.peakRssMb;
  figures['load average at end'] = load();
  return figures;
}
