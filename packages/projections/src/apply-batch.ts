import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { chunked } from './chunks.ts';
import { insertRows } from './insert-rows.ts';
import { foldBatch, referencesOf, settleObservations, type ObservationId, type SettledObservation } from './batch.ts';
import { observationKey, sourceDatesOf, type SourceDates } from './figure.ts';
import { observationKeyOf, observationValueOf, type OutboxEntry, type PublishedFigure } from './outbox.ts';
import {
  appliedEventToRow,
  documentToRow,
  figureFromRow,
  figureRows,
  figureToRow,
  observationToRow,
  seriesToRow,
  type SeriesReported,
} from './rows.ts';
import { inObservations, readCheckpoint, type ReadModelDatabase } from './schema.ts';
import type { FigureView, Track } from './read-model-types.ts';
import type { HandleOptions } from './projection-definition.ts';

type Trx = Kysely<ReadModelDatabase>;

/** Multi-row statements of table rows: as many rows as the parameter limit allows. */
const rowChunks = <T extends object>(rows: readonly T[]): T[][] => chunked(rows, Object.keys(rows[0] ?? {}).length);

export async function loadSources(trx: Trx, documentIds: ReadonlySet<string>): Promise<Map<string, SourceDates>> {
  const sources = new Map<string, SourceDates>();
  for (const ids of chunked([...documentIds], 1)) {
    const rows = await trx
      .selectFrom('documents')
      .select(['document_id', 'published'])
      .where('document_id', 'in', ids)
      .execute();
    for (const row of rows) sources.set(row.document_id, sourceDatesOf(row.published));
  }
  return sources;
}

export async function loadFigures(trx: Trx, figureIds: ReadonlySet<string>): Promise<Map<string, FigureView>> {
  const figures = new Map<string, FigureView>();
  for (const ids of chunked([...figureIds], 1)) {
    for (const row of await trx.selectFrom('figures').selectAll().where('figure_id', 'in', ids).execute())
      figures.set(row.figure_id, figureFromRow(row));
  }
  return figures;
}

/** What settling and publishing a standing figure needs of it. */
const contenders = figureRows.pick([
  'figureId',
  'seriesKey',
  'period',
  'track',
  'status',
  'availableFrom',
  'position',
  'baseValue',
  'comparator',
  'value',
  'unit',
  'documentId',
  'published',
]);

/** The standing figures, with only what settling and publishing them needs. */
export const standingContenders = (trx: Trx) =>
  trx.selectFrom('figures').select(contenders.names).where('standing', '=', 'active');

export const contenderFromRow: (row: Parameters<typeof contenders.fromRow>[0]) => PublishedFigure = contenders.fromRow;

/** The stored standing figures of the given observations, with only what settling and publishing them needs. */
export async function loadContenders(trx: Trx, observations: readonly ObservationId[]): Promise<PublishedFigure[]> {
  const out: PublishedFigure[] = [];
  for (const ids of chunked(observations, 3)) {
    for (const row of await standingContenders(trx).where(inObservations(ids)).execute())
      out.push(contenderFromRow(row));
  }
  return out;
}

/** The best figure of each stored observation among `observations`, by observation key. */
export async function loadBestFigureIds(
  trx: Trx,
  observations: readonly ObservationId[],
): Promise<Map<string, string>> {
  const best = new Map<string, string>();
  for (const ids of chunked(observations, 3)) {
    const rows = await trx
      .selectFrom('observations')
      .select(['series_key', 'period', 'track', 'best_figure_id'])
      .where(inObservations(ids))
      .execute();
    for (const r of rows)
      best.set(
        observationKey({ seriesKey: r.series_key, period: r.period, track: r.track as Track }),
        r.best_figure_id,
      );
  }
  return best;
}

/** The outbox entries of a settlement: a value where the best figure changed, a tombstone where none stands any more. */
function outboxEntries(
  bestBefore: ReadonlyMap<string, string>,
  present: ReadonlyArray<SettledObservation<PublishedFigure>>,
  emptied: readonly ObservationId[],
  position: number,
): OutboxEntry[] {
  const changed = present
    .filter((o) => bestBefore.get(observationKey(o)) !== o.best.figureId)
    .map((o) => ({ position, key: observationKeyOf(o), value: JSON.stringify(observationValueOf(o.best, position)) }));
  const gone = emptied
    .filter((o) => bestBefore.has(observationKey(o)))
    .map((o) => ({ position, key: observationKeyOf(o), value: null }));
  return [...changed, ...gone];
}

