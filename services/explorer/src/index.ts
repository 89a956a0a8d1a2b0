import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { buildExplorer, DIST_DIR, EXPLORER_ROOT } from './build.ts';
import { pageShell, PAGE_PATHS } from './shell.ts';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

let built: Promise<void> | undefined;
/** `pnpm install` builds the bundle; a checkout where it is missing (or was cleaned) builds it once, here. */
export function ensureExplorerBuilt(): Promise<void> {
  built ??= existsSync(join(DIST_DIR, 'main.js')) ? Promise.resolve() : buildExplorer();
  return built;
}

/** The explorer's pages (one shell; the browser module renders each from the API) and their static files. */
export function explorerRoutes(): Router {
  const router = Router();
  const ready = ensureExplorerBuilt();
  const immutable = { maxAge: '1h', index: false };
  router.use('/assets', async (_req, _res, next) => {
    await ready;
    next();
  });
  router.use('/assets/app', express.static(DIST_DIR, immutable));
  router.use('/assets/explorer.css', express.static(join(EXPLORER_ROOT, 'client/explorer.css'), immutable));
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css'])
    router.use(`/assets/swagger/${file}`, express.static(join(SWAGGER_DIR, file), immutable));
  router.get(PAGE_PATHS, (_req, res) => {
    res.type('html').send(pageShell());
  });
  return router;
}

export { apiDocsPage } from './shell.ts';
