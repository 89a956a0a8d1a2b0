// The event stores `pnpm bench stores` compares, behind one interface: the project's, Emmett's, and raw INSERTs into a
// table of the same shape (the floor: no checks, no chain).
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { dumbo, rawSql } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { createSqliteEventStore, everyEventInOrder, type EventStore } from '@ledger/event-store';
import { createPostgresEventStore } from '@ledger/event-store/postgres';

/** What each store under test is asked to do; `expected` is the number of events the writer saw in the stream. */
export interface StoreSubject {
  append(stream: string, count: number, expected: number): Promise<void>;
  /** The stream's first 100 events; how many were read. */
  readStream(stream: string): Promise<number>;
  /** The global position of the last event (0: none). */
  head(): Promise<bigint>;
  /** Every event after `position` in global order, in pages of PAGE; how many were read. */
  readAllAfter(position: bigint): Promise<number>;
  close(): Promise<void>;
}

const PAGE = 5000;

export const payload = (i: number) => ({ amount: String(i), note: 'bench event with a short payload' });

function ledgerSubject(store: EventStore): StoreSubject {
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
    head: async () => BigInt(await store.headPosition()),
    async readAllAfter(position) {
      let count = 0;
      const readAll = (o: Parameters<EventStore['readAll']>[0]) =>
        store.readAll({ ...o, fromPosition: Math.max(o?.fromPosition ?? 0, Number(position) + 1) });
      for await (const _ of everyEventInOrder(readAll, PAGE)) count++;
      return count;
    },
    close: () => store.close(),
  };
}

export const projectSqlite = async (path: string) => ledgerSubject(createSqliteEventStore({ path }));

export const projectPostgres = async (connectionString: string) =>
  ledgerSubject(await createPostgresEventStore({ connectionString }));

/** Emmett's PostgreSQL store on a dumbo pool of our own, so its batch reader (what its consumers use) can share it. */
export async function emmettPostgres(connectionString: string): Promise<StoreSubject> {
  // A pool of our own under dumbo's: dumbo's own pools are shared by connection string and counted, and its schema
  // migration opens and closes one on the same string; one was left open with idle connections and no error handler,
  // and dropping the bench's database then killed them, an unhandled error that ended the bench.
  const connections = new pg.Pool({ connectionString });
  connections.on('error', () => {});
  const pool = dumbo({ connectionString, pool: connections });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: pool } });
  await store.schema.migrate(); // its schema, outside the timed work
  return {
    async append(stream, count, expected) {
      const events = Array.from({ length: count }, (_, i) => ({ type: 'Bench', data: payload(i) }));
      await store.appendToStream(stream, events, { expectedStreamVersion: BigInt(expected) });
    },
    readStream: async (stream) => (await store.readStream(stream, { to: 100n })).events.length,
    async head() {
      const rows = await pool.execute.query<{ head: string | null }>(
        rawSql('SELECT max(global_position)::text AS head FROM emt_messages'),
      );
      return BigInt(rows.rows[0]?.head ?? 0);
    },
    async readAllAfter(position) {
      let count = 0;
      for (let after = position; ;) {
        const batch = await readMessagesBatch(pool.execute, { after, batchSize: PAGE });
        count += batch.messages.length;
        if (!batch.areMessagesLeft) return count;
        after = batch.currentGlobalPosition;
      }
    },
    close: async () => {
      await store.close();
      await connections.end();
    },
  };
}

/**
 * Emmett's SQLite store on one shared connection, its fastest setting. Its default, a connection per call, cannot take
 * concurrent writers (SQLITE_BUSY: it sets no busy timeout); on the shared connection the transactions of concurrent
 * calls merge (an append is acknowledged when the last open one commits), which flatters its concurrent figures.
 * Loaded on demand: it needs the native sqlite3 module, which may not have been built.
 */
