import { findUnstorableText } from '@ledger/canonical';
import { LRUCache } from 'lru-cache';
import { Client, Pool, escapeIdentifier, escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { planAppends, refusalOf } from './append-plan.ts';
import { groupCommit } from './group-commit.ts';
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

interface StoredAppendState {
  /** The last revision of each stream of the group that exists. */
  revisions: Record<string, number>;
  position: string | null;
  hash: string | null;
}

/** A value of rowValuesOf as an SQL literal (numbers are the planner's integers). */
const literal = (value: string | number) => (typeof value === 'number' ? String(value) : textLiteral(value));

/**
 * escapeLiteral only where a quote or backslash needs it: it walks every character in JavaScript, a tenth of a batch's
 * time. Without either, quoting is all it does (standard_conforming_strings, on since PostgreSQL 9.1; NUL is refused).
 */
const textLiteral = (value: string) => (/['\\]/.test(value) ? escapeLiteral(value) : `'${value}'`);

/** Only text that can be stored goes into the state queries: the rest belongs to appends planAppends refuses. */
const isText = (value: unknown): value is string => typeof value === 'string' && !findUnstorableText(value);
const textArray = (values: string[]) => `ARRAY[${values.map(textLiteral).join(', ')}]::text[]`;

const lastOf = (recorded: readonly RecordedEvent[]) => {
  const last = recorded.at(-1)!;
  return { position: last.position, hash: last.hash };
};

/** The group's streams' last revisions (one backward index probe each) and the global head. */
function appendStateQuery(table: string, requests: readonly StreamAppend[]): string {
  const streams = textArray([...new Set(requests.map((r) => r.stream).filter(isText))]);
  return `SELECT
    (SELECT coalesce(json_object_agg(name, last), '{}') FROM unnest(${streams}) AS name,
       LATERAL (SELECT revision AS last FROM ${table} WHERE stream = name ORDER BY revision DESC LIMIT 1) AS found) AS revisions,
    (SELECT position FROM ${table} ORDER BY position DESC LIMIT 1) AS position,
    (SELECT hash FROM ${table} ORDER BY position DESC LIMIT 1) AS hash`;
}

/**
 * The recorded events as one insert, a VALUES row per event: measured against an array per column unnested,
 * PostgreSQL parses and plans it in half the time for 1 to 20 events, and no slower for 100.
 */
function insertQuery(table: string, recorded: readonly RecordedEvent[]): string {
  const rows = recorded.map((event) => `(${rowValuesOf(event).map(literal).join(', ')})`);
  return `INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`;
}

/** A unique index refused a row: on an append planned on a known state, another writer got there first. */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Streams whose revision this process keeps, having written or read it. */
const KNOWN_STREAMS = 10_000;

/**
 * The revisions a group's appends say their streams are at (a number, or none for no_stream), if every one says so;
 * the first append to each stream says it for the group, as planAppends plans the later ones on it.
 */
function expectedRevisions(requests: readonly StreamAppend[]): Map<string, number> | undefined {
  const revisions = new Map<string, number>();
  for (const { stream, expectedRevision } of requests) {
    if (revisions.has(stream)) continue;
    if (!isText(stream)) return undefined;
    if (expectedRevision === 'no_stream') revisions.set(stream, -1);
    else if (typeof expectedRevision === 'number' && Number.isSafeInteger(expectedRevision) && expectedRevision >= 0)
      revisions.set(stream, expectedRevision);
    else return undefined;
  }
  return revisions;
}

/** The group's event ids that are already stored, with what they hold. */
function storedEventsQuery(table: string, requests: readonly StreamAppend[]): string {
  const ids = textArray(
    requests.flatMap((r) => (Array.isArray(r.events) ? r.events.map((e) => e?.eventId) : [])).filter(isText),
  );
  return `SELECT coalesce(json_agg(stored), '[]') AS stored FROM ${table} AS stored WHERE event_id = ANY(${ids})`;
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
 * chain.) The cost is one append transaction at a time per table, so appends made in this process while one is being
 * written share the next transaction (group commit: one lock, one commit for all of them): see `pnpm bench stores`.
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

  /**
   * Runs `work` on a pooled client; `work` begins and commits its transaction. On failure the transaction is rolled
   * back, and a client that cannot even roll back is discarded rather than returned to the pool.
   */
  async function onClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Runs `work` in a transaction that first takes the append lock, so that appends run one at a time. */
  const whileLocked = <T>(lockKey: string, work: (client: PoolClient) => Promise<T>): Promise<T> =>
    onClient(async (client) => {
      // Read committed, whatever the database default: each statement after the lock must see the previous holder's rows.
      // One round trip for both: the lock is on the critical path of every append. (The key is an integer from PostgreSQL.)
      await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${lockKey})`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    });

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

  /**
   * Appends to several streams in one transaction (appendToStreams; and a group of appendToStream calls, see
   * groupCommit), in two round trips of plain SQL text (several statements
   * each, values as literals, so every plan is made for these values and none depends on table statistics): take the
   * lock and read the state, then insert, notify and commit. The lock is held until the commit.
   * Event ids are left to the unique index at first. The group is planned again on the stored events with those ids
   * (a retry, rare) when a check fails or the index finds one: that tells an idempotent retry from a conflict.
   */
  // This process's appends, one after another: the append lock lets only one commit at a time anyway, and each then
  // starts from the head the one before it left (appends made side by side all planned on one head, and all but one
  // were refused by the index, then written again).
  let lastWrite: Promise<unknown> = Promise.resolve();

  function writeAppends(requests: readonly StreamAppend[], allOrNothing: boolean): Promise<StreamAppendOutcome[]> {
    const write = lastWrite.then(async () => {
      try {
        return await writeAppendsOnce(requests, allOrNothing, false);
      } catch (error) {
        if ((error as { constraint?: string }).constraint !== 'events_event_id_key') throw error;
        return writeAppendsOnce(requests, allOrNothing, true);
      }
    });
    lastWrite = write.catch(() => {});
    return write;
  }

  /**
   * What this process knows of the store from its own appends and reads, to plan an append without reading the state
   * first: the head it last saw under the append lock, and revisions its streams have reached (streams only grow).
   */
  let knownHead: { position: number; hash: string } | undefined;
  const knownRevisions = new LRUCache<string, number>({ max: KNOWN_STREAMS });
  const sawRevision = (stream: string, revision: number) => {
    if ((knownRevisions.get(stream) ?? -1) < revision) knownRevisions.set(stream, revision);
  };
  const wrote = (recorded: readonly RecordedEvent[]) => {
    for (const event of recorded) sawRevision(event.stream, event.revision);
    knownHead = lastOf(recorded);
  };

  async function writeAppendsOnce(
    requests: readonly StreamAppend[],
    allOrNothing: boolean,
    lookUpEventIds: boolean,
  ): Promise<StreamAppendOutcome[]> {
    return (
      (!lookUpEventIds && (await writeOnKnownState(requests))) ||
      (await writeOnStoredState(requests, allOrNothing, lookUpEventIds))
    );
  }

  /**
   * One round trip instead of two, without reading the state: when this process knows the head and every append's
   * stream has reached the revision it expects, the group is planned on that state and inserted. The unique indexes
   * check it under the lock: had another writer appended, the next position, or the next revision of one of these
   * streams, would already be taken. Undefined when one was, or when the plan refused an append (an expected revision
   * may be wrong): the caller then reads the state and plans again.
   */
  async function writeOnKnownState(requests: readonly StreamAppend[]): Promise<StreamAppendOutcome[] | undefined> {
    const revisions = expectedRevisions(requests);
    if (!knownHead || !revisions) return undefined;
    for (const [stream, revision] of revisions) if ((knownRevisions.get(stream) ?? -1) < revision) return undefined;
    const { outcomes, recorded } = planAppends(
      requests,
      {
        streamRevision: (stream) => revisions.get(stream) ?? -1,
        head: knownHead,
        storedEvent: () => undefined,
        recordedAt: now().toISOString(),
      },
      options.validate,
    );
    if (recorded.length === 0 || outcomes.some((o) => !o.ok)) return undefined;
    try {
      await onClient((client) =>
        client.query(
          `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${lockKey});
           ${insertQuery(table, recorded)}; ${notifyQuery(recorded)}; COMMIT`,
        ),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      knownHead = undefined;
      return undefined;
    }
    wrote(recorded);
    return outcomes;
  }

  const notifyQuery = (recorded: readonly RecordedEvent[]) =>
    `SELECT pg_notify(${escapeLiteral(channel)}, ${escapeLiteral(String(recorded.at(-1)!.position))})`;

  /** Two round trips: take the lock and read the state, then insert, notify and commit. */
  async function writeOnStoredState(
    requests: readonly StreamAppend[],
    allOrNothing: boolean,
    lookUpEventIds: boolean,
  ): Promise<StreamAppendOutcome[]> {
    return onClient(async (client) => {
      const results = (await client.query(
        `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${lockKey}); ${appendStateQuery(table, requests)}`,
      )) as unknown as QueryResult[];
      const state = results.at(-1)!.rows[0] as StoredAppendState;
      const head = { position: Number(state.position ?? 0), hash: state.hash ?? GENESIS_HASH };
      for (const [stream, revision] of Object.entries(state.revisions)) sawRevision(stream, revision);
      const storedEvents = async () =>
        (await client.query<{ stored: EventRow[] }>(storedEventsQuery(table, requests))).rows[0]!.stored;
      const plan = (stored: EventRow[]) => {
        const byId = new Map(stored.map((row) => [row.event_id, recordedFromRow(row)]));
        return planAppends(
          requests,
          {
            streamRevision: (stream) => state.revisions[stream] ?? -1,
            head,
            storedEvent: (id) => byId.get(id),
            recordedAt: now().toISOString(),
          },
          options.validate,
        );
      };
      let { outcomes, recorded } = plan(lookUpEventIds ? await storedEvents() : []);
      if (!lookUpEventIds && outcomes.some((o) => !o.ok)) ({ outcomes, recorded } = plan(await storedEvents()));
      const refusal = refusalOf(outcomes, allOrNothing);
      if (refusal) throw refusal;
      if (recorded.length === 0) {
        await client.query('COMMIT');
        knownHead = head;
        return outcomes;
      }
      await client.query(`${insertQuery(table, recorded)}; ${notifyQuery(recorded)}; COMMIT`);
      wrote(recorded);
      return outcomes;
    });
  }
  const append = groupCommit((requests) => writeAppends(requests, false));

  async function appendToStream(
    stream: string,
    events: readonly NewEvent[],
    opts: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expectedRevision = opts.expectedRevision ?? 'any';
    // Checked by planAppends, within the group: a malformed append is refused alone.
    const { result } = await append({ stream, events, expectedRevision });
    appended.notify(); // this process's subscribers need not wait for the notification's round trip
    return result;
  }

  /** Several appends in one transaction: one lock, one state query, one insert and one commit for all of them. */
  async function appendToStreams(
    appends: readonly StreamAppend[],
    { allOrNothing = false }: AppendToStreamsOptions = {},
  ): Promise<StreamAppendOutcome[]> {
    const outcomes = await writeAppends(appends, allOrNothing);
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
    const events = rows.map(recordedFromRow);
    if (events.length > 0) sawRevision(stream, events.at(-1)!.revision);
    return events;
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
