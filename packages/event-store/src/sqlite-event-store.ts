import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { planAppends, refusalOf } from './append-plan.ts';
import { groupCommit, nextTurn } from './group-commit.ts';
import { GENESIS_HASH } from './hash-chain.ts';
import { AppendSignal } from './subscription.ts';
import { eventStoreFrom } from './store-from-parts.ts';
import { EVENT_COLUMNS, recordedFromValues, rowValuesOf, type EventRow } from './event-row.ts';
import type {
  AppendResult,
  AppendToStreamsOptions,
  EventFilter,
  EventStore,
  EventValidator,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  ReadStreamOptions,
  StreamAppend,
  StreamAppendOutcome,
} from './types.ts';

export interface SqliteEventStoreOptions {
  /** A file path (":memory:" for a private in-memory database). */
  path: string;
  validate?: EventValidator;
  /** How often a live subscription reads the log again in any case (a fallback for the probe below). */
  pollIntervalMs?: number;
  /**
   * How often a waiting live subscription asks SQLite whether another connection committed (`PRAGMA data_version`,
   * no I/O): appends by other processes, such as the API's when the relay runs apart, are seen within this delay.
   */
  changeProbeMs?: number;
  /**
   * This store only reads the log in order (the Kafka relay, a projector): it keeps a page cache of 4 MiB instead of
   * 16 (appends probe the indexes of a large log at random places; a page read in order is read once). 16 holds the
   * indexes' inner pages however long the log; 64, which would hold a 1 M-event log's leaves too, measured no faster
   * in `pnpm bench stores` after a 200,000-event prefill, and grew a serving process's RSS for its first minutes.
   */
  readsInOrder?: boolean;
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

const INSERT_ROWS = 100;

/**
 * The embedded default: one SQLite file in WAL mode, synchronous=FULL so an acknowledged append survives a crash.
 * Appends take the write lock (BEGIN IMMEDIATE), so positions are dense and commit in order across processes; appends
 * made in one turn of the event loop share one transaction (group commit).
 */
export function createSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const db = new DatabaseSync(options.path);
  const cacheKiB = (options.readsInOrder ? 4 : 16) * 1024;
  db.exec(
    `PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -${cacheKiB};`,
  );
  db.exec(SCHEMA);
  const now = options.now ?? (() => new Date());
  const dataVersion = db.prepare('PRAGMA data_version');
  let seenVersion = dataVersion.get()!.data_version;
  const appended = new AppendSignal(options.pollIntervalMs ?? 200, {
    intervalMs: options.changeProbeMs ?? 5,
    changed() {
      if (!db.isOpen) return false;
      const version = dataVersion.get()!.data_version;
      if (version === seenVersion) return false;
      seenVersion = version;
      return true;
    },
  });

  const byId = db.prepare('SELECT * FROM events WHERE event_id = ?');
  const lastRevision = db.prepare('SELECT max(revision) AS r FROM events WHERE stream = ?');
  const lastEvent = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1');
  // Up to INSERT_ROWS rows per INSERT, one statement per row count: fewer calls into SQLite than a row at a time.
  const inserts = new Map<number, StatementSync>();
  function insertRows(events: readonly RecordedEvent[]): void {
    for (let from = 0; from < events.length; from += INSERT_ROWS) {
      const chunk = events.slice(from, from + INSERT_ROWS);
      let insert = inserts.get(chunk.length);
      if (!insert) {
        const rows = Array.from({ length: chunk.length }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
        insert = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${rows.join(', ')}`);
        inserts.set(chunk.length, insert);
      }
      insert.run(...chunk.flatMap(rowValuesOf));
    }
  }
  // Reads return arrays, not an object per row: three times faster for a page of events.
  const asArrays = (statement: StatementSync) => (statement.setReturnArrays(true), statement);
  const streamRows = asArrays(
    db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`),
  );
  const head = db.prepare('SELECT coalesce(max(position), 0) AS p FROM events');
  const readAllCache = new Map<string, StatementSync>();

  function storedEvent(id: string) {
    const row = byId.get(id) as EventRow | undefined;
    return row && { stream: row.stream, type: row.type, data: JSON.parse(row.data), position: Number(row.position) };
  }

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

  /**
   * Several appends in one transaction: one lock and one commit (one sync to disk) for all of them. Event ids are left
   * to the unique index at first (a lookup each is a random read of a large index); they are looked up, and the
   * appends planned again, only when a check fails or the index finds one already stored: a retry, rare.
   */
  function writeAppends(appends: readonly StreamAppend[], allOrNothing: boolean): StreamAppendOutcome[] {
    try {
      return writeAppendsOnce(appends, allOrNothing, false);
    } catch (error) {
      if (!String((error as Error).message).includes('UNIQUE constraint failed: events.event_id')) throw error;
      return writeAppendsOnce(appends, allOrNothing, true);
    }
  }

  function writeAppendsOnce(
    appends: readonly StreamAppend[],
    allOrNothing: boolean,
    lookUpEventIds: boolean,
  ): StreamAppendOutcome[] {
    return inTransaction(() => {
      const last = lastEvent.get() as { position: number; hash: string } | undefined;
      const plan = (lookUp: boolean) =>
        planAppends(
          appends,
          {
            streamRevision: (stream) => (lastRevision.get(stream) as { r: number | null }).r ?? -1,
            head: { position: last?.position ?? 0, hash: last?.hash ?? GENESIS_HASH },
            storedEvent: lookUp ? storedEvent : () => undefined,
            recordedAt: now().toISOString(),
          },
          options.validate,
        );
      let planned = plan(lookUpEventIds);
      if (!lookUpEventIds && planned.outcomes.some((o) => !o.ok)) planned = plan(true);
      const refusal = refusalOf(planned.outcomes, allOrNothing);
      if (refusal) throw refusal;
      insertRows(planned.recorded);
      return planned.outcomes;
    });
  }

  /**
   * appendToStream's group commit (see groupCommit). The writes are synchronous, so nothing can arrive during one:
   * the appends made in one turn of the event loop are gathered first.
   */
  const append = groupCommit((appends) => writeAppends(appends, false), { gather: nextTurn });

  async function appendToStream(
    stream: string,
    events: readonly NewEvent[],
    opts: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expectedRevision = opts.expectedRevision ?? 'any';
    // Checked by planAppends, within the group: a malformed append is refused alone.
    const { result } = await append({ stream, events, expectedRevision });
    appended.notify();
    return result;
  }

  async function appendToStreams(
    appends: readonly StreamAppend[],
    { allOrNothing = false }: AppendToStreamsOptions = {},
  ): Promise<StreamAppendOutcome[]> {
    const outcomes = writeAppends(appends, allOrNothing);
    appended.notify();
    return outcomes;
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
      statement = asArrays(
        db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`),
      );
      readAllCache.set(shape, statement);
    }
    return { statement, params: [...types, ...prefixes.flatMap((p) => [p, p])] };
  }

  async function readAll({ fromPosition = 0, maxCount = 1000, filter }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { statement, params } = readAllStatement(filter);
    return (statement.all(fromPosition, ...params, maxCount) as unknown as unknown[][]).map(recordedFromValues);
  }

  async function readStream(
    stream: string,
    { fromRevision = 0, maxCount = -1 }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    return (streamRows.all(stream, fromRevision, maxCount) as unknown as unknown[][]).map(recordedFromValues);
  }

  const headPosition = async () => (head.get() as { p: number }).p;

  return eventStoreFrom({
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    headPosition,
    appended,
    release: async () => db.close(),
  });
}
