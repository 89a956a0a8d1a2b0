import { sql } from 'kysely';
import { contenderFromRow, standingContenders } from './apply-batch.ts';
import { observationKey } from './figure.ts';
import { observationKeyOf, observationValueOf, type OutboxEntry, type PublishedFigure } from './outbox.ts';
import type { ReadModelDb } from './schema.ts';
import type { Track } from './read-model-types.ts';

const PAGE = 5_000;

interface ObservationRow {
  series_key: string;
  period: string;
  track: string;
}
const idOf = (r: ObservationRow) => ({ seriesKey: r.series_key, period: r.period, track: r.track as Track });

/** The observations of `db` in key order, a page at a time, so a diff holds one page however many there are. */
async function* observationPages(db: ReadModelDb): AsyncGenerator<ObservationRow[]> {
  let after: ObservationRow | undefined;
  for (;;) {
    let query = db
      .selectFrom('observations')
      .select(['series_key', 'period', 'track'])
      .orderBy('series_key')
      .orderBy('period')
      .orderBy('track')
      .limit(PAGE);
    if (after) query = query.where(afterKey(after));
    const rows = await query.execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1);
  }
}

const afterKey = (after: ObservationRow) =>
  sql<boolean>`(series_key, period, track) > (${after.series_key}, ${after.period}, ${after.track})`;

type KeyRange = { first: ObservationRow; last: ObservationRow };

/** Observations from `first` to `last` in key order, compared by the database (whose collation orders the pages). */
const inRange = ({ first, last }: KeyRange) =>
  sql<boolean>`(series_key, period, track) >= (${first.series_key}, ${first.period}, ${first.track}) and (series_key, period, track) <= (${last.series_key}, ${last.period}, ${last.track})`;

/** The best figure of each observation of `db` in the range. */
async function bestFigures(db: ReadModelDb, range: KeyRange): Promise<PublishedFigure[]> {
  const rows = await standingContenders(db)
    .where('figure_id', 'in', (eb) => eb.selectFrom('observations').select('best_figure_id').where(inRange(range)))
    .execute();
  return rows.map(contenderFromRow);
}

/** The best figure id of each observation of `db` in the range, by observation key. */
async function bestFigureIds(db: ReadModelDb, range: KeyRange): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('observations')
    .select(['series_key', 'period', 'track', 'best_figure_id'])
    .where(inRange(range))
    .execute();
  return new Map(rows.map((r) => [observationKey(idOf(r)), r.best_figure_id]));
}

/** Rows per outbox statement (three parameters each). */
const OUTBOX_ROWS = 100;

async function write(db: ReadModelDb, entries: OutboxEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += OUTBOX_ROWS)
    await db
      .insertInto('observation_outbox')
      .values(entries.slice(i, i + OUTBOX_ROWS))
      .onConflict((oc) => oc.columns(['position', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
      .execute();
}

/**
 * Outbox entries, at `position`, for every observation whose best figure differs between the live tables and the
 * built ones about to replace them, and a tombstone for each that no longer stands: what the rebuild applied since
 * the live checkpoint, and whatever a change of rules changed. `liveKnowsBest` is false for tables of before the
 * outbox, whose observations were never published from it: then every built observation is sent.
 */
export async function outboxOfSwap(
  live: ReadModelDb,
  built: ReadModelDb,
  position: number,
  liveKnowsBest: boolean,
): Promise<void> {
  for await (const page of observationPages(built)) {
    const range = { first: page[0]!, last: page.at(-1)! };
    const before = liveKnowsBest ? await bestFigureIds(live, range) : new Map<string, string>();
    const changed = (await bestFigures(built, range)).filter((f) => before.get(observationKey(f)) !== f.figureId);
    await write(
      live,
      changed.map((f) => ({
        position,
        key: observationKeyOf(f),
        value: JSON.stringify(observationValueOf(f, position)),
      })),
    );
  }
  for await (const page of observationPages(live)) {
    const ids = page.map(idOf);
    const after = await bestFigureIds(built, { first: page[0]!, last: page.at(-1)! });
    const gone = ids.filter((id) => !after.has(observationKey(id)));
    await write(
      live,
      gone.map((id) => ({ position, key: observationKeyOf(id), value: null })),
    );
  }
}
