import { sql, type Compilable, type ExpressionBuilder, type Kysely } from 'kysely';
import { withColumns } from './columns.ts';
import {
  appliedEventColumns,
  documentColumns,
  figureColumns,
  observationColumns,
  seriesColumns,
  type AppliedEventRow,
  type DocumentRow,
  type FigureRow,
  type ObservationRow,
  type SeriesRow,
} from './tables.ts';

/** The read-model tables: their rows come from the columns declared in tables.ts. */
export interface ReadModelDatabase {
  /** Which version of each projection's tables the database holds, and which build of them (names its indexes). */
  projections: { name: string; version: number; generation: number };
  checkpoint: { id: number; position: number };
  documents: DocumentRow;
  series: SeriesRow;
  figures: FigureRow;
  observations: ObservationRow;
  /** Unsent changes of the observations topic (see outbox.ts); kept across rebuilds. */
  observation_outbox: { position: number; key: string; value: string | null };
  applied_events: AppliedEventRow;
}

export type ReadModelDb = Kysely<ReadModelDatabase>;

/** The read models' own tables, rebuilt and swapped together; the checkpoint first. */
export const READ_MODEL_TABLES = ['checkpoint', 'documents', 'series', 'figures', 'observations', 'applied_events'];

/**
 * The statements that create the read-model tables when missing, with their primary keys, the checkpoint row and the
 * keys a rebuild's load writes and reads through. Index names end in `indexSuffix`: a version built beside the live one
 * needs names of its own (SQLite's index names are global).
 */
export function readModelTables(db: ReadModelDb, indexSuffix: string): Compilable[] {
  const s = db.schema;
  const index = (name: string) => s.createIndex(`${name}${indexSuffix}`).ifNotExists();
  return [
    s
      .createTable('checkpoint')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('position', 'bigint', (c) => c.notNull()),
    db
      .insertInto('checkpoint')
      .values({ id: 1, position: 0 })
      .onConflict((oc) => oc.column('id').doNothing()),
    withColumns(s.createTable('documents').ifNotExists(), documentColumns),
    withColumns(s.createTable('series').ifNotExists(), seriesColumns),
    ...figureTable(db, indexSuffix),
    withColumns(s.createTable('observations').ifNotExists(), observationColumns),
    withColumns(s.createTable('applied_events').ifNotExists(), appliedEventColumns),
    // Unique indexes rather than primary keys: a table without a rowid order to keep loads faster.
    index('series_by_key').unique().on('series').column('series_key'),
  ];
}

/** The figures table with the key its writers end figures by (a unique index, as for `series_by_key`). */
export function figureTable(db: ReadModelDb, indexSuffix: string): Compilable[] {
  const s = db.schema;
  return [
    withColumns(s.createTable('figures').ifNotExists(), figureColumns),
    s.createIndex(`figures_by_id${indexSuffix}`).ifNotExists().unique().on('figures').column('figure_id'),
  ];
}

/** The other indexes, created when missing: a rebuild creates them after loading the tables, by one sort each. */
export function readModelIndexes(db: ReadModelDb, indexSuffix: string): Compilable[] {
  const s = db.schema;
  const index = (name: string) => s.createIndex(`${name}${indexSuffix}`).ifNotExists();
  return [
    // The keys of settling observations: a rebuild loads the figures without them and settles every observation after.
    index('figures_by_observation').on('figures').columns(['series_key', 'period', 'track']),
    index('observations_by_key').unique().on('observations').columns(['series_key', 'period', 'track']),
    index('series_by_region').on('series').columns(['region_code', 'series_key']),
    index('series_by_indicator').on('series').columns(['indicator_code', 'series_key']),
    // With the position: a document's figures are read a page at a time in record order, without sorting them all.
    index('figures_by_document').on('figures').columns(['document_id', 'position']),
    // Partial: only the few conflicting observations are indexed, so settling the rest writes no extra index pages.
    index('observations_in_conflict')
      .on('observations')
      .columns(['series_key', 'period', 'track'])
      .where(sql.ref('conflicting'), '=', 1),
    index('applied_events_by_time').on('applied_events').column('recorded_at'),
  ];
}

export async function executeAll(db: ReadModelDb, statements: readonly Compilable[]): Promise<void> {
  for (const statement of statements) await db.executeQuery(statement.compile());
}

export async function readCheckpoint(db: ReadModelDb): Promise<number> {
  const row = await db.selectFrom('checkpoint').select('position').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.position);
}

/** `(series_key, period, track) IN (VALUES …)`: row values with a VALUES list, which both SQLite and PostgreSQL index. */
export const inObservations = (ids: ReadonlyArray<{ seriesKey: string; period: string; track: string }>) =>
  sql<boolean>`(series_key, period, track) in (values ${sql.join(ids.map((o) => sql`(${o.seriesKey}, ${o.period}, ${o.track})`))})`;

/** A series' observation count, as a column of a query over `series`. */
export const observationCount = (eb: ExpressionBuilder<ReadModelDatabase, 'series'>) =>
  eb
    .selectFrom('observations')
    .select((o) => o.fn.countAll().as('n'))
    .whereRef('observations.series_key', '=', 'series.series_key')
    .as('observation_count');
