import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { EventStore } from '@ledger/event-store';
import { executeAll, readCheckpoint } from './schema.ts';
import { TableSuffixPlugin } from './table-suffix.ts';
import type { ProjectionDefinition } from './projection-definition.ts';
import type { ReadModelDatabase } from './schema.ts';

/** Where a version is built before it is swapped in. */
export const NEXT = '_next';

export interface RebuildOptions {
  /** Events read and applied per transaction: what a rebuild holds in memory. */
  pageSize: number;
  /** Runs in each batch's transaction before its checkpoint moves: a seam for crash tests. */
  beforeCheckpoint?: () => void | Promise<void>;
  /** Runs in the swap's transaction before it commits: a seam for crash tests. */
  beforeSwap?: () => void | Promise<void>;
  /** Writes what readers will see differently after the swap (the outbox), in the swap's transaction. */
  onSwap?: (trx: Kysely<ReadModelDatabase>, built: Kysely<ReadModelDatabase>, position: number) => Promise<void>;
}

/**
 * Creates a projection's tables where the database has none yet (a fresh database) and records their version. Tables
 * made before projections had versions (a `checkpoint` table, no record) count as version 1, so the projector
 * rebuilds them beside. Resolves to what the database now holds.
 */
export async function initialiseProjection(
  db: Kysely<ReadModelDatabase>,
  projection: ProjectionDefinition<ReadModelDatabase>,
  /** PostgreSQL's schema of the read models: introspection lists the tables of every schema. */
  schema?: string,
): Promise<ProjectionState> {
  const known = await readProjectionState(db, projection.name);
  if (known) return known;
  const tables = await db.introspection.getTables();
  const existing = new Set(tables.filter((t) => schema === undefined || t.schema === schema).map((t) => t.name));
  const state = { version: existing.has(projection.tables[0]!) ? 1 : projection.version, generation: 0 };
  await db.transaction().execute(async (trx) => {
    // The API and the projector may both start on a fresh PostgreSQL database: one creates, the other waits and finds.
    if (schema !== undefined)
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`ledger-projections:${schema}`}))`.execute(trx);
    if (await readProjectionState(trx, projection.name)) return;
    if (state.version === projection.version)
      await executeAll(trx, [...projection.createTables(trx, ''), ...projection.createIndexes(trx, '')]);
    await trx
      .insertInto('projections')
      .values({ name: projection.name, ...state })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  });
  return (await readProjectionState(db, projection.name))!;
}

/** What the database holds of a projection: the version of its tables, and which build they are (names its indexes). */
export interface ProjectionState {
  version: number;
  generation: number;
}

export async function readProjectionState(
  db: Kysely<ReadModelDatabase>,
  name: string,
): Promise<ProjectionState | undefined> {
  return db
    .selectFrom('projections')
    .select(['version', 'generation'])
    .where('name', '=', name)
    .executeTakeFirst()
    .then((row) => row && { version: Number(row.version), generation: Number(row.generation) });
}

/**
 * Builds the projection's current version into tables beside the ones readers use (`figures_next` …), a page of
 * events per transaction, so memory stays flat however long the history, and a crash loses at most the page in
 * flight: the next rebuild resumes from the built tables' own checkpoint. Then swaps them in, in one transaction:
 * readers see the old tables until it commits and the new ones after, never a half-built model.
 */
export async function rebuildBeside(
  db: Kysely<ReadModelDatabase>,
  projection: ProjectionDefinition<ReadModelDatabase>,
  store: EventStore,
  options: RebuildOptions,
): Promise<number> {
  const state = await readProjectionState(db, projection.name);
  const generation = (state?.generation ?? 0) + 1;
  const indexSuffix = `_g${generation}`;
  const built = db.withPlugin(new TableSuffixPlugin(NEXT, projection.tables));
  await executeAll(built, projection.createTables(built, indexSuffix));

  const load = projection.bulk?.load ?? projection.handle;
  let position = await readCheckpoint(built);
  for await (const page of pagesAfter(store, position, options.pageSize)) {
    position = await built
      .transaction()
      .execute((trx) => load(trx, page, { outbox: false, beforeCheckpoint: options.beforeCheckpoint }));
  }
  const cluster = projection.bulk?.cluster;
  if (cluster) await built.transaction().execute((trx) => cluster(trx, indexSuffix));
  await executeAll(built, projection.createIndexes(built, indexSuffix));
  const finish = projection.bulk?.finish;
  if (finish) await built.transaction().execute((trx) => finish(trx));

  await db.transaction().execute(async (trx) => {
    await options.onSwap?.(trx, trx.withPlugin(new TableSuffixPlugin(NEXT, projection.tables)), position);
    for (const table of projection.tables) {
      await trx.schema.dropTable(table).ifExists().execute();
      await trx.schema.alterTable(`${table}${NEXT}`).renameTo(table).execute();
    }
    await trx
      .insertInto('projections')
      .values({ name: projection.name, version: projection.version, generation })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version: projection.version, generation }))
      .execute();
    await options.beforeSwap?.();
  });
  return position;
}

/** Pages of the global order after `position`, read as they are applied. */
async function* pagesAfter(store: EventStore, position: number, pageSize: number) {
  let next = position + 1;
  for (;;) {
    const page = await store.readAll({ fromPosition: next, maxCount: pageSize });
    if (page.length === 0) return;
    yield page;
    next = page.at(-1)!.position + 1;
  }
}
