import { sql, type Compilable, type ExpressionBuilder, type Kysely } from 'kysely';

/**
 * The read-model tables, one definition for SQLite and PostgreSQL: text and bigint columns only, flags as 0/1
 * integers (node:sqlite cannot bind booleans), citations as JSON text.
 */
export interface ReadModelDatabase {
  /** Which version of each projection's tables the database holds, and which build of them (names its indexes). */
  projections: { name: string; version: number; generation: number };
  checkpoint: { id: number; position: number };
  documents: {
    document_id: string;
    file_name: string;
    title: string;
    kind: string;
    publisher: string;
    speaker: string | null;
    region_code: string;
    published: string;
    available_from: string;
    period_covered: string;
    sha256: string;
    position: number;
  };
  series: {
    series_key: string;
    subject_type: string;
    /** The region's code, or the region an entity is located in: what a region search matches. */
    region_code: string;
    entity_name: string | null;
    indicator_code: string;
    indicator_name: string;
    kind: string;
    unit_base: string;
    /** Indicator names, synonyms and the entity name, lower-cased, for substring search. */
    search_text: string;
  };
  figures: {
    figure_id: string;
    series_key: string;
    period: string;
    track: string;
    value: string;
    unit: string;
    base_value: string;
    comparator: string;
    status: string;
    number_as_written: string | null;
    document_id: string;
    published: string;
    available_from: string;
    citations: string;
    position: number;
    recorded_at: string;
    standing: string;
    supersedes: string | null;
    superseded_by: string | null;
    ended_at_position: number | null;
    reason: string | null;
  };
  /** Every observation with a standing figure, and whether its sources disagree. */
  observations: { series_key: string; period: string; track: string; conflicting: number; best_figure_id: string };
  /** Unsent changes of the observations topic (see outbox.ts); kept across rebuilds. */
  observation_outbox: { position: number; key: string; value: string | null };
  /**
   * Every applied event, for the audit trail and for mapping a record time to a position. A figure row holds the
   * positions of the events that created and ended it, so the trail needs no index of its own here.
   */
  applied_events: {
    position: number;
    event_id: string;
    type: string;
    stream: string;
    recorded_at: string;
    hash: string;
    /** The figure the event created or retracted. */
    figure_id: string | null;
    reason: string | null;
  };
}

export type ReadModelDb = Kysely<ReadModelDatabase>;

/** The read models' own tables, rebuilt and swapped together; the checkpoint first. */
export const READ_MODEL_TABLES = ['checkpoint', 'documents', 'series', 'figures', 'observations', 'applied_events'];

/**
 * The statements that create the read-model tables when missing, with their primary keys, the checkpoint row and the
 * keys the projector writes and reads through. Index names end in `indexSuffix`: a version built beside the live one
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
    s
      .createTable('documents')
      .ifNotExists()
      .addColumn('document_id', 'text', (c) => c.primaryKey())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('publisher', 'text', (c) => c.notNull())
      .addColumn('speaker', 'text')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('published', 'text', (c) => c.notNull())
      .addColumn('available_from', 'text', (c) => c.notNull())
      .addColumn('period_covered', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull()),
    s
      .createTable('series')
      .ifNotExists()
      .addColumn('series_key', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('entity_name', 'text')
      .addColumn('indicator_code', 'text', (c) => c.notNull())
      .addColumn('indicator_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('unit_base', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull()),
    s
      .createTable('figures')
      .ifNotExists()
      .addColumn('figure_id', 'text', (c) => c.notNull())
      .addColumn('series_key', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('track', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('base_value', 'text', (c) => c.notNull())
      .addColumn('comparator', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('number_as_written', 'text')
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('published', 'text', (c) => c.notNull())
      .addColumn('available_from', 'text', (c) => c.notNull())
      .addColumn('citations', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('standing', 'text', (c) => c.notNull())
      .addColumn('supersedes', 'text')
      .addColumn('superseded_by', 'text')
      .addColumn('ended_at_position', 'bigint')
      .addColumn('reason', 'text'),
    s
      .createTable('observations')
      .ifNotExists()
      .addColumn('series_key', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('track', 'text', (c) => c.notNull())
      .addColumn('conflicting', 'integer', (c) => c.notNull())
      .addColumn('best_figure_id', 'text', (c) => c.notNull()),
    s
      .createTable('applied_events')
      .ifNotExists()
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('figure_id', 'text')
      .addColumn('reason', 'text'),
    // Unique indexes rather than primary keys: a table without a rowid order to keep loads faster.
    index('series_by_key').unique().on('series').column('series_key'),
    index('figures_by_id').unique().on('figures').column('figure_id'),
    index('observations_by_key').unique().on('observations').columns(['series_key', 'period', 'track']),
    index('figures_by_observation').on('figures').columns(['series_key', 'period', 'track']),
  ];
}

/** The read paths' indexes, created when missing: a rebuild creates them after loading the tables, by one sort each. */
export function readModelIndexes(db: ReadModelDb, indexSuffix: string): Compilable[] {
  const s = db.schema;
  const index = (name: string) => s.createIndex(`${name}${indexSuffix}`).ifNotExists();
  return [
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
