import { sql } from 'kysely';
import { asStoodAt, observationKey } from './figure.ts';
import { groupByObservation, observationOf } from './observation.ts';
import type { Cutoff } from './point-in-time.ts';
import { figureFromRow, seriesFromRow } from './rows.ts';
import { inObservations, observationCount, type ReadModelDb } from './schema.ts';
import { standingFigures } from './standing.ts';
import type { ObservationKey, SnapshotPage, SnapshotPageRequest, Track } from './read-model-types.ts';

/** The observations of a region's series (and its entities') with a figure standing at the cutoff, each once. */
function observationsOfRegion(db: ReadModelDb, regionCode: string, c: Cutoff) {
  return standingFigures(db, c)
    .innerJoin('series', 'series.series_key', 'figures.series_key')
    .where('series.region_code', '=', regionCode)
    .select(['figures.series_key', 'figures.period', 'figures.track'])
    .distinct();
}

/**
 * A page of a region's snapshot by keyset: the next `limit` observation keys in the database's order, then the
 * standing figures of just those observations. The observations keep the keys' order, so the last one is the cursor
 * of the next page whatever the collation.
 */
export async function regionSnapshotPage(
  db: ReadModelDb,
  regionCode: string,
  c: Cutoff,
  { limit, after }: Omit<SnapshotPageRequest, 'at'>,
): Promise<SnapshotPage> {
  const keys = await observationsOfRegion(db, regionCode, c)
    .$if(after !== undefined, (q) =>
      q.where(
        sql<boolean>`(figures.series_key, figures.period, figures.track) > (${after!.seriesKey}, ${after!.period}, ${after!.track})`,
      ),
    )
    .orderBy('figures.series_key')
    .orderBy('figures.period')
    .orderBy('figures.track')
    .limit(limit + 1)
    .execute();
  const ids: ObservationKey[] = keys
    .slice(0, limit)
    .map((k) => ({ seriesKey: k.series_key, period: k.period, track: k.track as Track }));
  if (ids.length === 0) return { observations: [], series: [], more: false };
  const position = c.position ?? Number.POSITIVE_INFINITY;
  const rows = await standingFigures(db, c).selectAll('figures').where(inObservations(ids)).execute();
  const groups = groupByObservation(rows.map((row) => asStoodAt(figureFromRow(row), position)));
  const seriesRows = await db
    .selectFrom('series')
    .selectAll('series')
    .select(observationCount)
    .where('series.series_key', 'in', [...new Set(ids.map((id) => id.seriesKey))])
    .orderBy('series.series_key')
    .execute();
  return {
    observations: ids.map((id) => observationOf(groups.get(observationKey(id))!)),
    series: seriesRows.map(seriesFromRow),
    more: keys.length > limit,
  };
}

export async function regionObservationCount(db: ReadModelDb, regionCode: string, c: Cutoff): Promise<number> {
  const now = c.position === undefined && c.publishedBy === undefined;
  // Now, the observations table holds exactly the observations with an active figure, one row each: no distinct.
  const counted = now
    ? db
        .selectFrom('observations')
        .innerJoin('series', 'series.series_key', 'observations.series_key')
        .where('series.region_code', '=', regionCode)
        .select((eb) => eb.fn.countAll().as('n'))
    : db.selectFrom(observationsOfRegion(db, regionCode, c).as('o')).select((eb) => eb.fn.countAll().as('n'));
  return Number((await counted.executeTakeFirstOrThrow()).n);
}
