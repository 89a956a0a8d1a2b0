import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { createSqliteEventStore, everyEventInOrder, type EventStore } from '@ledger/event-store';
import { createPostgresEventStore } from '@ledger/event-store/postgres';
import { freshDatabase, postgresForTests } from '@ledger/test-infrastructure';

/** Scales every workload (1 = the sizes of issue 14's table); the single-event appends dominate on a slow disk. */
const SCALE = Number(process.env.BENCH_STORES_SCALE ?? 0.2);
const n = (count: number) => Math.max(1, Math.round(count * SCALE));

/** What each store under test is asked to do; `expected` is the number of events the writer saw in the stream. */
interface Subject {
  append(stream: string, count: number, expected: number): Promise<void>;
  readStream(stream: string): Promise<number>;
  readAll?(): Promise<number>;
  close(): Promise<void>;
}

const payload = (i: number) => ({ amount: String(i), note: 'bench event with a short payload' });

function ledgerSubject(store: EventStore): Subject {
  return {
    async append(stream, count, expected) {
      const events = Array.from({ length: count }, (_, i) => ({
        eventId: randomUUID(),
        type: 'Bench',
        data: payload(i),
      }));
      await store.appendToStream(stream, events, { expectedRevision: expected === 0 ? 'no_stream' : expected - 1 });
    },
    readStream: async (stream) => (await store.readStream(stream, { maxCount: 100 })).length,
    async readAll() {
      let count = 0;
      for await (const _ of everyEventInOrder((o) => store.readAll(o))) count++;
      return count;
    },
    close: () => store.close(),
  };
}

function emmettPostgresSubject(connectionString: string): Subject {
  const store = getPostgreSQLEventStore(connectionString);
  return {
    async append(stream, count, expected) {
      const events = Array.from({ length: count }, (_, i) => ({ type: 'Bench', data: payload(i) }));
      await store.appendToStream(stream, events, expected === 0 ? {} : { expectedStreamVersion: BigInt(expected) });
    },
    readStream: async (stream) => (await store.readStream(stream, { to: 100n })).events.length,
    close: () => store.close(),
  };
}

/** The floor: plain multi-row INSERTs into a table of the same shape, one transaction per append, no checks. */
async function rawPostgresSubject(connectionString: string): Promise<Subject> {
  const pool = new pg.Pool({ connectionString, max: 16 });
  await pool.query(`CREATE TABLE raw_events (position bigserial PRIMARY KEY, event_id text NOT NULL UNIQUE,
    stream text NOT NULL, revision integer NOT NULL, type text NOT NULL, data text NOT NULL, UNIQUE (stream, revision))`);
  return {
    async append(stream, count, expected) {
      const values = Array.from({ length: count }, (_, i) => [
        randomUUID(),
        stream,
        expected + i,
        'Bench',
        JSON.stringify(payload(i)),
      ]);
      const rows = values.map((_, r) => `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5})`);
      await pool.query(
        `INSERT INTO raw_events (event_id, stream, revision, type, data) VALUES ${rows.join(', ')}`,
        values.flat(),
      );
    },
    readStream: async (stream) =>
      (await pool.query('SELECT * FROM raw_events WHERE stream = $1 ORDER BY revision LIMIT 100', [stream])).rowCount ??
      0,
    async readAll() {
      let count = 0;
      for (let after = 0; ;) {
        const { rows } = await pool.query<{ position: string }>(
          'SELECT * FROM raw_events WHERE position > $1 ORDER BY position LIMIT 5000',
          [after],
        );
        count += rows.length;
        if (rows.length < 5000) return count;
        after = Number(rows.at(-1)!.position);
      }
    },
    close: () => pool.end(),
  };
}

/** `appends` appends of `size` events spread over `streams` streams by `writers` concurrent writers; events/s. */
async function appendRate(
  subject: Subject,
  appends: number,
  size: number,
  streams: number,
  writers: number,
  seen = new Map<string, number>(),
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      // Each writer owns its streams, so expected versions stay exact under concurrency.
      for (let i = next++; i < appends; i = next++) {
        const stream = `bench-${(i % streams) - ((i % streams) % writers) + w}`;
        const expected = seen.get(stream) ?? 0;
        await subject.append(stream, size, expected);
        seen.set(stream, expected + size);
      }
    }),
  );
  return Math.round((appends * size) / ((performance.now() - started) / 1000));
}

async function readRates(subject: Subject, streams: number) {
  let started = performance.now();
  let read = 0;
  for (let i = 0; i < n(1000); i++) read += await subject.readStream(`bench-${i % streams}`);
  const readStream = Math.round(read / ((performance.now() - started) / 1000));
  if (!subject.readAll) return { readStream, readAll: 'n/a' as const };
  started = performance.now();
  const all = await subject.readAll();
  return { readStream, readAll: Math.round(all / ((performance.now() - started) / 1000)) };
}

/** The workloads of issue 14's table on one fresh subject each; events/s. */
async function workloads(fresh: () => Promise<Subject>): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  for (const writers of [1, 4, 16]) {
    const subject = await fresh();
    try {
      out[`${n(5000)} appends of 1, ${writers} writer(s)`] = await appendRate(subject, n(5000), 1, 500, writers);
    } finally {
      await subject.close();
    }
  }
  const subject = await fresh();
  try {
    const seen = new Map<string, number>();
    out[`${n(200)} appends of 100, 1 writer`] = await appendRate(subject, n(200), 100, n(200), 1, seen);
    out[`${n(200)} appends of 100, 4 writers`] = await appendRate(subject, n(200), 100, n(200), 4, seen);
    const { readStream, readAll } = await readRates(subject, n(200));
    out[`readStream(100) x ${n(1000)}`] = readStream;
    out[`read all ${n(200) * 200} in order`] = readAll;
  } finally {
    await subject.close();
  }
  return out;
}

const prefixed = (label: string, figures: Record<string, number | string>) =>
  Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${label}: ${k}`, v]));

/**
 * `pnpm bench stores`: the project's SQLite and PostgreSQL stores beside Emmett's PostgreSQL store and raw INSERTs,
 * each on a fresh database per workload group. Emmett's SQLite store needs the native sqlite3 module, which cannot be
 * built here (no prebuilt binaries reachable), so it is left out and said so.
 */
export async function benchStores(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-stores-'));
  const results: Record<string, number | string> = {};
  try {
    Object.assign(
      results,
      prefixed(
        'project SQLite',
        await workloads(async () => ledgerSubject(createSqliteEventStore({ path: join(dir, `${randomUUID()}.db`) }))),
      ),
    );
    const server = await postgresForTests();
    if ('skipReason' in server) return { ...results, PostgreSQL: `skipped: ${server.skipReason}` };
    const databases: Array<{ drop(): Promise<void> }> = [];
    const freshUrl = async () => {
      const database = await freshDatabase(server.connectionString);
      databases.push(database);
      return database.url;
    };
    try {
      Object.assign(
        results,
        prefixed('raw PostgreSQL', await workloads(async () => rawPostgresSubject(await freshUrl()))),
      );
      Object.assign(
        results,
        prefixed(
          'project PostgreSQL',
          await workloads(async () =>
            ledgerSubject(await createPostgresEventStore({ connectionString: await freshUrl() })),
          ),
        ),
      );
      Object.assign(
        results,
        prefixed('Emmett PostgreSQL', await workloads(async () => emmettPostgresSubject(await freshUrl()))),
      );
    } finally {
      for (const database of databases) await database.drop().catch(() => {});
      await server.stop();
    }
    results['Emmett SQLite'] = 'not run: @event-driven-io/emmett-sqlite needs the native sqlite3 module';
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
