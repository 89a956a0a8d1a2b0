import { Client, Pool, escapeIdentifier, escapeLiteral, type PoolClient } from 'pg';
import { validateAppend } from './append-rules.ts';
import { planAppend, planAppends, refusalOf } from './append-plan.ts';
import { GENESIS_HASH } from './hash-chain.ts';
import { AppendSignal } from './subscription.ts';
import { eventStoreFrom } from './store-from-parts.ts';
import { recordedFromRow, rowValuesOf, type EventRow } from './event-row.ts';
import type {
  AppendResult,
  AppendToStreamsOptions,
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

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** The (existing) schema that holds the events table; default public. */
  schema?: string;
  validate?: EventValidator;
  /** How often a live subscription polls, in case a notification was missed (e.g. while the listener reconnects). */
  pollIntervalMs?: number;
  now?: () => Date;
}

// data and metadata are TEXT, not JSONB: they keep the canonical JSON that was hashed byte for byte
// (JSONB reorders keys and normalises numbers). recorded_at is TEXT for the same reason.
const tableDefinition = (table: string) => `
CREATE TABLE IF NOT EXISTS ${table} (
  position    bigint PRIMARY KEY,
  event_id    text NOT NULL UNIQUE,
  stream      text NOT NULL,
  revision    integer NOT NULL,
  type        text NOT NULL,
  data        text NOT NULL,
  metadata    text NOT NULL,
  recorded_at text NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  UNIQUE (stream, revision)
)`;