export async function emmettSqlite(path: string) {
  const emmett = await import('@event-driven-io/emmett-sqlite');
  const connection = emmett.sqliteConnection({ fileName: path });
  const store = emmett.getSQLiteEventStore({ fileName: path, connectionOptions: { singleton: true, connection } });
  const subject: StoreSubject = {
    async append(stream, count, expected) {
      const events = Array.from({ length: count }, (_, i) => ({ type: 'Bench', data: payload(i) }));
      await store.appendToStream(stream, events, { expectedStreamVersion: BigInt(expected) });
    },
    readStream: async (stream) => (await store.readStream(stream, { to: 100n })).events.length,
    async head() {
      const row = await connection.querySingle<{ head: number | null }>(
        'SELECT max(global_position) AS head FROM emt_messages',
      );
      return BigInt(row?.head ?? 0);
    },
    async readAllAfter(position) {
      let count = 0;
      for (let after = position; ;) {
        const batch = await emmett.readMessagesBatch(connection, { after, batchSize: PAGE });
        count += batch.messages.length;
        if (!batch.areEventsLeft) return count;
        after = batch.currentGlobalPosition;
      }
    },
    close: async () => {
      connection.close();
    },
  };
  await subject.append(`warm-${randomUUID()}`, 1, 0); // creates its schema, outside the timed work
  return subject;
}

const RAW_TABLE = `CREATE TABLE IF NOT EXISTS raw_events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (stream, revision))`;

const rawRows = (stream: string, count: number, expected: number) =>
  Array.from({ length: count }, (_, i) => [randomUUID(), stream, expected + i, 'Bench', JSON.stringify(payload(i))]);

/** Plain INSERTs, one transaction per append, as the project's SQLite store opens its file (WAL, synchronous=FULL). */
export async function rawSqlite(path: string): Promise<StoreSubject> {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  db.exec(RAW_TABLE);
  const insert = db.prepare('INSERT INTO raw_events (event_id, stream, revision, type, data) VALUES (?, ?, ?, ?, ?)');
  const streamRows = db.prepare('SELECT * FROM raw_events WHERE stream = ? ORDER BY revision LIMIT 100');
  const page = db.prepare('SELECT * FROM raw_events WHERE position > ? ORDER BY position LIMIT ?');
  return {
    async append(stream, count, expected) {
      db.exec('BEGIN IMMEDIATE');
      for (const row of rawRows(stream, count, expected))
        insert.run(...(row as [string, string, number, string, string]));
      db.exec('COMMIT');
    },
    readStream: async (stream) => streamRows.all(stream).length,
    head: async () =>
      BigInt((db.prepare('SELECT coalesce(max(position), 0) AS p FROM raw_events').get() as { p: number }).p),
    async readAllAfter(position) {
      let count = 0;
      for (let after = Number(position); ;) {
        const rows = page.all(after, PAGE) as Array<{ position: number }>;
        count += rows.length;
        if (rows.length < PAGE) return count;
        after = rows.at(-1)!.position;
      }
    },
    close: async () => db.close(),
  };
}

/** The same on PostgreSQL: one multi-row INSERT per append (autocommit), a pool as large as the most writers. */
export async function rawPostgres(connectionString: string): Promise<StoreSubject> {
  const pool = new pg.Pool({ connectionString, max: 16 });
  pool.on('error', () => {}); // an idle connection ended by the database's drop
  await pool.query(RAW_TABLE.replace('position INTEGER PRIMARY KEY', 'position bigserial PRIMARY KEY'));
  return {
    async append(stream, count, expected) {
      const rows = rawRows(stream, count, expected);
      const placeholders = rows.map(
        (_, r) => `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5})`,
      );
      await pool.query(
        `INSERT INTO raw_events (event_id, stream, revision, type, data) VALUES ${placeholders.join(', ')}`,
        rows.flat(),
      );
    },
    readStream: async (stream) =>
      (await pool.query('SELECT * FROM raw_events WHERE stream = $1 ORDER BY revision LIMIT 100', [stream])).rowCount ??
      0,
    head: async () =>
      BigInt((await pool.query('SELECT coalesce(max(position), 0) AS p FROM raw_events')).rows[0].p as string),
    async readAllAfter(position) {
      let count = 0;
      for (let after = String(position); ;) {
        const { rows } = await pool.query<{ position: string }>(
          'SELECT * FROM raw_events WHERE position > $1 ORDER BY position LIMIT $2',
          [after, PAGE],
        );
        count += rows.length;
        if (rows.length < PAGE) return count;
        after = rows.at(-1)!.position;
      }
    },
    close: () => pool.end(),
  };
}
