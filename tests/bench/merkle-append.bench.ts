import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore } from '@ledger/event-store';
import { createPostgresEventStore } from '@ledger/event-store/postgres';
import { generatePrivateKey, startLogFollowerThread, type LogLocation } from '@ledger/merkle-log';
import { scratchSchemas } from '@ledger/test-infrastructure';
import { batches, type AppendWork } from './append-workload.ts';

type FollowedLocation = LogLocation & { events: NonNullable<LogLocation['events']> };

interface Setup {
  store: EventStore;
  /** Where the tree lives and reads its leaves; undefined: no tree (the baseline). */
  log?: FollowedLocation;
}

const ORIGIN = 'bench.example/log';

/**
 * Follows the events at `location` in its worker thread, as the ledger runs it (startLogFollower: in the API process
 * when embedded, in the projector process in production), signing after each growth; `signed` sees each checkpoint.
 */
function follow(location: FollowedLocation, keyFile: string, signed: (treeSize: number) => void) {
  const stop = new AbortController();
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const thread = startLogFollowerThread({
    location,
    signingKeyFile: keyFile,
    origin: ORIGIN,
    signal: stop.signal,
    onReady: () => ready(),
    onSigned: ({ treeSize }) => signed(treeSize),
  });
  return { isReady: Promise.race([isReady, thread.done]), stop: () => (stop.abort(), thread.done) };
}

/**
 * Seconds to append the work while (with `log`) the follower grows the tree beside the store; then the seconds until
 * a checkpoint covering the head was signed (the follower's lag at the end).
 */
async function timeAppends(setup: Setup, work: AppendWork, keyFile: string) {
  let signedSize = 0;
  const follower = setup.log && follow(setup.log, keyFile, (treeSize) => (signedSize = treeSize));
  await follower?.isReady;
  const started = performance.now();
  for (const { stream, events } of work) {
    await setup.store.appendToStream(stream, events);
    // Each append arrives as its own I/O event in a server: let other work on this loop run between them.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const appended = performance.now();
  const head = await setup.store.headPosition();
  while (follower && signedSize < head) await new Promise((r) => setTimeout(r, 5));
  const caughtUp = performance.now();
  await follower?.stop();
  await setup.store.close();
  return { seconds: (appended - started) / 1000, lagSeconds: (caughtUp - appended) / 1000 };
}

/** Seconds a follower on empty node storage takes to catch up with the events of `location` and sign. */
async function timeCatchUp(location: FollowedLocation, keyFile: string): Promise<number> {
  const started = performance.now();
  const follower = follow(location, keyFile, () => {});
  await follower.isReady;
  const seconds = (performance.now() - started) / 1000;
  await follower.stop();
  return seconds;
}

const RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Runs without and with the tree RUNS times, alternating, on fresh stores; reports each side's best (least disturbed)
 * and median run, the follower's lag at the end of the best run, and its catch-up rate over the events of a run.
 */
async function compare(
  label: string,
  events: number,
  batch: number,
  open: (withTree: boolean, run: number) => Promise<Setup>,
  freshNodes: (events: FollowedLocation['events']) => Promise<TableLocation>,
  keyFile: string,
): Promise<Record<string, number>> {
  const work = batches(events, batch);
  const without: number[] = [];
  const withTree: { seconds: number; lagSeconds: number }[] = [];
  let lastEvents: FollowedLocation['events'] | undefined;
  for (let run = 0; run < RUNS; run++) {
    without.push((await timeAppends(await open(false, run), work, keyFile)).seconds);
    const setup = await open(true, run);
    lastEvents = setup.log!.events;
    withTree.push(await timeAppends(setup, work, keyFile));
  }
  const best = withTree.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const rate = (seconds: number) => events / seconds;
  const catchUp = await timeCatchUp({ nodes: await freshNodes(lastEvents!), events: lastEvents! }, keyFile);
  const prefix = `${label} batch ${batch}:`;
  return {
    [`${prefix} events/s without tree (best)`]: Math.round(rate(Math.min(...without))),
    [`${prefix} events/s with tree (best)`]: Math.round(rate(best.seconds)),
    [`${prefix} ratio with/without (best)`]: Number((Math.min(...without) / best.seconds).toFixed(2)),
    [`${prefix} ratio with/without (median)`]: Number(
      (median(without) / median(withTree.map((r) => r.seconds))).toFixed(2),
    ),
    [`${prefix} checkpoint lag at end (s)`]: Number(best.lagSeconds.toFixed(2)),
    [`${prefix} follower catch-up leaves/s`]: Math.round(events / catchUp),
    [`${prefix} load average (1 min) at the end`]: Number(loadavg()[0]!.toFixed(1)),
  };
}

type TableLocation = LogLocation['nodes'];

const EVENTS = 50_000;
const BATCH = 100;

export async function benchMerkleAppendSqlite(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-merkle-append-'));
  const keyFile = join(dir, 'signing.key');
  writeFileSync(keyFile, generatePrivateKey(ORIGIN));
  let catchUps = 0;
  try {
    return await compare(
      'sqlite',
      EVENTS,
      BATCH,
      async (withTree, run) => {
        const name = `${withTree ? 'with' : 'without'}-${run}`;
        const store = createSqliteEventStore({ path: join(dir, `${name}-events.db`) });
        if (!withTree) return { store };
        const log = {
          nodes: { sqlitePath: join(dir, `${name}-merkle.db`) },
          events: { sqlitePath: join(dir, `${name}-events.db`) },
        };
        return { store, log };
      },
      async () => ({ sqlitePath: join(dir, `catch-up-${catchUps++}-merkle.db`) }),
      keyFile,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMerkleAppendPostgres(connectionString: string): Promise<Record<string, number>> {
  const schemas = scratchSchemas(connectionString, 'bench_merkle');
  const dir = mkdtempSync(join(tmpdir(), 'bench-merkle-append-'));
  const keyFile = join(dir, 'signing.key');
  writeFileSync(keyFile, generatePrivateKey(ORIGIN));
  try {
    return await compare(
      'postgres',
      EVENTS,
      BATCH,
      async (withTree) => {
        const schema = await schemas.create();
        const store = await createPostgresEventStore({ connectionString, schema });
        if (!withTree) return { store };
        const where = { connectionString, schema };
        return { store, log: { nodes: where, events: where } };
      },
      async () => ({ connectionString, schema: await schemas.create() }),
      keyFile,
    );
  } finally {
    await schemas.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
