// `node tests/bench/synthetic-store.ts <dir> <events>`: writes the projections bench's history of <events> events into
// <dir>/events-<events>.db, unless there already; the bench reuses it when BENCH_FIXTURE_DIR names <dir>.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fillSyntheticStore } from './synthetic-history.ts';

/** The store of `events` synthetic events in `dir`, written first when missing (under a temporary name, so a killed run leaves none). */
export function syntheticStore(dir: string, events: number): string {
  const path = join(dir, `events-${events}.db`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  fillSyntheticStore(partial, events);
  renameSync(partial, path);
  return path;
}

if (import.meta.filename === process.argv[1]) {
  const [dir, events] = process.argv.slice(2);
  if (!dir || !Number.isInteger(Number(events)) || Number(events) < 1) {
    console.error('usage: node tests/bench/synthetic-store.ts <dir> <events>');
    process.exit(2);
  }
  const started = performance.now();
  console.log(`${syntheticStore(dir, Number(events))} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
