import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore } from '@ledger/event-store';
import { createPostgresEventStore } from '@ledger/event-store/postgres';
import {
  generatePrivateKey,
  maintainLog,
  openPostgresNodeStorage,
  openSqliteNodeStorage,
  openVerifiableLog,
  postgresLeafSource,
  signerFromPrivateKey,
  sqliteLeafSource,
  type LeafSource,
  type NodeStorage,
} from '@ledger/merkle-log';
import { scratchSchemas } from '@ledger/test-infrastructure';
import { batches, type AppendWork } from './append-workload.ts';

interface Setup {
  store: EventStore;
  /** Node storage for the tree; undefined: no tree (the baseline). */
  nodes?: NodeStorage;
  leafSource?: LeafSource;
}

/**
 * Seconds to append the work while (with `nodes`) the log follows the store and signs after each growth, as the
 * embedded ledger runs it; then the seconds the tree still needed to reach the head (its lag at the end).
 */
async function timeAppends(setup: Setup, work: AppendWork): Promise<{ seconds: number; lagSeconds: number }> {
  const stop = new AbortController();
  const signer = signerFromPrivateKey(generatePrivateKey('bench.example/log'));
  const log =
    setup.nodes &&
    openVerifiableLog({
      storage: setup.nodes,
      signer,
      origin: 'bench.example/log',
      ...(setup.leafSource && { leafSource: setup.leafSource }),
    });
  const following = log ? maintainLog({ log, store: setup.store, signal: stop.signal }) : Promise.resolve();
  const started = performance.now();
  for (const { stream, events } of work) {
    await setup.store.appendToStream(stream, events);
    // Each append arrives as its own I/O event in a server: let timers (the log's follower) run between them.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const appended = performance.now();
  const head = await setup.store.headPosition();
  while (log && (await log.tree.size()) < head) await new Promise((r) => setTimeout(r, 5));
  const caughtUp = performance.now();
  stop.abort();
  await following;
  await log?.close();
  await setup.store.close();
  return { seconds: (appended - started) / 1000, lagSeconds: (caughtUp - appended) / 1000 };
}

/** Runs without and with the tree twice, alternating, and keeps each side's best (least disturbed) run. */
async function compare(
  label: string,
  events: number,
  batch: number,
  open: (withTree: boolean, run: number) => Promise<Setup>,
): Promise<Record<string, number>> {
  const work = batches(events, batch);
  let best = { without: Infinity, with: Infinity, lag: 0 };
  for (let run = 0; run < 2; run++) {
    best.without = Math.min(best.without, (await timeAppends(await open(false, run), work)).seconds);
    const withTree = await timeAppends(await open(true, run), work);
    if (withTree.seconds < best.with) best = { ...best, with: withTree.seconds, lag: withTree.lagSeconds };
  }
  const without = events / best.without;
  const withTree = events / best.with;
  return {
    [`${label} batch ${batch}: events/s without tree`]: Math.round(without),
    [`${label} batch ${batch}: events/s with tree`]: Math.round(withTree),
    [`${label} batch ${batch}: ratio with/without`]: Number((withTree / without).toFixed(2)),
    [`${label} batch ${batch}: tree lag at end (s)`]: Number(best.lag.toFixed(2)),
  };
}

export async function benchMerkleAppendSqlite(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-merkle-append-'));
  try {
    return await compare('sqlite', 50_000, 100, async (withTree, run) => {
      const name = `${withTree ? 'with' : 'without'}-${run}`;
      const store = createSqliteEventStore({ path: join(dir, `${name}-events.db`) });
      if (!withTree) return { store };
      return {
        store,
        nodes: openSqliteNodeStorage({ path: join(dir, `${name}-merkle.db`) }),
        leafSource: sqliteLeafSource({ path: join(dir, `${name}-events.db`) }),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMerkleAppendPostgres(connectionString: string): Promise<Record<string, number>> {
  const schemas = scratchSchemas(connectionString, 'bench_merkle');
  try {
    return await compare('postgres', 50_000, 100, async (withTree) => {
      const schema = await schemas.create();
      const store = await createPostgresEventStore({ connectionString, schema });
      if (!withTree) return { store };
      return {
        store,
        nodes: await openPostgresNodeStorage({ connectionString, schema }),
        leafSource: postgresLeafSource({ connectionString, schema }),
      };
    });
  } finally {
    await schemas.close();
  }
}
