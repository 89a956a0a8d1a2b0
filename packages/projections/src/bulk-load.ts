import { sql, type Kysely } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import {
  contenderFromRow,
  insertSeries,
  loadFigures,
  loadSources,
  standingContenders,
  writeFigures,
} from './apply-batch.ts';
import { foldBatch, referencesOf, settleObservations, type ObservationId } from './batch.ts';
import { observationKey } from './figure.ts';
import { insertRows } from './insert-rows.ts';
import type { PublishedFigure } from './outbox.ts';
import { appliedEventToRow, documentToRow, observationToRow } from './rows.ts';
import { executeAll, figureTable, readCheckpoint, type ReadModelDatabase } from './schema.ts';
import type { HandleOptions } from './projection-definition.ts';

/**
 * The rebuild's way of filling the read models from nothing: the events are loaded page by page with only the rows
 * they create (documents, series, figures, the audit trail) and the endings of figures already loaded, and the
 * observations, which each page would otherwise settle again and again, are derived once at the end from the figures
 * in key order (`settleAllObservations`). What a page needs of the pages before it (the dates of the documents it
 * cites, the figures it ends) is read back from the tables, so memory holds one page however long the history.
 */

type Trx = Kysely<ReadModelDatabase>;

/** Loads a page of events after the built tables' checkpoint, in the caller's transaction, and moves the checkpoint. */
export async function loadPage(trx: Trx, events: readonly RecordedEvent[], options: HandleOptions): Promise<number> {
  const checkpoint = await readCheckpoint(trx);
  const fresh = events.filter((e) => e.position > checkpoint);
  if (fresh.length === 0) return checkpoint;
  const { documentIds, figureIds } = referencesOf(fresh);
  const stored = { sources: await loadSources(trx, documentIds), figures: await loadFigures(trx, figureIds) };
  const changes = foldBatch(fresh, stored);

  await insertRows(trx, 'documents', changes.documents, documentToRow);
  await insertSeries(trx, changes.series);
  await writeFigures(trx, changes.figures, stored.figures);
  await insertRows(trx, 'applied_events', changes.applied, appliedEventToRow);

  await options.beforeCheckpoint?.();
  const position = fresh.at(-1)!.position;
  await trx.updateTable('checkpoint').set({ position }).where('id', '=', 1).execute();
  return position;
}

/** Where the loaded figures wait while they are rewritten in order. */
const LOADED_FIGURES = 'figures_loaded';

/**
 * Rewrites the loaded figures in observation order, by one sort. A series' figures were reported years apart, so in
 * load order each sits on a page of its own; an as-of query reads them all, and once the table outgrows the page cache
 * (about 10 M events) every page is a disk read. In order they share a page or two, and settling reads them in
 * sequence. Figures written after the rebuild go at the end.
 */
export async function clusterFigures(trx: Trx, indexSuffix: string): Promise<void> {
  const [createFigures, ...figureIndexes] = figureTable(trx, indexSuffix);
  await trx.schema.alterTable('figures').renameTo(LOADED_FIGURES).execute();
  await executeAll(trx, [createFigures!]);
  await sql`insert into ${sql.table('figures')} select * from ${sql.table(LOADED_FIGURES)} order by series_key, period, track, position`.execute(
    trx,
  );
  // Its indexes go with it, and are built again on the ordered table.
  await trx.schema.dropTable(LOADED_FIGURES).execute();
  await executeAll(trx, figureIndexes);
}

/** Standing figures read per query while settling: what settling holds in memory, beside one observation's figures. */
const SETTLE_PAGE = 20_000;

/**
 * Derives every observation from the standing figures, replacing what the table held (a resumed rebuild settles
 * again). Reads the figures in observation order through the `(series_key, period, track)` index, a page at a
 * time; an observation cut by the end of a page is read whole before it is settled.
 */
export async function settleAllObservations(db: Trx): Promise<void> {
  await db.deleteFrom('observations').execute();
  let after: ObservationId | undefined;
  for (;;) {
    const rows = await standingContenders(db)
      .$if(after !== undefined, (q) =>
        q.where(sql<boolean>`(series_key, period, track) > (${after!.seriesKey}, ${after!.period}, ${after!.track})`),
      )
      .orderBy('series_key')
      .orderBy('period')
      .orderBy('track')
      .limit(SETTLE_PAGE)
      .execute();
    if (rows.length === 0) return;
    let figures = rows.map(contenderFromRow);
    const last = figures.at(-1)!;
    if (rows.length === SETTLE_PAGE) {
      // The last observation may go on past the page: read it whole.
      const lastKey = observationKey(last);
      figures = figures.filter((f) => observationKey(f) !== lastKey);
      const rest = await standingContenders(db)
        .where('series_key', '=', last.seriesKey)
        .where('period', '=', last.period)
        .where('track', '=', last.track)
        .execute();
      figures.push(...rest.map(contenderFromRow));
    }
    await insertObservations(db, figures);
    if (rows.length < SETTLE_PAGE) return;
    after = { seriesKey: last.seriesKey, period: last.period, track: last.track };
  }
}

async function insertObservations(db: Trx, figures: readonly PublishedFigure[]): Promise<void> {
  const touched = new Map<string, ObservationId>();
  for (const f of figures) touched.set(observationKey(f), { seriesKey: f.seriesKey, period: f.period, track: f.track });
  const { present } = settleObservations(touched, figures);
  await insertRows(db, 'observations', present, observationToRow);
}
