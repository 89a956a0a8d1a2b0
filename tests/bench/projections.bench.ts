import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore } from '@ledger/event-store';
import { replay } from '@ledger/projections';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { rebuildInChild, type RebuildResult } from './rebuild-process.ts';
import { fillSyntheticStore, seriesCountOf } from './synthetic-history.ts';
import { syntheticStore } from './synthetic-store.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
/** A directory that keeps the generated event store between runs (`events-<BENCH_EVENTS>.db`); a temporary one otherwise. */
const FIXTURE_DIR = process.env.BENCH_FIXTURE_DIR;
const QUERIES = 2_000;
const PAGE = 5_000;
/** Above this, the in-memory replay (which holds every figure by design) is left out: only reading is timed. */
const REPLAY_IN_MEMORY_UP_TO = 2_000_000;

/**
 * The baselines: reading the whole global order through the store, a page at a time, and (up to 2 M events) the same
 * with every event folded in memory, holding every figure, with no read model.
 */
async function timeReading(store: EventStore, fold: boolean): Promise<number> {
  const started = performance.now();
  const replayed = fold ? replay() : undefined;
  for (let from = 1; ;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    replayed?.apply(page);
    if (page.length < PAGE) break;
    from = page.at(-1)!.position + 1;
  }
  return (performance.now() - started) / 1000;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** A rebuild into PostgreSQL read models, in a scratch schema, in its own process; undefined without a PostgreSQL. */
async function rebuildPostgres(storePath: string): Promise<RebuildResult | undefined> {
  const postgres = await postgresForTests();
  if (isUnavailable(postgres)) return undefined;
  const schemas = scratchSchemas(postgres.connectionString, 'bench_projections');
  try {
    const target = {
      kind: 'postgres' as const,
      connectionString: postgres.connectionString,
      schema: await schemas.create(),
    };
    return await rebuildInChild({ storePath, target, queries: 0 });
  } finally {
    await schemas.close();
    await postgres.stop();
  }
}

export async function benchProjections(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  try {
    const filling = performance.now();
    let storePath = join(dir, 'events.db');
    if (FIXTURE_DIR) storePath = syntheticStore(FIXTURE_DIR, EVENTS);
    else fillSyntheticStore(storePath, EVENTS);
    const fillSeconds = (performance.now() - filling) / 1000;

    const sqlite = await rebuildInChild({
      storePath,
      target: { kind: 'sqlite', path: join(dir, 'read-models.db') },
      queries: QUERIES,
    });
    const postgres = process.env.BENCH_POSTGRES === 'off' ? undefined : await rebuildPostgres(storePath);

    const store = createSqliteEventStore({ path: storePath });
    const readSeconds = await timeReading(store, false);
    const replaySeconds = EVENTS <= REPLAY_IN_MEMORY_UP_TO ? await timeReading(store, true) : undefined;
    await store.close();

    const readRate = sqlite.events / readSeconds;
    const rebuildRate = sqlite.events / sqlite.seconds;
    const postgresRate = postgres && postgres.events / postgres.seconds;
    return {
      events: sqlite.events,
      series: seriesCountOf(EVENTS),
      'fill event store s': round(fillSeconds, 1),
      'baseline: read all events/s': Math.round(readRate),
      ...(replaySeconds !== undefined && {
        'baseline: read and fold in memory events/s': Math.round(sqlite.events / replaySeconds),
      }),
      'rebuild sqlite read models events/s': Math.round(rebuildRate),
      'ratio sqlite rebuild/read': round(rebuildRate / readRate, 2),
      'peak RSS MB, sqlite rebuild process': Math.round(sqlite.peakRssMb),
      ...(postgres && {
        'rebuild postgres read models events/s': Math.round(postgresRate!),
        'ratio postgres rebuild/read': round(postgresRate! / readRate, 2),
        'peak RSS MB, postgres rebuild process': Math.round(postgres.peakRssMb),
      }),
      'as-of observations() p50 ms': round(sqlite.queryP50Ms!, 3),
      'as-of observations() p99 ms': round(sqlite.queryP99Ms!, 3),
      'as-of observations per query': round(sqlite.observationsPerQuery!, 1),
      'load average (1 min) at the end': round(loadavg()[0]!, 2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
