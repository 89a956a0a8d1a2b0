import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { freshDatabase, postgresForTests } from '@ledger/test-infrastructure';
import {
  emmettPostgres,
  emmettSqlite,
  projectPostgres,
  projectSqlite,
  rawPostgres,
  rawSqlite,
  type StoreSubject,
} from './store-subjects.ts';

/** Scales every workload (1 = the sizes of issue 14's table) and the prefill (1 = 1 M events). */
const SCALE = Number(process.env.BENCH_STORES_SCALE ?? 0.2);
const RUNS = Number(process.env.BENCH_STORES_RUNS ?? 3);
const PREFILL = Number(process.env.BENCH_STORES_PREFILL ?? Math.round(1_000_000 * SCALE));
const WRITERS = [1, 4, 16];
/** Which engines to run: `sqlite`, `postgresql` (comma-separated; default both). */
const ENGINES = (process.env.BENCH_STORES_ENGINES ?? 'sqlite,postgresql').split(',');
const n = (count: number) => Math.max(1, Math.round(count * SCALE));
/**
 * Reads write nothing, so they keep the sizes of issue 14's table whatever the scale: scaled down, one took a tenth of a
 * second or less, and its rate followed timer and scheduling noise.
 */
const READS = 1000;
const READ_ALL_PASSES = Math.max(1, Math.round(1 / SCALE));

const WORKLOADS = [
  `${n(5000).toLocaleString('en-US')} appends of 1 event, ${n(500)} streams, expected version`,
  `${n(200)} appends of 100 events`,
  `readStream(100) x ${READS.toLocaleString('en-US')}`,
  `read the ${(n(5000) + n(200) * 100).toLocaleString('en-US')} in global order (${READ_ALL_PASSES} passes)`,
];

/**
 * `appends` appends of `size` events to `streams` streams (append i goes to stream i mod streams) by `writers`
 * concurrent writers, each owning the streams k with k mod writers = its number, so expected versions stay exact.
 */
async function appendRate(
  subject: StoreSubject,
  prefix: string,
  appends: number,
  size: number,
  streams: number,
  writers: number,
) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const seen = new Map<string, number>();
      for (let i = 0; i < appends; i++) {
        if ((i % streams) % writers !== w) continue;
        const stream = `${prefix}-${i % streams}`;
        const expected = seen.get(stream) ?? 0;
        await subject.append(stream, size, expected);
        seen.set(stream, expected + size);
      }
    }),
  );
  return (appends * size) / ((performance.now() - started) / 1000);
}

async function readStreamRate(subject: StoreSubject, prefix: string, reads: number, streams: number, readers: number) {
  let read = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: readers }, async () => {
      for (let i = next++; i < reads; i = next++) {
        const got = await subject.readStream(`${prefix}-${i % streams}`); // not `read += await`: that loses updates
        read += got;
      }
    }),
  );
  return read / ((performance.now() - started) / 1000);
}

/** The workloads of issue 14's table with `writers` writers (and as many readers of streams); events/s each. */
async function workloads(subject: StoreSubject, writers: number, prefix: string, part = 1): Promise<number[]> {
  const m = (count: number) => Math.max(1, Math.round(n(count) * part));
  const from = await subject.head();
  const singles = await appendRate(subject, `${prefix}s`, m(5000), 1, m(500), writers);
  const batches = await appendRate(subject, `${prefix}b`, m(200), 100, m(200), writers);
  const readStream = await readStreamRate(subject, `${prefix}b`, Math.round(READS * part), m(200), writers);
  const started = performance.now();
  let all = 0;
  for (let pass = 0; pass < READ_ALL_PASSES; pass++) all = await subject.readAllAfter(from);
  // Emmett's PostgreSQL reader delivers only events below the oldest transaction open on the server (any database):
  // on a shared server it may stop short. The rate is over what it delivered; the shortfall is reported.
  if (all !== m(5000) + m(200) * 100) shortfalls.push(`${prefix}: read ${all} of ${m(5000) + m(200) * 100} in order`);
  return [singles, batches, readStream, (all * READ_ALL_PASSES) / ((performance.now() - started) / 1000)];
}

/** Appends `count` events in appends of 1,000 to streams of 1,000 events: the history the "after" rows start on. */
async function prefill(subject: StoreSubject, count: number) {
  for (let i = 0; i * 1000 < count; i++) await subject.append(`fill-${i}`, Math.min(1000, count - i * 1000), 0);
}

interface Contender {
  name: string;
  /** Opens the store at `location` (a file or a database) for `writers` writers. */
  open(location: string, writers: number): Promise<StoreSubject>;
}

interface Engine {
  name: string;
  contenders: Contender[];
  /** A new empty location and how to remove it. */
  fresh(): Promise<{ location: string; drop(): Promise<void> }>;
}

/** Reads in order that stopped short of the run's events (named by the caller). */
let shortfalls: string[] = [];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

