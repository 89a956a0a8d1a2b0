import { sql } from 'kysely';
import { chunked } from './chunks.ts';
import { loadBestFigureIds, loadContenders } from './apply-batch.ts';
import { observationKey } from './figure.ts';
import { observationKeyOf, observationValueOf, type OutboxEntry } from './outbox.ts';
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
    if (after)
      query = query.where(
        sql<boolean>`(series_key, period, track) > (${after.series_key}, ${after.period}, ${after.track})`,
      );
    const rows = await query.execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1);
  }
}

async function write(db: ReadModelDb, entries: OutboxEntry[]): Promise<void> {
  for (const rows of chunked(entries, 3))
    await db
      .insertInto('observation_outbox')
      .values(rows)
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
    const ids = page.map(idOf);
    const before = liveKnowsBest ? await loadBestFigureIds(live, ids) : new Map<string, string>();
    const after = await loadBestFigureIds(built, ids);
    const changed = ids.filter((id) => before.get(observationKey(id)) !== after.get(observationKey(id)));
    if (changed.length === 0) continue;
    const best = (await loadContenders(built, changed)).filter((f) => after.get(observationKey(f)) === f.figureId);
    await write(
      live,
      best.map((f) => ({ position, key: observationKeyOf(f), value: JSON.stringify(observationValueOf(f, position)) })),
    );
  }
  for await (const page of observationPages(live)) {
    const ids = page.map(idOf);
    const after = await loadBestFigureIds(built, ids);
    const gone = ids.filter((id) => !after.has(observationKey(id)));
    await write(
      live,
      gone.map((id) => ({ position, key: observationKeyOf(id), value: null })),
    );
  }
}
