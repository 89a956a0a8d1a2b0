import { Router } from 'express';
import { findRegions, regionChain } from '@ledger/domain';
import type { AppDeps } from '../app-deps.ts';
import { RegionSearchQuery } from '../request-schemas.ts';
import { input } from '../validate.ts';

/** `GET /v1/regions?q=`: divisions of the catalog by name, short name or code, each with its parent chain. */
export function regionRoutes(_deps: AppDeps): Router {
  const router = Router();
  router.get('/v1/regions', (req, res) => {
    const { q, limit = 20 } = input(RegionSearchQuery, req, 'query');
    const regions = findRegions(q, limit).map((region) => ({
      ...region,
      chain: regionChain(region.code).map(({ code, name, level }) => ({ code, name, level })),
    }));
    res.json({ regions, q, limit });
  });
  return router;
}
