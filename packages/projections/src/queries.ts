import { sql, type ExpressionBuilder } from 'kysely';
import { asStoodAt, observationKey } from './figure.ts';
import { distinctReadings, groupByObservation, observationsOf } from './observation.ts';
import { cutoffOf, recordedAtIso, type Cutoff } from './point-in-time.ts';
import { auditEntryFromRow, documentFromRow, figureFromRow, seriesFromRow } from './rows.ts';
import {
  inObservations,
  observationCount,
  readCheckpoint,
  type ReadModelDatabase,
  type ReadModelDb,
} from './schema.ts';
import { vintagesOf } from './vintages.ts';
import { observationGroups } from './export-pages.ts';
import { standingFigures } from './standing.ts';
import { regionObservationCount, regionSnapshotPage } from './region-snapshot.ts';
import { documentFigurePage, documentSpans } from './document-reads.ts';
import type { LedgerQueries, PointInTime, Track } from './read-model-types.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1_000;

const page = (limit = DEFAULT_LIMIT, offset = 0) => ({
  limit: Math.min(Math.max(limit, 0), MAX_LIMIT),
  offset: Math.max(offset, 0),
});

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const figureCount = (eb: ExpressionBuilder<ReadModelDatabase, 'documents'>) =>
  eb
    .selectFrom('figures')
    .select((f) => f.fn.countAll().as('n'))
    .whereRef('figures.document_id', '=', 'documents.document_id')
    .as('figure_count');

export function createLedgerQueries(db: ReadModelDb): LedgerQueries {
  async function cutoff(at: PointInTime): Promise<Cutoff> {
    if (at.recordedAtTime === undefined) return cutoffOf(at);
    const row = await db
      .selectFrom('applied_events')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('recorded_at', '<=', recordedAtIso(at.recordedAtTime))
      .executeTakeFirst();
    return cutoffOf(at, Number(row?.p ?? 0));
  }

  /** The figures standing at a point in time, as they stood then. */
  const standingAt = (c: Cutoff) => standingFigures(db, c).selectAll('figures');
  const asOf = (c: Cutoff) => (row: Parameters<typeof figureFromRow>[0]) =>
    asStoodAt(figureFromRow(row), c.position ?? Number.POSITIVE_INFINITY);

  async function figureById(figureId: string) {
    const row = await db.selectFrom('figures').selectAll().where('figure_id', '=', figureId).executeTakeFirst();
    return row && figureFromRow(row);
  }

  const queries: LedgerQueries = {
    async listDocuments() {
      const rows = await db
        .selectFrom('documents')
        .selectAll('documents')
        .select(figureCount)
        .orderBy('documents.position')
        .execute();
      return rows.map(documentFromRow);
    },

    async getDocument(documentId) {
      const row = await db
        .selectFrom('documents')
        .selectAll('documents')
        .select(figureCount)
        .where('documents.document_id', '=', documentId)
        .executeTakeFirst();
      return row && documentFromRow(row);
    },

    async searchSeries({ region, indicatorCode, q, limit, offset }) {
      const rows = await db
        .selectFrom('series')
        .selectAll('series')
        .select(observationCount)
        .$if(region !== undefined, (qb) => qb.where('series.region_code', '=', region!))
        .$if(indicatorCode !== undefined, (qb) => qb.where('series.indicator_code', '=', indicatorCode!))
        // The catalog's names and synonyms, the entity's name, and the name the series was reported under.
        .$if(Boolean(q), (qb) =>
          qb.where(
            sql<boolean>`(series.search_text like ${containing(q!)} escape '\\' or lower(series.indicator_name) like ${containing(q!)} escape '\\')`,
          ),
        )
        .orderBy('series.series_key')
        .limit(page(limit, offset).limit)
        .offset(page(limit, offset).offset)
        .execute();
      return rows.map(seriesFromRow);
    },

    async getSeries(seriesKey) {
      const row = await db
        .selectFrom('series')
        .selectAll('series')
        .select(observationCount)
        .where('series.series_key', '=', seriesKey)
        .executeTakeFirst();
      return row && seriesFromRow(row);
    },

    async observations(seriesKey, at = {}) {
      const c = await cutoff(at);
      const rows = await standingAt(c).where('figures.series_key', '=', seriesKey).execute();
      return observationsOf(rows.map(asOf(c)));
    },

    async vintages(seriesKey) {
      const rows = await db.selectFrom('figures').selectAll().where('series_key', '=', seriesKey).execute();
      return vintagesOf(rows.map(figureFromRow));
    },

    async regionSnapshot(regionCode, at = {}) {
      const c = await cutoff(at);
      const rows = await standingAt(c)
        .innerJoin('series', 'series.series_key', 'figures.series_key')
        .where('series.region_code', '=', regionCode)
        .execute();
      return observationsOf(rows.map(asOf(c)));
    },

    async regionSnapshotPage(regionCode, { at = {}, ...page }) {
      return regionSnapshotPage(db, regionCode, await cutoff(at), page);
    },

    async regionObservationCount(regionCode, at = {}) {
      return regionObservationCount(db, regionCode, await cutoff(at));
    },

    async getFigure(figureId) {
      const figure = await figureById(figureId);
      if (!figure) return undefined;
      const observation = (await queries.observations(figure.seriesKey)).find(
        (o) => observationKey(o) === observationKey(figure),
      );
      // The events that touched a figure: the one that created it, and the correction or retraction that ended it.
      const positions = [figure.position, ...(figure.endedAtPosition === null ? [] : [figure.endedAtPosition])];
      const events = await db
        .selectFrom('applied_events')
        .selectAll()
        .where('position', 'in', positions)
        .orderBy('position')
        .execute();
      const successor = figure.supersededBy === null ? undefined : await figureById(figure.supersededBy);
      const audit = events.map((e) =>
        auditEntryFromRow(e, e.figure_id === figureId ? figure.citations : (successor?.citations ?? [])),
      );
      return { figure, observation, audit };
    },

    async conflicts(options = {}) {
      const { limit, offset } = page(options.limit, options.offset);
      const conflicting = await db
        .selectFrom('observations')
        .select(['series_key', 'period', 'track'])
        .where('conflicting', '=', 1)
        .orderBy('series_key')
        .orderBy('period')
        .orderBy('track')
        .limit(limit)
        .offset(offset)
        .execute();
      if (conflicting.length === 0) return [];
      const ids = conflicting.map((o) => ({ seriesKey: o.series_key, period: o.period, track: o.track as Track }));
      const rows = await db
        .selectFrom('figures')
        .selectAll()
        .where('standing', '=', 'active')
        .where(inObservations(ids))
        .execute();
      const groups = groupByObservation(rows.map(figureFromRow));
      return ids.map((id) => ({ ...id, values: distinctReadings(groups.get(observationKey(id)) ?? []) }));
    },

    documentFigures: (documentId, page) => documentFigurePage(db, documentId, page),
    documentSpans: (documentId) => documentSpans(db, documentId),

    async *exportObservations({ at = {}, includeHistory = false, ...filter }) {
      yield* observationGroups(db, { ...filter, standing: includeHistory ? 'all' : 'at' }, await cutoff(at));
    },

    checkpoint: () => readCheckpoint(db),
  };
  return queries;
}
