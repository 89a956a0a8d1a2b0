// One rebuild of the read models, in a process of its own (forked by rebuildInChild), so that its peak RSS is the
// rebuild's alone: not the fill's, nor the baseline's. Then, on SQLite, the as-of queries against what it built.
import { fork } from 'node:child_process';
import { createSqliteEventStore } from '@ledger/event-store';
import { openPostgresReadModels, openSqliteReadModels, type ReadModels } from '@ledger/projections';
import { percentile } from './statistics.ts';
import { pad, random, seriesCountOf, seriesKeyOf } from './synthetic-history.ts';

export type RebuildTarget =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string; schema: string };

export interface RebuildRequest {
  storePath: string;
  target: RebuildTarget;
  /** As-of queries to time after the rebuild (0 for none). */
  queries: number;
}

export interface RebuildResult {
  events: number;
  seconds: number;
  peakRssMb: number;
  queryP50Ms?: number;
  queryP99Ms?: number;
  observationsPerQuery?: number;
}

/** Runs one rebuild in a forked process and resolves to what it measured. */
export function rebuildInChild(request: RebuildRequest): Promise<RebuildResult> {
  return new Promise((resolve, reject) => {
    // V8 grows its heap lazily up to a quarter of the machine's memory, though a rebuild keeps ~50 MB alive: the
    // limit makes it collect, as the projector service is run (infra/README.md).
    const child = fork(import.meta.filename, [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...process.execArgv, '--max-old-space-size=256'],
    });
    let result: RebuildResult | undefined;
    child.on('message', (message) => (result = message as RebuildResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the rebuild process exited with ${code} and no result`)),
    );
    child.send(request);
  });
}

async function timeQueries(models: ReadModels, events: number, count: number) {
  const series = seriesCountOf(events);
  const next = random(7);
  const latencies: number[] = [];
  let observations = 0;
  for (let q = 0; q < count; q++) {
    const seriesKey = seriesKeyOf(Math.floor(next() * series));
    const publishedBy = `${2015 + Math.floor(next() * 11)}-${pad(1 + Math.floor(next() * 12), 2)}-15`;
    const started = performance.now();
    observations += (await models.queries.observations(seriesKey, { publishedBy })).length;
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return {
    queryP50Ms: percentile(latencies, 50),
    queryP99Ms: percentile(latencies, 99),
    observationsPerQuery: observations / count,
  };
}

async function run({ storePath, target, queries }: RebuildRequest): Promise<RebuildResult> {
  // As the projector service opens it (openLedgerEventStore with readsInOrder).
  const store = createSqliteEventStore({ path: storePath, readsInOrder: true });
  const models =
    target.kind === 'sqlite'
      ? await openSqliteReadModels({ path: target.path })
      : await openPostgresReadModels({ connectionString: target.connectionString, schema: target.schema });
  try {
    const started = performance.now();
    const events = await models.projector.rebuild(store);
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    return { events, seconds, peakRssMb, ...(queries > 0 && (await timeQueries(models, events, queries))) };
  } finally {
    await models.close();
    await store.close();
  }
}

if (import.meta.filename === process.argv[1]) {
  process.once('message', (request) => {
    run(request as RebuildRequest).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
