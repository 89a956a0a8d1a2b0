import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import { createProjector, type Projector, type ProjectorOptions } from './projector.ts';
import { createObservationOutbox, type ObservationOutbox } from './outbox.ts';
import { createLedgerQueries } from './queries.ts';
import { migrateToLatest } from './migrations/index.ts';
import { readModelProjection } from './read-model-projection.ts';
import { initialiseProjection } from './rebuild-beside.ts';
import type { ReadModelDatabase } from './schema.ts';
import type { LedgerQueries } from './read-model-types.ts';

export interface ReadModels {
  queries: LedgerQueries;
  projector: Projector;
  /** What the projector left for the Kafka relay to publish. */
  outbox: ObservationOutbox;
  close(): Promise<void>;
}

const UNDEFINED_TABLE = '42P01';

/**
 * Migrates the tables beside the projections, creates the read models in a fresh database, and opens them. A database
 * that holds another version of them keeps answering from it until the projector has rebuilt and swapped them.
 */
async function readModelsOn(
  db: Kysely<ReadModelDatabase>,
  projector: ProjectorOptions | undefined,
  schema?: string,
): Promise<ReadModels> {
  // Kysely's PostgreSQL introspection reads the tables of every schema, and fails when another one renames a table
  // meanwhile (a rebuild's swap): such a failure is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db as Kysely<unknown>, schema);
      await initialiseProjection(db, readModelProjection, schema);
      break;
    } catch (error) {
      if (attempt < 3 && (error as { code?: string }).code === UNDEFINED_TABLE) continue;
      await db.destroy();
      throw error;
    }
  }
  return {
    queries: createLedgerQueries(db),
    projector: createProjector(db, projector),
    outbox: createObservationOutbox(db),
    close: () => db.destroy(),
  };
}

/** The page cache of a connection that serves and follows the log: its hot pages fit, and a long run does not grow it. */
const LIVE_CACHE_KIB = 16 * 1024;
/**
 * The page cache while rebuilding: it bounds what a rebuild of any length holds besides its page of events, and SQLite
 * sorts (an index, the clustered figures) in runs of the same size. More buys little: at ten million events the
 * figures' indexes alone are ten times larger, so a point-in-time read finds their leaves in the OS's cache either way.
 */
const REBUILD_CACHE_KIB = 64 * 1024;
/**
 * While rebuilding, the log is copied into the file once it holds this many pages (400 MB) rather than 1,000: every
 * page a commit wrote is written twice, to the log and then to the file, and an index page that later batches write
 * again is copied once instead of once per batch. 1 M events: 68 s against 79 s; 4 GB measured no faster.
 */
const REBUILD_CHECKPOINT_PAGES = 100_000;

/**
 * Read models in one SQLite file (":memory:" for a private one), from the same definition PostgreSQL runs.
 * synchronous=NORMAL: a power cut may lose the last batches, but the checkpoint commits with them, so they are simply
 * applied again.
 */
export async function openSqliteReadModels(options: {
  path: string;
  projector?: ProjectorOptions;
}): Promise<ReadModels> {
  const sqlite = new DatabaseSync(options.path);
  const cacheSize = (kib: number) => sqlite.exec(`PRAGMA cache_size = -${kib};`);
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
  cacheSize(LIVE_CACHE_KIB);
  const projector: ProjectorOptions = {
    ...options.projector,
    async rebuildWith(rebuild) {
      cacheSize(REBUILD_CACHE_KIB);
      sqlite.exec(`PRAGMA wal_autocheckpoint = ${REBUILD_CHECKPOINT_PAGES};`);
      try {
        return await rebuild();
      } finally {
        if (sqlite.isOpen) {
          cacheSize(LIVE_CACHE_KIB);
          sqlite.exec('PRAGMA wal_autocheckpoint = 1000;');
          // Copies what is left into the file and empties the log, which would otherwise keep its size on disk.
          sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE);');
        }
      }
    },
  };
  return readModelsOn(new Kysely<ReadModelDatabase>({ dialect: nodeSqliteDialect(sqlite) }), projector);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** bigint columns (positions, counts) as numbers: positions stay far below 2^53. */
const INT8 = 20;
const int8AsNumber = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Read models in a PostgreSQL schema (created when missing; default public). */
export async function openPostgresReadModels(options: {
  connectionString: string;
  schema?: string;
  projector?: ProjectorOptions;
}): Promise<ReadModels> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`schema must be a lower-case SQL identifier, got "${schema}"`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    options: `-c search_path=${schema}`,
    types: int8AsNumber,
  });
  // An idle connection lost (server restart, database dropped) is replaced on the next query; unhandled, it would crash.
  pool.on('error', () => {});
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return readModelsOn(
    new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) }),
    options.projector,
    schema,
  );
}
