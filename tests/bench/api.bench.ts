import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BENCH_TOKEN, benchLedgerConfig } from './bench-ledger.ts';
import { startLedger, type RunningLedger } from '@ledger/ledger-api';
import { freshDatabase, postgresForTests } from '@ledger/test-infrastructure';
import { loadFrom, type BodyKind, type LoadResult } from './load-generator.ts';
import { helloWorld, rawObservationsRead, rawPostgresInserts, rawSqliteInserts } from './raw-baselines.ts';

const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 5);
const SERIES = encodeURIComponent('370112:GDP:level:元');

type Figures = Record<string, number | string>;

const figures = (label: string, r: LoadResult): Figures => ({
  [`${label} requests/s`]: r.requestsPerSecond,
  [`${label} p99 ms`]: r.p99,
  [`${label} errors + non-2xx`]: r.errors + r.non2xx,
});
const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
const ratio = (a: LoadResult, b: LoadResult) => Number((a.requestsPerSecond / b.requestsPerSecond).toFixed(3));

const post = (url: string, body: BodyKind, runId?: string) =>
  loadFrom({
    url,
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${BENCH_TOKEN}` },
    durationSeconds: DURATION_S,
    ...(runId && { runId }),
  });

async function withLedger<T>(env: Record<string, string>, work: (base: string, dataDir: string) => Promise<T>) {
  const { config, dataDir } = benchLedgerConfig('api', env);
  let ledger: RunningLedger | undefined;
  try {
    ledger = await startLedger(config);
    const base = `http://127.0.0.1:${ledger.port}`;
    while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 100));
    return await work(base, dataDir);
  } finally {
    await ledger?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const BATCH = 100;

/** Writes against one store beside raw inserts on the same database engine, in the same run. */
async function writes(label: string, base: string, raw: { port: number }): Promise<Figures> {
  const rawUrl = `http://127.0.0.1:${raw.port}`;
  const rawSingle = await post(`${rawUrl}/events`, { kind: 'raw-event' });
  const single = await post(`${base}/v1/figures`, { kind: 'report' }, randomUUID().slice(0, 8));
  const rawBatch = await post(`${rawUrl}/events:batch`, { kind: 'raw-batch', size: BATCH });
  const batch = await post(`${base}/v1/figures:batch`, { kind: 'report-batch', size: BATCH }, randomUUID().slice(0, 8));
  return {
    ...figures(`${label} raw insert of 1 event (baseline)`, rawSingle),
    ...figures(`${label} POST /v1/figures`, single),
    [`${label} POST /v1/figures / raw insert (bar 0.5)`]: ratio(single, rawSingle),
    ...figures(`${label} raw insert of ${BATCH} events (baseline)`, rawBatch),
    ...figures(`${label} POST /v1/figures:batch of ${BATCH}`, batch),
    [`${label} batch / raw batch insert (bar 0.5)`]: ratio(batch, rawBatch),
  };
}

/**
 * The embedded API under load from autocannon in a process of its own (10 connections), beside baselines served in
 * the same run: express hello-world, the same observations read as raw node:sqlite, raw inserts of events on SQLite
 * and (when a server is available) on PostgreSQL.
 */
export async function benchApi(): Promise<Figures> {
  const sqliteFigures = await withLedger({}, async (base, dataDir) => {
    const hello = await helloWorld();
    const rawRead = await rawObservationsRead(join(dataDir, 'read-models.db'));
    const rawInserts = await rawSqliteInserts(join(dataDir, 'raw-events.db'));
    try {
      const get = (url: string) => loadFrom({ url, durationSeconds: DURATION_S });
      const helloResult = await get(`http://127.0.0.1:${hello.port}/`);
      const rawResult = await get(`http://127.0.0.1:${rawRead.port}/observations/${SERIES}?asOf=2023-06-30`);
      const reads = await get(`${base}/v1/series/${SERIES}/observations?asOf=2023-06-30`);
      return {
        ...figures('express hello-world (baseline)', helloResult),
        ...figures('raw node:sqlite observations read (baseline)', rawResult),
        ...figures('GET observations', reads),
        'GET observations / hello-world': ratio(reads, helloResult),
        'GET observations / raw read (bar 0.7)': ratio(reads, rawResult),
        ...(await writes('SQLite', base, rawInserts)),
      };
    } finally {
      await Promise.all([hello.close(), rawRead.close(), rawInserts.close()]);
    }
  });

  const server = await postgresForTests();
  if ('skipReason' in server)
    return {
      ...sqliteFigures,
      'PostgreSQL writes': `skipped: ${server.skipReason}`,
      'load average (1, 5, 15 min)': loadAverage(),
    };
  const database = await freshDatabase(server.connectionString);
  const rawDatabase = await freshDatabase(server.connectionString);
  try {
    const pgFigures = await withLedger({ LEDGER_STORE: 'postgres', DATABASE_URL: database.url }, async (base) => {
      const rawInserts = await rawPostgresInserts(rawDatabase.url);
      try {
        return await writes('PostgreSQL', base, rawInserts);
      } finally {
        await rawInserts.close();
      }
    });
    return { ...sqliteFigures, ...pgFigures, 'load average (1, 5, 15 min)': loadAverage() };
  } finally {
    await database.drop();
    await rawDatabase.drop();
    await server.stop();
  }
}