/**
 * Series first reported by a batch; those already stored stay as they are. Most of a batch's series are stored
 * already: their keys are looked up, and only the new ones are inserted.
 */
export async function insertSeries(trx: Trx, series: ReadonlyMap<string, SeriesReported>): Promise<void> {
  const stored = new Set<string>();
  for (const keys of chunked([...series.keys()], 1))
    for (const row of await trx.selectFrom('series').select('series_key').where('series_key', 'in', keys).execute())
      stored.add(row.series_key);
  const fresh = [...series].filter(([key]) => !stored.has(key));
  await insertRows(trx, 'series', fresh, ([key, reported]) => seriesToRow(key, reported));
}

/**
 * The figures a batch created or ended: new ones as plain inserts (statements compiled once, see insertRows), and
 * only the endings of `stored` ones as upserts.
 */
export async function writeFigures(
  trx: Trx,
  figures: ReadonlyMap<string, FigureView>,
  stored: ReadonlyMap<string, FigureView>,
): Promise<void> {
  const created: FigureView[] = [];
  const ended: FigureView[] = [];
  for (const figure of figures.values()) (stored.has(figure.figureId) ? ended : created).push(figure);
  await insertRows(trx, 'figures', created, figureToRow);
  await upsertFigures(trx, ended);
}

/** Figures written again with their endings (inserted if missing). */
async function upsertFigures(trx: Trx, figures: readonly FigureView[]): Promise<void> {
  for (const rows of rowChunks(figures.map(figureToRow))) {
    await trx
      .insertInto('figures')
      .values(rows)
      .onConflict((oc) =>
        oc.column('figure_id').doUpdateSet((eb) => ({
          standing: eb.ref('excluded.standing'),
          superseded_by: eb.ref('excluded.superseded_by'),
          ended_at_position: eb.ref('excluded.ended_at_position'),
        })),
      )
      .execute();
  }
}

/**
 * Applies a page of events in the caller's transaction, with the checkpoint: events at or below the checkpoint are
 * skipped, so nothing is applied twice. Multi-row statements, and one settlement per touched observation.
 * Every change of an observation's best figure goes to the outbox in the same transaction.
 * `beforeCheckpoint` runs after every read-model write and before the checkpoint moves (tests inject crashes there).
 */
export async function applyBatch(trx: Trx, events: readonly RecordedEvent[], options: HandleOptions): Promise<number> {
  const checkpoint = await readCheckpoint(trx);
  const fresh = events.filter((e) => e.position > checkpoint);
  if (fresh.length === 0) return checkpoint;
  const { documentIds, figureIds } = referencesOf(fresh);
  const stored = { sources: await loadSources(trx, documentIds), figures: await loadFigures(trx, figureIds) };
  const changes = foldBatch(fresh, stored);

  const touched = [...changes.touched.values()];
  const standing = new Map((await loadContenders(trx, touched)).map((c) => [c.figureId, c]));
  for (const figure of changes.figures.values()) {
    if (figure.standing === 'active') standing.set(figure.figureId, figure);
    else standing.delete(figure.figureId);
  }
  const { present, emptied } = settleObservations(changes.touched, [...standing.values()]);
  const position = fresh.at(-1)!.position;
  const outbox = options.outbox ? outboxEntries(await loadBestFigureIds(trx, touched), present, emptied, position) : [];

  await insertRows(trx, 'documents', changes.documents, documentToRow);
  await insertSeries(trx, changes.series);
  await writeFigures(trx, changes.figures, stored.figures);
  const observationRows = present.map(observationToRow);
  for (const rows of rowChunks(observationRows)) {
    await trx
      .insertInto('observations')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['series_key', 'period', 'track'])
          .doUpdateSet((eb) => ({
            conflicting: eb.ref('excluded.conflicting'),
            best_figure_id: eb.ref('excluded.best_figure_id'),
          }))
          // An unchanged row is not rewritten: most settlements change nothing.
          .where((eb) =>
            eb.or([
              eb('observations.conflicting', '<>', eb.ref('excluded.conflicting')),
              eb('observations.best_figure_id', '<>', eb.ref('excluded.best_figure_id')),
            ]),
          ),
      )
      .execute();
  }
  for (const ids of chunked(emptied, 3)) await trx.deleteFrom('observations').where(inObservations(ids)).execute();
  await insertRows(trx, 'applied_events', changes.applied, appliedEventToRow);
  await insertRows(trx, 'observation_outbox', outbox, (entry) => entry);

  await options.beforeCheckpoint?.();
  await trx.updateTable('checkpoint').set({ position }).where('id', '=', 1).execute();
  return position;
}
