import { Router } from 'express';
import { revisionsOf } from '@ledger/projections';
import type { AppDeps } from '../app-deps.ts';
import { HttpProblem } from '../problem.ts';
import { NoQuery, SeriesKeyParam } from '../request-schemas.ts';
import { input } from '../validate.ts';

export function revisionRoutes({ queries }: AppDeps): Router {
  const router = Router();
  router.get('/v1/series/:seriesKey/revisions', async (req, res) => {
    const { seriesKey } = input(SeriesKeyParam, req, 'params');
    input(NoQuery, req, 'query');
    const series = await queries.getSeries(seriesKey);
    if (!series) throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no series ${seriesKey}` });
    res.json({ series, ...revisionsOf(await queries.vintages(seriesKey)) });
  });
  return router;
}
