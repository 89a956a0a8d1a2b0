// The floors the API bench compares with, served by express in the bench's process: hello-world, the observations read
// as raw SQL, and raw inserts of events (one row, or a batch in one transaction) into a table shaped like the store's.
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import express from 'express';
import pg from 'pg';

export interface BaselineServer {
  port: number;
  close(): Promise<void>;
}

function listen(app: express.Express, release: () => Promise<void> = async () => {}): Promise<BaselineServer> {
  return new Promise((resolve) => {
    const server: Server = app.listen(0, () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: async () => {
          await new Promise((r) => server.close(r));
          await release();
        },
      }),
    );
  });
}

export const helloWorld = (): Promise<BaselineServer> =>
  listen(express().get('/', (_req, res) => void res.send('Hello World!')));

/** The read `GET /v1/series/{key}/observations?asOf=` does, as raw SQL on the read-model file, rows straight to JSON. */
export function rawObservationsRead(readModelsPath: string): Promise<BaselineServer> {
  const db = new DatabaseSync(readModelsPath, { readOnly: true });
  const series = db.prepare('SELECT * FROM series WHERE series_key = ?');
  const figures = db.prepare(
    "SELECT * FROM figures WHERE series_key = ? AND standing = 'active' AND available_from <= ? ORDER BY period",
  );
  const app = express().get('/observations/:key', (req, res) => {
    const asOf = String(req.query.asOf ?? '9999-12-31');
    res.json({ series: series.get(req.params.key), observations: figures.all(req.params.key, asOf) });
  });
  return listen(app, async () => db.close());
}

interface RawEvent {
  eventId: string;
  type: string;
  data: unknown;
}

/** One row per event with the store's columns; the hash is a plain sha256 of the data (no chain, no checks). */
function rowOf(event: RawEvent, stream: string, revision: number) {
  const data = JSON.stringify(event.data);
  const hash = createHash('sha256').update(data).digest('hex');
  return [event.eventId, stream, revision, event.type, data, '{}', new Date().toISOString(), hash, hash] as const;
}

const EVENTS_TABLE = `CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL, UNIQUE (stream, revision))`;

/** `POST /events` inserts one event, `POST /events:batch` all of `{ events }` in one transaction; SQLite as the store runs it (WAL, synchronous=FULL). */
export function rawSqliteInserts(path: string): Promise<BaselineServer> {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  db.exec(EVENTS_TABLE);
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const app = express()
    .use(express.json({ limit: '50mb' }))
    .post('/events', (req, res) => {
      const event = req.body as RawEvent;
      insert.run(...rowOf(event, `raw-${event.eventId}`, 0));
      res.status(201).json({ eventId: event.eventId });
    })
    .post('/events\\:batch', (req, res) => {
      const { events } = req.body as { events: RawEvent[] };
      db.exec('BEGIN IMMEDIATE');
      events.forEach((event, i) => insert.run(...rowOf(event, `raw-${events[0]!.eventId}`, i)));
      db.exec('COMMIT');
      res.status(201).json({ appended: events.length });
    });
  return listen(app, async () => db.close());
}

/** The same on PostgreSQL: one INSERT per event, or one multi-row INSERT per batch (autocommit, one transaction each). */
export async function rawPostgresInserts(connectionString: string): Promise<BaselineServer> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  await pool.query(EVENTS_TABLE.replace('position INTEGER PRIMARY KEY', 'position bigserial PRIMARY KEY'));
  const columns = 'event_id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash';
  const placeholders = (rows: number) =>
    Array.from({ length: rows }, (_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`);
  const app = express()
    .use(express.json({ limit: '50mb' }))
    .post('/events', async (req, res) => {
      const event = req.body as RawEvent;
      await pool.query(`INSERT INTO events (${columns}) VALUES ${placeholders(1)[0]}`, [
        ...rowOf(event, `raw-${event.eventId}`, 0),
      ]);
      res.status(201).json({ eventId: event.eventId });
    })
    .post('/events\\:batch', async (req, res) => {
      const { events } = req.body as { events: RawEvent[] };
      const values = events.flatMap((event, i) => rowOf(event, `raw-${events[0]!.eventId}`, i));
      await pool.query(`INSERT INTO events (${columns}) VALUES ${placeholders(events.length).join(', ')}`, values);
      res.status(201).json({ appended: events.length });
    });
  return listen(app, () => pool.end());
}
