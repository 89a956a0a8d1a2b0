import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { NoQuery } from '../request-schemas.ts';
import { input } from '../validate.ts';
import { openApiDocument } from '../openapi.ts';
import { apiPage } from '../api-page.ts';

export function systemRoutes({ store, metrics, readiness }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    const state = readiness();
    res.status(state.status === 'ready' ? 200 : 503).json(state);
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/api', (_req, res) => {
    res.type('html').send(apiPage());
  });
  router.get('/v1/verify', async (req, res) => {
    input(NoQuery, req, 'query');
    res.json(await store.verify());
  });
  return router;
}
