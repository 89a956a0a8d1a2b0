import { describe, it, expect, beforeEach, afterEach, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore } from '@ledger/event-store';
import { ledgerEventValidator } from '@ledger/ledger-commands';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { answers } from './contract/harness.ts';
import { buildHistory } from './contract/read-model-contract.ts';
import { openPostgresReadModels, openSqliteReadModels, type ReadModels } from './read-models.ts';
import { ledgerHistory } from './testing/ledger-history.ts';
import type { ProjectorOptions } from './projector.ts';

const CHILD = join(import.meta.dirname, 'rebuild-child-process.fixture.ts');

/** Read models shared by this process and the projector process it starts. */
interface Target {
  /** How the projector process names them. */
  arg: string;
  open(projector?: ProjectorOptions): Promise<ReadModels>;
  /** Other, empty read models of the same kind. */
  fresh(): Promise<ReadModels>;
  /** PostgreSQL's swap renames the tables under an exclusive lock: readers wait for it to end (here, the kill). */
  readersWaitOnSwap: boolean;
}

/** Starts the projector process; resolves once it has stopped where it was told, inside its transaction. */
async function stoppedProjector(eventsPath: string, target: string, ...stopAt: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CHILD, eventsPath, target, ...stopAt], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('stopped\n')) resolve();
    });
    child.on('exit', (code) =>
      reject(new Error(`the projector process exited (${code}) before it stopped: ${output}`)),
    );
  });
  return child;
}

async function kill9(child: ChildProcess): Promise<void> {
  expect(child.exitCode).toBeNull();
  const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

function describeRebuildCrash(name: string, target: (dir: string) => Promise<Target>): void {
  describe(`kill -9 of the projector process while it rebuilds: ${name}`, () => {
    let dir: string;
    let eventsPath: string;
    let store: EventStore;
    let t: Target;
    let reader: ReadModels;
    let keys: string[];
    let figureIds: string[];
    const opened: ReadModels[] = [];
    const open = async (projector?: ProjectorOptions) => {
      const models = await t.open(projector);
      opened.push(models);
      return models;
    };
    /** What an uninterrupted projector answers for the whole store. */
    const expected = async () => {
      const fresh = await t.fresh();
      opened.push(fresh);
      await fresh.projector.catchUp(store);
      return answers(fresh.queries, keys, figureIds);
    };

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'rebuild-crash-'));
      eventsPath = join(dir, 'events.db');
      store = createSqliteEventStore({ path: eventsPath, validate: ledgerEventValidator });
      const history = ledgerHistory(store);
      t = await target(dir);
      const first = await buildHistory(history, 1);
      await (await open()).projector.catchUp(store);
      // The live read models stay behind: the rebuild has more to build than they hold.
      const second = await buildHistory(history, 2);
      keys = [...new Set([...first.keys, ...second.keys])];
      figureIds = [...first.figureIds, ...second.figureIds];
      reader = await open();
    });
    afterEach(async () => {
      for (const models of opened.splice(0)) await models.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('mid-rebuild: readers keep their answers, and the next rebuild resumes from what was committed', async () => {
      const before = await answers(reader.queries, keys, figureIds);
      const projector = await stoppedProjector(eventsPath, t.arg, 'batch', '4');
      expect(await answers(reader.queries, keys, figureIds)).toEqual(before);
      await kill9(projector);
      expect(await answers(reader.queries, keys, figureIds)).toEqual(before);

      let batches = 0;
      const resumed = await open({ batchSize: 3, beforeCheckpoint: () => void batches++ });
      expect(await resumed.projector.rebuild(store)).toBe(await store.headPosition());
      // Three batches were committed before the kill, the fourth was not: the resumed rebuild loads the rest.
      expect(batches).toBe(Math.ceil((await store.headPosition()) / 3) - 3);
      expect(await answers(reader.queries, keys, figureIds)).toEqual(await expected());
    });

    it('mid-swap: readers keep the old answers until a swap commits, and the next rebuild swaps', async () => {
      const before = await answers(reader.queries, keys, figureIds);
      const projector = await stoppedProjector(eventsPath, t.arg, 'swap');
      if (!t.readersWaitOnSwap) expect(await answers(reader.queries, keys, figureIds)).toEqual(before);
      const asked = answers(reader.queries, keys, figureIds);
      await kill9(projector);
      expect(await asked).toEqual(before);
      expect(await answers(reader.queries, keys, figureIds)).toEqual(before);

      const writer = await open();
      await writer.projector.rebuild(store);
      expect(await answers(reader.queries, keys, figureIds)).toEqual(await expected());
    });
  });
}

describeRebuildCrash('sqlite', async (dir) => {
  const path = join(dir, 'read-models.db');
  let others = 0;
  return {
    arg: `sqlite:${path}`,
    open: (projector) => openSqliteReadModels({ path, ...(projector && { projector }) }),
    fresh: () => openSqliteReadModels({ path: join(dir, `fresh-${++others}.db`) }),
    readersWaitOnSwap: false,
  };
});

const postgres = await postgresForTests();
if (isUnavailable(postgres)) {
  describe('kill -9 of the projector process while it rebuilds: postgres', () => {
    it('is skipped: no PostgreSQL reachable', () => {
      console.warn(`postgres rebuild crash tests did not run. ${postgres.skipReason}.`);
    });
  });
} else {
  const schemas = scratchSchemas(postgres.connectionString, 'rebuild_crash_test');
  afterAll(async () => {
    await schemas.close();
    await postgres.stop();
  });
  const { connectionString } = postgres;
  describeRebuildCrash(`postgres (${postgres.source})`, async () => {
    const schema = await schemas.create();
    return {
      arg: `postgres:${connectionString}#${schema}`,
      open: (projector) => openPostgresReadModels({ connectionString, schema, ...(projector && { projector }) }),
      fresh: async () => openPostgresReadModels({ connectionString, schema: await schemas.create() }),
      readersWaitOnSwap: true,
    };
  });
}
