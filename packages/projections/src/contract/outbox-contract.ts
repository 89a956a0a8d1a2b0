import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import type { EventStore } from '@ledger/event-store';
import { ledgerHistory, keyOf, SERIES, type LedgerHistory, type TestSource } from '../testing/ledger-history.ts';
import type { ReadModels } from '../read-models.ts';
import { ledgerStore, type OpenReadModels } from './harness.ts';

const gdp = keyOf(SERIES.gdp);
const resultKey = `${gdp}|2022|result`;

/** The outbox the projector fills for the observations topic: what changed, once per batch, in order. */
export function describeOutboxContract(name: string, open: OpenReadModels): void {
  describe(`observation outbox: ${name}`, () => {
    let store: EventStore;
    let history: LedgerHistory;
    let models: ReadModels;
    let source: TestSource;
    const opened: ReadModels[] = [];

    /** Projects what was appended, then takes every entry out of the outbox, as the relay does. */
    async function drain(readModels = models): Promise<Array<{ key: string; value: Record<string, unknown> | null }>> {
      await readModels.projector.catchUp(store);
      const entries = await readModels.outbox.read(1000);
      if (entries.length > 0) await readModels.outbox.remove(entries.at(-1)!);
      expect(await readModels.outbox.read(1000)).toEqual([]);
      return entries.map((e) => ({ key: e.key, value: e.value === null ? null : JSON.parse(e.value) }));
    }

    beforeEach(async () => {
      ({ store } = ledgerStore());
      history = ledgerHistory(store);
      models = await open();
      opened.push(models);
      source = await history.register('doc-001', '2023-01-07');
    });
    afterEach(async () => {
      for (const m of opened.splice(0)) await m.close();
    });

    it('holds the first value, each new best value, and a tombstone when no figure stands', async () => {
      const reading = { series: SERIES.gdp, period: '2022', value: '126', unit: '亿元' };
      const figureId = await history.report(source, reading);
      expect(await drain()).toEqual([
        {
          key: resultKey,
          value: expect.objectContaining({
            seriesKey: gdp,
            period: '2022',
            track: 'result',
            figureId,
            value: '126',
            unit: '亿元',
            baseValue: '12600000000',
            asOfPosition: 2,
          }),
        },
      ]);

      // An earlier-published equal figure neither replaces the best value nor publishes anything.
      const earlier = await history.register('doc-000', '2022-06-01');
      await history.report(earlier, reading);
      expect(await drain()).toEqual([]);

      const correctionId = await history.correct(figureId, gdp, { period: '2022', value: '127', unit: '亿元' });
      expect(await drain()).toEqual([
        { key: resultKey, value: expect.objectContaining({ figureId: correctionId, value: '127' }) },
      ]);

      await history.retract(correctionId, gdp);
      const afterRetraction = await drain();
      const [earlierFigure] = await models.queries.observations(gdp);
      expect(earlierFigure!.best.documentId).toBe('doc-000');
      expect(afterRetraction).toEqual([
        { key: resultKey, value: expect.objectContaining({ figureId: earlierFigure!.best.figureId, value: '126' }) },
      ]);
      await history.retract(earlierFigure!.best.figureId, gdp);
      expect(await drain()).toEqual([{ key: resultKey, value: null }]);
    });

    it('keeps a target apart from the result of the same period', async () => {
      await history.report(source, { series: SERIES.gdp, period: '2022', value: '126', unit: '亿元' });
      await drain();
      await history.report(source, {
        series: SERIES.gdp,
        period: '2022',
        value: '130',
        unit: '亿元',
        status: 'target',
      });
      expect(await drain()).toEqual([
        { key: `${gdp}|2022|target`, value: expect.objectContaining({ value: '130', status: 'target' }) },
      ]);
    });

    it('ends with the same values whether the events are projected one by one or in one batch', async () => {
      const first = await history.report(source, { series: SERIES.gdp, period: '2022', value: '126', unit: '亿元' });
      await history.report(source, { series: SERIES.gdp, period: '2023', value: '5', unit: '亿元', status: 'target' });
      await history.correct(first, gdp, { period: '2022', value: '127', unit: '亿元' });
      await history.report(source, { series: SERIES.vaccine, period: '2022', value: '3', unit: '' });
      const latest = (entries: Array<{ key: string; value: Record<string, unknown> | null }>) =>
        Object.fromEntries(entries.map((e) => [e.key, e.value && { ...e.value, asOfPosition: 0 }]));

      const oneByOne = await open({ batchSize: 1 });
      opened.push(oneByOne);
      const inOneBatch = latest(await drain());
      expect(latest(await drain(oneByOne))).toEqual(inOneBatch);
      // What the outbox says last of each observation is its best figure as the read models answer it.
      const best = (await Promise.all([gdp, keyOf(SERIES.vaccine)].map((k) => models.queries.observations(k)))).flat();
      expect(Object.fromEntries(best.map((o) => [`${o.seriesKey}|${o.period}|${o.track}`, o.best.figureId]))).toEqual(
        Object.fromEntries(
          Object.entries(inOneBatch).map(([key, value]) => [key, (value as { figureId?: string } | null)?.figureId]),
        ),
      );
    });

    it('keeps unsent entries across a rebuild, and a rebuild adds none for what did not change', async () => {
      await history.report(source, { series: SERIES.gdp, period: '2022', value: '126', unit: '亿元' });
      await models.projector.catchUp(store);
      const unsent = await models.outbox.read(1000);
      expect(unsent).toHaveLength(1);
      await models.projector.rebuild(store);
      expect(await models.outbox.read(1000)).toEqual(unsent);
      await models.outbox.remove(unsent[0]!);
      await models.projector.rebuild(store);
      expect(await models.outbox.read(1000)).toEqual([]);
    });
  });
}
