import { sql } from 'kysely';
import { asStoodAt, observationKey } from './figure.ts';
import { figureFromRow } from './rows.ts';
import type { Cutoff } from './point-in-time.ts';
import type { ReadModelDb } from './schema.ts';
import type { FigureView, ObservationExport } from './read-model-types.ts';

const DEFAULT_PAGE_SIZE = 1_000;

/**
 * The figures of every observation matching an export, one group per observation, in key order (series, period,
 * track), read a page at a time by a keyset cursor: memory stays bounded by the page size whatever the export's length.
 * `standing: 'at'` gives the figures standing at the cutoff; `'all'` every figure recorded by then, ended or not.
 */
export async function* observationGroups(
  db: ReadModelDb,
  options: Pick<ObservationExport, 'region' | 'indicatorCode' | 'pageSize'> & { standing: 'at' | 'all' },
  c: Cutoff,
): AsyncGenerator<FigureView[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const position = c.position;
  let after: { seriesKey: string; period: string; track: string; figureId: string } | undefined;
  let held: FigureView[] = [];
  for (;;) {
    const rows = await db
      .selectFrom('figures')
      .innerJoin('series', 'series.series_key', 'figures.series_key')
      .selectAll('figures')
      .$if(options.region !== undefined, (q) => q.where('series.region_code', '=', options.region!))
      .$if(options.indicatorCode !== undefined, (q) => q.where('series.indicator_code', '=', options.indicatorCode!))
      .$if(options.standing === 'at' && position === undefined, (q) => q.where('figures.standing', '=', 'active'))
      .$if(position !== undefined, (q) => q.where('figures.position', '<=', position!))
      .$if(options.standing === 'at' && position !== undefined, (q) =>
        q.where((eb) =>
          eb.or([eb('figures.ended_at_position', 'is', null), eb('figures.ended_at_position', '>', position!)]),
        ),
      )
      .$if(c.publishedBy !== undefined, (q) => q.where('figures.available_from', '<=', c.publishedBy!))
      .$if(after !== undefined, (q) =>
        q.where(
          sql<boolean>`(figures.series_key, figures.period, figures.track, figures.figure_id) > (${after!.seriesKey}, ${after!.period}, ${after!.track}, ${after!.figureId})`,
        ),
      )
      .orderBy('figures.series_key')
      .orderBy('figures.period')
      .orderBy('figures.track')
      .orderBy('figures.figure_id')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const figure = asStoodAt(figureFromRow(row), position ?? Number.POSITIVE_INFINITY);
      if (held.length > 0 && observationKey(held[0]!) !== observationKey(figure)) {
        yield held;
        held = [];
      }
      held.push(figure);
    }
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    after = { seriesKey: last.series_key, period: last.period, track: last.track, figureId: last.figure_id };
  }
  if (held.length > 0) yield held;
}
