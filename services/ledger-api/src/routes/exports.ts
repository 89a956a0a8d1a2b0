import { Router } from 'express';
import {
  observationOf,
  type FigureView,
  type LedgerQueries,
  type ObservationKey,
  type PointInTime,
} from '@ledger/projections';
import type { AppDeps } from '../app-deps.ts';
import { HttpProblem } from '../problem.ts';
import { PointInTimeQuery, RegionParam, SeriesKeyParam } from '../request-schemas.ts';
import { input } from '../validate.ts';
import { sendCsv } from '../exports/csv.ts';
import { ObservationsCsvQuery, VintagesCsvQuery } from '../exports/export-schemas.ts';
import { dataStructure, SDMX_COLUMNS, SDMX_CSV_TYPE, sdmxRow, STRUCTURE_PATH } from '../exports/sdmx.ts';
import { displayUnitOf, initialShape, longShape, wideShape } from '../exports/vintage-shapes.ts';
import { pointInTime } from './series.ts';

const SHAPES = { long: longShape, wide: wideShape, initial: initialShape };

/** The figures an SDMX-CSV export writes: the best value of each observation, or with history every figure. */
async function* exportedFigures(
  queries: LedgerQueries,
  options: Parameters<LedgerQueries['exportObservations']>[0] & { updatedAfter?: string },
): AsyncGenerator<FigureView> {
  const after = options.updatedAfter === undefined ? undefined : new Date(options.updatedAfter).toISOString();
  for await (const group of queries.exportObservations(options)) {
    const figures = options.includeHistory ? group : [observationOf(group).best];
    for (const figure of figures) if (after === undefined || figure.recordedAt > after) yield figure;
  }
}

const SNAPSHOT_CSV_PAGE = 1_000;

/**
 * A region's snapshot as CSV rows, read a page at a time (memory stays bounded whatever the region holds), every page
 * at the read models' position when the download began, so the pages fit together even while figures are appended.
 */
async function* snapshotRows(queries: LedgerQueries, regionCode: string, at: PointInTime | undefined) {
  const position = await queries.checkpoint();
  const fixed = { ...at, recordedAtPosition: Math.min(at?.recordedAtPosition ?? position, position) };
  let after: ObservationKey | undefined;
  do {
    const page = await queries.regionSnapshotPage(regionCode, {
      at: fixed,
      limit: SNAPSHOT_CSV_PAGE,
      ...(after && { after }),
    });
    const names = new Map(page.series.map((s) => [s.seriesKey, s.indicatorName]));
    for (const o of page.observations) {
      const b = o.best;
      yield [
        o.seriesKey,
        names.get(o.seriesKey) ?? '',
        o.period,
        o.track,
        b.value,
        b.unit,
        b.comparator,
        b.status,
        String(1 + o.corroborations.length),
        String(o.conflicts.length),
        b.figureId,
        b.published,
      ];
    }
    const last = page.observations.at(-1);
    after = page.more && last ? { seriesKey: last.seriesKey, period: last.period, track: last.track } : undefined;
  } while (after);
}

/** Downloads: SDMX-CSV 2.0 of observations, ALFRED-style vintages of a series, a region's snapshot. */
export function exportRoutes({ queries }: AppDeps): Router {
  const router = Router();

  router.get('/v1/exports/observations.csv', async (req, res) => {
    const { region, indicator, updatedAfter, includeHistory, ...at } = input(ObservationsCsvQuery, req, 'query');
    const point = pointInTime(at);
    await sendCsv(res, {
      contentType: SDMX_CSV_TYPE,
      fileName: 'observations.csv',
      header: SDMX_COLUMNS,
      rows: (async function* () {
        for await (const figure of exportedFigures(queries, {
          ...(region && { region }),
          ...(indicator && { indicatorCode: indicator }),
          ...(point && { at: point }),
          ...(includeHistory && { includeHistory }),
          ...(updatedAfter && { updatedAfter }),
        }))
          yield sdmxRow(figure);
      })(),
    });
  });

  router.get(STRUCTURE_PATH, (_req, res) => {
    res.json(dataStructure());
  });

  router.get('/v1/series/:seriesKey/vintages.csv', async (req, res) => {
    const { seriesKey } = input(SeriesKeyParam, req, 'params');
    const { shape = 'long', track = 'result' } = input(VintagesCsvQuery, req, 'query');
    if (!(await queries.getSeries(seriesKey)))
      throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no series ${seriesKey}` });
    const vintages = await queries.vintages(seriesKey);
    const unit = displayUnitOf(vintages, track);
    const { header, rows } = SHAPES[shape](vintages, track, unit);
    // The unit of every value, for a reader of the file (ALFRED writes one unit per series too).
    res.setHeader('x-unit', encodeURIComponent(unit));
    await sendCsv(res, { contentType: 'text/csv', fileName: `vintages-${shape}.csv`, header, rows });
  });

  router.get('/v1/regions/:code/snapshot.csv', async (req, res) => {
    const { code } = input(RegionParam, req, 'params');
    const at = pointInTime(input(PointInTimeQuery, req, 'query'));
    await sendCsv(res, {
      contentType: 'text/csv',
      fileName: `snapshot-${code}.csv`,
      header: [
        'series_key',
        'indicator_name',
        'period',
        'track',
        'value',
        'unit',
        'comparator',
        'status',
        'sources',
        'conflicts',
        'figure_id',
        'published',
      ],
      rows: snapshotRows(queries, code, at),
    });
  });
  return router;
}
