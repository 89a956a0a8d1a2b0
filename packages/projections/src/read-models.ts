import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import { createProjector, type Projector, type ProjectorOptions } from './projector.ts';
import { createObservationOutbox, type ObservationOutbox } from './outbox.ts';
import { createLedgerQueries } from './queries.ts';
import { createReadModelTables, readModelDefinition, type ReadModelDatabase } from './schema.ts';
import type { LedgerQueries } from './read-model-types.ts';

export interface ReadModels {
  queries: LedgerQueries;
  projector: Projector;
  /** What the projector left for the Kafka relay to publish. */
  outbox: ObservationOutbox;
  close(): Promise<void>;
}

const readModelsOn = (db: Kysely<ReadModelDatabase>, projector: ProjectorOptions | undefined): ReadModels => ({
  queries: createLedgerQueries(db),
  projector: createProjector(db, projector),
  outbox: createObservationOutbox(db),
  close: () => db.destroy(),
});

/**
 * Read models in one SQLite file (":memory:" for a private one), ready on return: the tables are created
 * synchronously, from the same definition PostgreSQL runs. synchronous=NORMAL: a power cut may lose the last
 * batches, but the checkpoint commits with them, so they are simply applied again.
 */
export function openSqliteReadModels(options: { path: string; projector?: ProjectorOptions }): ReadModels {
  const sqlite = new DatabaseSync(options.path);
  sqlite.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -262144;',
  );
  const db = new Kysely<ReadModelDatabase>({ dialect: nodeSqliteDialect(sqlite) });
  for (const statement of readModelDefinition(db)) {
    const { sql, parameters } = statement.compile();
    sqlite.prepare(sql).run(...(parameters as SQLInputValue[]));
  }
  return readModelsOn(db, options.projector);
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
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
  await createReadModelTables(db);
  return readModelsOn(db, options.projector);
}
