// Bundles the explorer's browser modules (client/*.ts) into dist/ with esbuild: run by `pnpm install` (postinstall)
// and, when dist/ is missing, by the server at start. dist/ is build output and never committed.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const EXPLORER_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const DIST_DIR = join(EXPLORER_ROOT, 'dist');

export async function buildExplorer(): Promise<void> {
  await build({
    entryPoints: [join(EXPLORER_ROOT, 'client/main.ts'), join(EXPLORER_ROOT, 'client/api-docs.ts')],
    outdir: DIST_DIR,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    // ECharts and swagger-ui are served as their own prebuilt files from node_modules, not bundled again.
    external: [],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildExplorer();
