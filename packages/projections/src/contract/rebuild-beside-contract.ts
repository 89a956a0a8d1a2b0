import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import type { EventStore } from '@ledger/event-store';
import { ledgerHistory, type LedgerHistory } from '../testing/ledger-history.ts';
import type { ProjectorOptions } from '../projector.ts';
import type { ReadModels } from '../read-models.ts';
import { answers, ledgerStore } from './harness.ts';
import { buildHistory } from './read-model-contract.ts';

/** One database opened twice: a projector's connection and a reader's. `sql` runs a statement on it directly. */
export interface SharedDatabase {
  open(projector?: ProjectorOptions): Promise<ReadModels>;
  sql(statement: string): Promise<Array<Record<string, unknown>>>;
  /** The column that orders a table's rows as they are stored (SQLite's rowid, PostgreSQL's ctid). */
  storedOrder: string;
}

/**
 * Rebuilds beside the live tables: readers keep their answers while a rebuild runs, after it crashes mid-way or
 * mid-swap, and see the rebuilt tables only once they are swapped in; a changed version triggers the same.
 */
export function describeRebuildBesideContract(name: string, database: () => Promise<SharedDatabase>): void {
  describe(`rebuild beside the live read models: ${name}`, () => {
    let store: EventStore;
    let history: LedgerHistory;
    let shared: SharedDatabase;
    let reader: ReadModels;
    let keys: string[];
    let figureIds: string[];
    const opened: ReadModels[] = [];
    const open = async (projector?: ProjectorOptions) => {
      const models = await shared.open(projector);
      opened.push(models);
      return models;
    };
    /** What an uninterrupted projector answers for the whole store. */
    const expected = async () => {
      const fresh = await (await database()).open();
      opened.push(fresh);
      await fresh.projector.catchUp(store);
      return answers(fresh.queries, keys, figureIds);
    };

    beforeEach(async () => {
      ({ store } = ledgerStore());
      history = ledgerHistory(store);
      shared = await database();
      const first = await buildHistory(history, 1);
      const writer = await open();
      await writer.projector.catchUp(store);
      const second = await buildHistory(history, 2);
      keys = [...new Set([...first.keys, ...second.keys])];
      figureIds = [...first.figureIds, ...second.figureIds];
      reader = await open();
    });
    afterEach(async () => {
      for (const m of opened.splice(0)) await m.close();
    });

    it('answers from the live tables while a rebuild runs, and from the rebuilt ones after the swap', async () => {
      const before = await answers(reader.queries, keys, figureIds);
      const during: unknown[] = [];
      const rebuilding = await open({
        batchSize: 3,
        beforeCheckpoint: async () => void during.push(await answers(reader.queries, keys, figureIds)),
      });
      expect(await rebuilding.projector.rebuild(store)).toBe(await store.headPosition());
      expect(during.length).toBeGreaterThan(3);
      for (const answer of during) expect(answer).toEqual(before);
      expect(await answers(reader.queries, keys, figureIds)).toEqual(await expected());
    });

    it('loses nothing when a rebuild crashes mid-way: readers keep the old answers, the next rebuild resumes', async () => {
      const before = await answers(reader.queries, keys, figureIds);
      let batches = 0;
      const crashing = await open({
        batchSize: 3,
        beforeCheckpoint: () => {
          if (++batches === 4) throw new Error('injected crash');
        },
      });
      await expect(crashing.projector.rebuild(store)).rejects.toThrow('injected crash');
      expect(await answers(reader.queries, keys, figureIds)).toEqual(before);
      const resumed = await open({ batchSize: 3, beforeCheckpoint: () => void batches++ });
      batches = 0;
      await resumed.projector.rebuild(store);
      // Three batches were built before the crash; the resumed rebuild applies only the rest.
      expect(batches).toBe(Math.ceil((await store.headPosition()) / 3) - 3);
      expect(await answers(reader.queries, keys, figureIds)).toEqual(await expected());
    });

    it('loses nothing when a rebuild crashes mid-swap: readers keep the old answers until a swap commits', async () => {
      const before = await answers(reader.queries, keys, figureIds);
      const crashing = await open({
        beforeSwap: () => {
          throw new Error('injected crash');
        },
      });
      await expect(crashing.projector.rebuild(store)).rejects.toThrow('injected crash');
      expect(await answers(reader.queries, keys, figureIds)).toEqual(before);
      const writer = await open();
      await writer.projector.catchUp(store);
      await writer.projector.rebuild(store);
      expect(await answers(reader.queries, keys, figureIds)).toEqual(await expected());
    });

    it('stores the rebuilt figures in observation order, so that a series is read from a page or two', async () => {
      await (await open()).projector.rebuild(store);
      const figureIds = async (orderBy: string) =>
        (await shared.sql(`SELECT figure_id FROM figures ORDER BY ${orderBy}`)).map((row) => row.figure_id);
      const stored = await figureIds(shared.storedOrder);
      expect(stored.length).toBeGreaterThan(10);
      expect(stored).toEqual(await figureIds('series_key, period, track, position'));
    });

    it('rebuilds beside when the database holds another version, and sends every observation of tables without an outbox', async () => {
      await shared.sql(`UPDATE projections SET version = 1 WHERE name = 'read-models'`);
      await shared.sql('DELETE FROM observation_outbox');
      const writer = await open();
      expect(await writer.projector.catchUp(store)).toBe(await store.headPosition());
      const after = await expected();
      expect(await answers(reader.queries, keys, figureIds)).toEqual(after);
      const observations = (await Promise.all(keys.map((k) => reader.queries.observations(k)))).flat();
      const sent = await writer.outbox.read(10_000);
      expect(sent.map((e) => e.key).sort()).toEqual(
        observations.map((o) => `${o.seriesKey}|${o.period}|${o.track}`).sort(),
      );
    });
  });
}