const COLUMNS = [
  'position',
  'event_id',
  'stream',
  'revision',
  'type',
  'data',
  'metadata',
  'recorded_at',
  'prev_hash',
  'hash',
] as const;
const COLUMN_TYPES = ['bigint', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text'] as const;

interface StoredAppendState {
  revision: number | null;
  position: string | null;
  hash: string | null;
  stored: EventRow[];
}

const RELISTEN_DELAY_MS = 1000;
const ignore = () => {};

/**
 * The event store on PostgreSQL, shared by any number of processes.
 *
 * Appends are serialised: each append transaction first takes a transaction-level advisory lock keyed by the table,
 * then reads max(position) and the last hash under it. That gives dense positions and a chain in global order, and,
 * because PostgreSQL makes a commit visible before it releases the transaction's locks, position n+1 cannot commit
 * before n is visible: a reader that sees an event sees every event below it, so no reader or subscriber skips a late
 * commit. (A high-water mark over in-flight transactions would allow parallel appends, but gaps would break the
 * chain.) The cost is one append transaction at a time per table: see tests/bench/postgres-append.bench.ts.
 *
 * Live subscriptions wake on NOTIFY, sent inside the append transaction (so on commit) to one listening connection
 * per store; polling covers notifications missed while that connection is down.
 */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const schema = options.schema ?? 'public';
  const table = `${escapeIdentifier(schema)}.events`;
  const now = options.now ?? (() => new Date());
  const appended = new AppendSignal(options.pollIntervalMs ?? 500);
  // Custom plans only: a prepared statement's generic plan, cached while the table is nearly empty and before any
  // ANALYZE, scans the whole table for the batch's event ids; no plan here may depend on statistics having been gathered.
  const pool = new Pool({
    connectionString: options.connectionString,
    options: '-c plan_cache_mode=force_custom_plan',
  });
  // An idle connection was lost: the pool discards it and the next query connects afresh.
  pool.on('error', ignore);

  /** Runs `work` in a transaction that first takes the append lock, so that appends run one at a time. */
  async function whileLocked<T>(lockKey: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      // Read committed, whatever the database default: each statement after the lock must see the previous holder's rows.
      // One round trip for both: the lock is on the critical path of every append. (The key is an integer from PostgreSQL.)
      await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${lockKey})`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async function connect() {
    // One key per events table, for the append lock and the notification channel.
    const { rows } = await pool.query<{ key: string }>('SELECT hashtextextended($1, 0)::text AS key', [
      `${schema}.events`,
    ]);
    const lockKey = rows[0]!.key;
    // Created under the lock: processes that start together do not race to create it.
    await whileLocked(lockKey, (client) => client.query(tableDefinition(table)));
    const channel = `ledger_events_${lockKey}`;
    const stopListening = await listenForAppends(
      options.connectionString,
      channel,
      `ledger-events-listener:${schema}`,
      () => appended.notify(),
    );
    return { lockKey, channel, stopListening };
  }
  const { lockKey, channel, stopListening } = await connect().catch(async (error) => {
    await pool.end();
    throw error;
  });

  // Named, so each connection plans them once: they run while the append lock is held.
  const appendStatements = {
    // The stream's revision, the global head, and the batch's event ids that are already stored.
    appendState: {
      name: 'append-state',
      text: `SELECT (SELECT max(revision) FROM ${table} WHERE stream = $1) AS revision,
                    (SELECT position FROM ${table} ORDER BY position DESC LIMIT 1) AS position,
                    (SELECT hash FROM ${table} ORDER BY position DESC LIMIT 1) AS hash,
                    (SELECT coalesce(json_agg(stored), '[]') FROM ${table} AS stored WHERE event_id = ANY($2)) AS stored`,
    },
    // The same for several streams: their revisions, the head, and the stored event ids.
    appendsState: {
      name: 'appends-state',
      text: `SELECT (SELECT coalesce(json_object_agg(stream, revision), '{}') FROM
                       (SELECT stream, max(revision) AS revision FROM ${table} WHERE stream = ANY($1) GROUP BY stream) AS s) AS revisions,
                    (SELECT position FROM ${table} ORDER BY position DESC LIMIT 1) AS position,
                    (SELECT hash FROM ${table} ORDER BY position DESC LIMIT 1) AS hash,
                    (SELECT coalesce(json_agg(stored), '[]') FROM ${table} AS stored WHERE event_id = ANY($2)) AS stored`,
    },
    // The whole batch and its notification (delivered on commit) in one statement.
    insertAndNotify: {
      name: 'insert-and-notify',
      text: `WITH inserted AS (INSERT INTO ${table} (${COLUMNS.join(', ')}) SELECT * FROM unnest(${COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}))
             SELECT pg_notify(${escapeLiteral(channel)}, $${COLUMNS.length + 1})`,
    },
  };

  async function appendToStream(
    stream: string,
    events: readonly NewEvent[],
    opts: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = opts.expectedRevision ?? 'any';
    validateAppend(stream, events, expected, options.validate);
    const result = await whileLocked(lockKey, async (client) => {
      const state = (
        await client.query<StoredAppendState>({
          ...appendStatements.appendState,
          values: [stream, events.map((e) => e.eventId)],
        })
      ).rows[0]!;
      const byId = new Map(state.stored.map((row) => [row.event_id, recordedFromRow(row)]));
      const plan = planAppend(stream, events, expected, {
        streamRevision: state.revision ?? -1,
        head: { position: Number(state.position ?? 0), hash: state.hash ?? GENESIS_HASH },
        storedEvent: (id) => byId.get(id),
        recordedAt: now().toISOString(),
      });
      if (!plan.write) return plan.result;
      const rows = plan.recorded.map(rowValuesOf);
      await client.query({
        ...appendStatements.insertAndNotify,
        values: [...COLUMNS.map((_, i) => rows.map((row) => row[i])), String(plan.result.position)],
      });
      return plan.result;
    });
    appended.notify(); // this process's subscribers need not wait for the notification's round trip
    return result;
  }

  /** Several appends in one transaction: one lock, one state query, one insert and one commit for all of them. */
  async function appendToStreams(
    appends: readonly StreamAppend[],
    { allOrNothing = false }: AppendToStreamsOptions = {},
  ): Promise<StreamAppendOutcome[]> {
    const outcomes = await whileLocked(lockKey, async (client) => {
      const streams = [...new Set(appends.map((append) => append.stream))];
      const ids = appends.flatMap((append) =>
        Array.isArray(append.events) ? append.events.map((e) => e?.eventId) : [],
      );
      const state = (
        await client.query<Omit<StoredAppendState, 'revision'> & { revisions: Record<string, number> }>({
          ...appendStatements.appendsState,
          values: [streams, ids.filter((id) => typeof id === 'string')],
        })
      ).rows[0]!;
      const byId = new Map(state.stored.map((row) => [row.event_id, recordedFromRow(row)]));
      const plan = planAppends(
        appends,
        {
          streamRevision: (stream) => state.revisions[stream] ?? -1,
          head: { position: Number(state.position ?? 0), hash: state.hash ?? GENESIS_HASH },
          storedEvent: (id) => byId.get(id),
          recordedAt: now().toISOString(),
        },
        options.validate,
      );
      const refusal = refusalOf(plan.outcomes, allOrNothing);
      if (refusal) throw refusal;
      if (plan.recorded.length) {
        const rows = plan.recorded.map(rowValuesOf);
        await client.query({
          ...appendStatements.insertAndNotify,
          values: [...COLUMNS.map((_, i) => rows.map((row) => row[i])), String(plan.recorded.at(-1)!.position)],
        });
      }
      return plan.outcomes;
    });
    appended.notify();
    return outcomes;
  }

  async function readAll({ fromPosition = 0, maxCount = 1000, filter }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const params: unknown[] = [fromPosition, maxCount];
    const where = ['position >= $1'];
    if (filter?.eventTypes?.length) {
      params.push(filter.eventTypes);
      where.push(`type = ANY($${params.length}::text[])`);
    }
    if (filter?.streamPrefixes?.length) {
      params.push(filter.streamPrefixes);
      where.push(`EXISTS (SELECT FROM unnest($${params.length}::text[]) AS prefix WHERE starts_with(stream, prefix))`);
    }
    const { rows } = await pool.query<EventRow>(
      `SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $2`,
      params,
    );
    return rows.map(recordedFromRow);
  }

  async function readStream(
    stream: string,
    { fromRevision = 0, maxCount }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const { rows } = await pool.query<EventRow>(
      `SELECT * FROM ${table} WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [stream, fromRevision, maxCount ?? null],
    );
    return rows.map(recordedFromRow);
  }

  async function headPosition(): Promise<number> {
    const { rows } = await pool.query<{ head: string }>(`SELECT coalesce(max(position), 0) AS head FROM ${table}`);
    return Number(rows[0]!.head);
  }

  return eventStoreFrom({
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    headPosition,
    appended,
    release: async () => {
      await stopListening();
      await pool.end();
    },
  });
}

/**
 * Keeps one connection LISTENing on `channel`, calling `onNotification` for every append committed by any process.
 * A lost connection is replaced; returns how to stop.
 */
async function listenForAppends(
  connectionString: string,
  channel: string,
  applicationName: string,
  onNotification: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  async function listen(): Promise<Client> {
    const client = new Client({ connectionString, application_name: applicationName });
    client.on('error', ignore); // a lost connection also ends it: handled on 'end'
    client.on('notification', onNotification);
    try {
      await client.connect();
      await client.query(`LISTEN ${escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(ignore);
      throw error;
    }
    client.on('end', () => {
      if (!stopped) listenAgainLater();
    });
    return client;
  }

  let current = await listen();
  function listenAgainLater(): void {
    retry = setTimeout(() => {
      listen().then(async (client) => {
        current = client;
        if (stopped) await client.end();
        else onNotification(); // appends may have been missed while not listening
      }, listenAgainLater);
    }, RELISTEN_DELAY_MS);
  }

  return async () => {
    stopped = true;
    clearTimeout(retry);
    await current.end().catch(ignore);
  };
}
