import { Router } from 'express';
import type { PointInTime } from '@ledger/projections';
import type { AppDeps } from '../app-deps.ts';
import { readModelConditionalGet } from '../conditional-get.ts';
import { HttpProblem } from '../problem.ts';
import { DEFAULT_PAGE_SIZE, encodeCursor, nextPageLink } from '../paging.ts';
import {
  NoQuery,
  PointInTimeQuery,
  RegionParam,
  SeriesKeyParam,
  SeriesQuery,
  SnapshotQuery,
} from '../request-schemas.ts';
import { input } from '../validate.ts';
import type { z } from 'zod';

export function pointInTime(query: z.infer<typeof PointInTimeQuery>): PointInTime | undefined {
  const at: PointInTime = {
    ...(query.asOf && { publishedBy: query.asOf }),
    ...(query.recordedAtPosition !== undefined && { recordedAtPosition: query.recordedAtPosition }),
    ...(query.recordedAt && { recordedAtTime: query.recordedAt }),
  };
  return Object.keys(at).length ? at : undefined;
}

export function seriesRoutes({ queries }: AppDeps): Router {
  const router = Router();
  const conditional = readModelConditionalGet(queries);
  router.get('/v1/series', conditional, async (req, res) => {
    const { region, indicator, q, limit = 100, offset = 0 } = input(SeriesQuery, req, 'query');
    const series = await queries.searchSeries({
      limit,
      offset,
      ...(region && { region }),
      ...(indicator && { indicatorCode: indicator }),
      ...(q && { q }),
    });
    res.json({ series, limit, offset });
  });

  const knownSeries = async (seriesKey: string) => {
    const series = await queries.getSeries(seriesKey);
    if (!series) throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no series ${seriesKey}` });
    return series;
  };

  router.get('/v1/series/:seriesKey/observations', conditional, async (req, res) => {
    const { seriesKey } = input(SeriesKeyParam, req, 'params');
    const at = pointInTime(input(PointInTimeQuery, req, 'query'));
    const series = await knownSeries(seriesKey);
    res.json({ series, at: at ?? null, observations: await queries.observations(seriesKey, at) });
  });
  router.get('/v1/series/:seriesKey/vintages', conditional, async (req, res) => {
    const { seriesKey } = input(SeriesKeyParam, req, 'params');
    input(NoQuery, req, 'query');
    const series = await knownSeries(seriesKey);
    res.json({ series, vintages: await queries.vintages(seriesKey) });
  });
  // Paged by keyset (a region may hold thousands of series); snapshot.csv gives the whole snapshot at once.
  router.get('/v1/regions/:code/snapshot', conditional, async (req, res) => {
    const { code } = input(RegionParam, req, 'params');
    const { limit = DEFAULT_PAGE_SIZE, cursor, ...point } = input(SnapshotQuery, req, 'query');
    const at = pointInTime(point);
    const after = cursor && { seriesKey: cursor[0], period: cursor[1], track: cursor[2] };
    const page = await queries.regionSnapshotPage(code, { limit, ...(at && { at }), ...(after && { after }) });
    const last = page.observations.at(-1);
    const nextCursor = page.more && last ? encodeCursor([last.seriesKey, last.period, last.track]) : null;
    res.json({
      region: code,
      at: at ?? null,
      total: await queries.regionObservationCount(code, at),
      limit,
      observations: page.observations,
      series: page.series,
      next: nextCursor && nextPageLink(req, nextCursor),
    });
  });
  return router;
}