/** Every contender on every workload and writer count: fresh locations, then one location after the prefill. */
async function benchEngine(engine: Engine, out: Record<string, string>, behind: string[]) {
  // figures[state][writers][contender][workload] = the runs' events/s
  const figures = new Map<string, number[][]>();
  const record = (key: string, values: number[]) => {
    console.error(`${engine.name} ${key}: ${values.map(fmt).join(' ')}`); // progress: a full run takes long
    const runs = figures.get(key) ?? values.map(() => []);
    values.forEach((v, i) => runs[i]!.push(v));
    figures.set(key, runs);
  };
  // Warm-up, not recorded: every contender's code paths compiled before the first timed run.
  for (const contender of engine.contenders) {
    const { location, drop } = await engine.fresh();
    const subject = await contender.open(location, 4);
    await workloads(subject, 4, 'warm-up', 0.1)
      .finally(() => subject.close())
      .finally(drop);
  }
  for (let run = 0; run < RUNS; run++)
    for (const writers of WRITERS)
      for (const contender of engine.contenders) {
        const { location, drop } = await engine.fresh();
        try {
          const subject = await contender.open(location, writers);
          try {
            shortfalls = [];
            record(`fresh|${writers}|${contender.name}`, await workloads(subject, writers, 'run'));
            for (const short of shortfalls)
              out[`${engine.name} ${contender.name} fresh, ${writers} writers, run ${run + 1}`] = short;
          } finally {
            await subject.close();
          }
        } finally {
          await drop();
        }
      }
  for (const contender of engine.contenders) {
    const { location, drop } = await engine.fresh();
    try {
      const filler = await contender.open(location, 1);
      const started = performance.now();
      await prefill(filler, PREFILL).finally(() => filler.close());
      console.error(`${engine.name} ${contender.name} prefilled`);
      out[`${engine.name} prefill of ${PREFILL.toLocaleString('en-US')} events, ${contender.name} (s)`] = (
        (performance.now() - started) /
        1000
      ).toFixed(1);
      for (let run = 0; run < RUNS; run++)
        for (const writers of WRITERS) {
          const subject = await contender.open(location, writers);
          try {
            shortfalls = [];
            record(`after|${writers}|${contender.name}`, await workloads(subject, writers, `r${run}w${writers}`));
            for (const short of shortfalls)
              out[`${engine.name} ${contender.name} after, ${writers} writers, run ${run + 1}`] = short;
          } finally {
            await subject.close();
          }
        }
    } finally {
      await drop();
    }
  }
  for (const state of ['fresh', 'after'])
    for (const writers of WRITERS)
      WORKLOADS.forEach((workload, w) => {
        const medians = engine.contenders.map((c) => median(figures.get(`${state}|${writers}|${c.name}`)![w]!));
        const label = `${engine.name} ${state === 'fresh' ? 'fresh' : `after ${PREFILL.toLocaleString('en-US')}`}, ${writers} writer${writers > 1 ? 's' : ''}: ${workload}`;
        out[label] = engine.contenders.map((c, i) => `${c.name} ${fmt(medians[i]!)}`).join(' | ');
        const peer = engine.contenders.findIndex((c) => c.name === 'Emmett');
        if (peer < 0) return;
        out[label] += ` | project/Emmett ${(medians[0]! / medians[peer]!).toFixed(2)}`;
        if (medians[0]! <= medians[peer]!) behind.push(label);
      });
}

/**
 * `pnpm bench stores`: the project's SQLite and PostgreSQL stores beside Emmett's and raw INSERTs (the floor), on the
 * workloads of issue 14's table with 1, 4 and 16 concurrent writers, events/s, medians of BENCH_STORES_RUNS runs, each
 * on a fresh database, then again on one database after a prefill of BENCH_STORES_PREFILL events.
 */
export async function benchStores(): Promise<Record<string, number | string>> {
  const out: Record<string, string> = {
    'load average at start': loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
  const behind: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-stores-'));
  try {
    const emmettSqliteMissing = await emmettSqlite(':memory:').then(
      async (s) => void (await s.close()),
      (error: Error) => error.message,
    );
    if (ENGINES.includes('sqlite'))
      await benchEngine(
        {
          name: 'SQLite',
          fresh: async () => {
            const location = join(dir, `${randomUUID()}.db`);
            return {
              location,
              drop: async () => ['', '-wal', '-shm'].forEach((x) => rmSync(location + x, { force: true })),
            };
          },
          contenders: [
            { name: 'project', open: (path) => projectSqlite(path) },
            ...(emmettSqliteMissing ? [] : [{ name: 'Emmett', open: (path: string) => emmettSqlite(path) }]),
            { name: 'raw', open: (path) => rawSqlite(path) },
          ],
        },
        out,
        behind,
      );
    if (emmettSqliteMissing) out['Emmett SQLite'] = `not run: ${emmettSqliteMissing}`;
    const server = ENGINES.includes('postgresql')
      ? await postgresForTests()
      : { skipReason: 'not in BENCH_STORES_ENGINES' };
    if ('skipReason' in server) out.PostgreSQL = `skipped: ${server.skipReason}`;
    else
      try {
        await benchEngine(
          {
            name: 'PostgreSQL',
            fresh: async () => {
              const database = await freshDatabase(server.connectionString);
              return { location: database.url, drop: () => database.drop() };
            },
            contenders: [
              { name: 'project', open: (url) => projectPostgres(url) },
              { name: 'Emmett', open: (url) => emmettPostgres(url) },
              { name: 'raw', open: (url) => rawPostgres(url) },
            ],
          },
          out,
          behind,
        );
      } finally {
        await server.stop();
      }
    out['project ahead of Emmett on every row'] = behind.length === 0 ? 'yes' : `no, behind on: ${behind.join('; ')}`;
    out['load average at end'] = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
