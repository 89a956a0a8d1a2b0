import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { validateAppend } from './append-rules.ts';
import { planAppends } from './append-plan.ts';
import { groupCommit } from './group-commit.ts';
import { GENESIS_HASH } from './hash-chain.ts';
import { AppendSignal } from './subscription.ts';
import { eventStoreFrom } from './store-from-parts.ts';
import { recordedFromRow, rowValuesOf, type EventRow } from './event-row.ts';
import type {
  AppendResult,
  EventFilter,
  EventStore,
  EventValidator,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  ReadStreamOptions,
} from './types.ts';

export interface SqliteEventStoreOptions {
  /** A file path (":memory:" for a private in-memory database). */
  path: string;
  validate?: EventValidator;
  /** How often a live subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
  now?: () => Date;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  event_id    TEXT NOT NULL UNIQUE,
  stream      TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,
  metadata    TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL,
  UNIQUE (stream, revision)
) STRICT;`;

/**
 * The embedded default: one SQLite file in WAL mode, synchronous=FULL so an acknowledged append survives a crash.
 * Appends take the write lock (BEGIN IMMEDIATE), so positions are dense and commit in order across processes; appends
 * made while a transaction is being written share the next one (group commit).
 */
export function createSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const db = new DatabaseSync(options.path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;');
  db.exec(SCHEMA);
  const now = options.now ?? (() => new Date());
  const appended = new AppendSignal(options.pollIntervalMs ?? 200);

  const byId = db.prepare('SELECT * FROM events WHERE event_id = ?');
  const lastRevision = db.prepare('SELECT max(revision) AS r FROM events WHERE stream = ?');
  const lastEvent = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO events (position, event_id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const streamRows = db.prepare('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?');
  const head = db.prepare('SELECT coalesce(max(position), 0) AS p FROM events');
  const readAllCache = new Map<string, StatementSync>();

  function inTransaction<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  const storedEvent = (id: string) => {
    const row = byId.get(id) as EventRow | undefined;
    return row && { stream: row.stream, type: row.type, data: JSON.parse(row.data), position: Number(row.position) };
  };

  /** One transaction for a group of appends (see groupCommit): one commit, so one fsync, for all of them. */
  const append = groupCommit(
    (requests) =>
      inTransaction(() => {
        const last = lastEvent.get() as { position: number; hash: string } | undefined;
        const { outcomes, recorded } = planAppends(requests, {
          streamRevision: (stream) => (lastRevision.get(stream) as { r: number | null }).r ?? -1,
          head: { position: last?.position ?? 0, hash: last?.hash ?? GENESIS_HASH },
          storedEvent,
          recordedAt: now().toISOString(),
        });
        for (const event of recorded) insert.run(...rowValuesOf(event));
        return outcomes;
      }),
    { gather: () => new Promise((resolve) => setImmediate(resolve)) },
  );

  async function appendToStream(
    stream: string,
    events: readonly NewEvent[],
    opts: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expectedRevision = opts.expectedRevision ?? 'any';
    validateAppend(stream, events, expectedRevision, options.validate);
    const result = await append({ stream, events, expectedRevision });
    appended.notify();
    return result;
  }

  function readAllStatement(filter: EventFilter | undefined): { statement: StatementSync; params: string[] } {
    const types = filter?.eventTypes ?? [];
    const prefixes = filter?.streamPrefixes ?? [];
    const shape = `${types.length}:${prefixes.length}`;
    let statement = readAllCache.get(shape);
    if (!statement) {
      const where = ['position >= ?'];
      if (types.length) where.push(`type IN (${types.map(() => '?').join(', ')})`);
      if (prefixes.length) where.push(`(${prefixes.map(() => 'substr(stream, 1, length(?)) = ?').join(' OR ')})`);
      statement = db.prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`);
      readAllCache.set(shape, statement);
    }
    return { statement, params: [...types, ...prefixes.flatMap((p) => [p, p])] };
  }

  async function readAll({ fromPosition = 0, maxCount = 1000, filter }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { statement, params } = readAllStatement(filter);
    return (statement.all(fromPosition, ...params, maxCount) as unknown as EventRow[]).map(recordedFromRow);
  }

  async function readStream(
    stream: string,
    { fromRevision = 0, maxCount = -1 }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    return (streamRows.all(stream, fromRevision, maxCount) as unknown as EventRow[]).map(recordedFromRow);
  }

  const headPosition = async () => (head.get() as { p: number }).p;

  return eventStoreFrom({
    appendToStream,
    readStream,
    readAll,
    headPosition,
    appended,
    release: async () => db.close(),
  });
}
