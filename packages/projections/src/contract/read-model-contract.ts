import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createMemoryEventStore, type EventStore } from '@ledger/event-store';
import { ProjectionFailedError } from '../projector.ts';
import {
  ledgerHistory,
  keyOf,
  SERIES,
  type LedgerHistory,
  type SeriesReported,
  type TestSource,
} from '../testing/ledger-history.ts';
import type { ReadModels } from '../read-models.ts';
import { answers, ledgerStore, type OpenReadModels } from './harness.ts';
import { describePointInTimeProperty } from './point-in-time-property.ts';

/** The behaviour every read-model store must have; run it with a way to open fresh read models of that store. */
export function describeReadModelContract(name: string, open: OpenReadModels, options: { propertyRuns: number }): void {
  describe(`read models: ${name}`, () => {
    let store: EventStore;
    let clock: ReturnType<typeof ledgerStore>['clock'];
    let history: LedgerHistory;
    let models: ReadModels;
    const opened: ReadModels[] = [];
    const openModels: OpenReadModels = async (projector) => {
      const m = await open(projector);
      opened.push(m);
      return m;
    };
    const catchUp = () => models.projector.catchUp(store);

    beforeEach(async () => {
      ({ store, clock } = ledgerStore());
      history = ledgerHistory(store);
      models = await openModels();
    });
    afterEach(async () => {
      for (const m of opened.splice(0)) await m.close();
    });

    it('lists documents with their publication dates, position and figure count', async () => {
      const source = await history.register('doc-001', '2023-01-07');
      await history.register('doc-000', '2023');
      await history.report(source, {
        series: SERIES.gdp,
        period: '2022',
        value: '1265',
        unit: '亿元',
        status: 'estimate',
      });
      expect(await catchUp()).toBe(3);
      const documents = await models.queries.listDocuments();
      expect(documents.map((d) => [d.documentId, d.published, d.availableFrom, d.position, d.figureCount])).toEqual([
        ['doc-001', '2023-01-07', '2023-01-07', 1, 1],
        ['doc-000', '2023', '2023-12-31', 2, 0],
      ]);
      expect(await models.queries.getDocument('doc-000')).toMatchObject({
        title: 'doc-000 报告',
        regionCode: '370112',
        speaker: null,
      });
      expect(await models.queries.getDocument('missing')).toBeUndefined();
    });

    it('corroborates a figure repeated in two documents: one observation, two sources', async () => {
      const report000 = await history.register('doc-000', '2023');
      const report001 = await history.register('doc-001', '2023-01-07');
      const a = await history.report(report000, { series: SERIES.rank, period: '2022', value: '37', unit: '位' });
      const b = await history.report(report001, { series: SERIES.rank, period: '2022', value: '37', unit: '位' });
      await catchUp();
      const [observation, ...rest] = await models.queries.observations(keyOf(SERIES.rank));
      expect(rest).toEqual([]);
      expect(observation!.best).toMatchObject({ figureId: a, availableFrom: '2023-12-31', baseValue: '37' });
      expect(observation!.corroborations.map((f) => f.figureId)).toEqual([b]);
      expect(observation!.conflicts).toEqual([]);
      expect(await models.queries.conflicts()).toEqual([]);
    });

    it('flags conflicting values and comparators, exact across units', async () => {
      const early = await history.register('doc-early', '2023-01-07');
      const late = await history.register('doc-late', '2023-03-01');
      const same = await history.report(early, { series: SERIES.gdp, period: '2022', value: '12650000', unit: '万元' });
      const best = await history.report(late, { series: SERIES.gdp, period: '2022', value: '1265', unit: '亿元' });
      const other = await history.report(early, {
        series: SERIES.gdp,
        period: '2022',
        value: '1270',
        unit: '亿元',
        comparator: 'approx',
      });
      await catchUp();
      const [observation] = await models.queries.observations(keyOf(SERIES.gdp));
      expect(observation!.best.figureId).toBe(best);
      expect(observation!.best.baseValue).toBe('126500000000');
      expect(observation!.corroborations.map((f) => f.figureId)).toEqual([same]);
      expect(observation!.conflicts.map((f) => [f.figureId, f.differsIn])).toEqual([[other, ['value', 'comparator']]]);
      expect(await models.queries.conflicts()).toEqual([
        {
          seriesKey: keyOf(SERIES.gdp),
          period: '2022',
          track: 'result',
          values: [
            { value: '12650000', unit: '万元', comparator: 'eq', status: 'actual', figureIds: [same, best] },
            { value: '1270', unit: '亿元', comparator: 'approx', status: 'actual', figureIds: [other] },
          ],
        },
      ]);
    });

    it('lets an actual replace an estimate: a revision in the vintages, not a conflict', async () => {
      const report = await history.register('doc-001', '2023-01-07');
      const final = await history.register('doc-final', '2024-01-17');
      const estimate = await history.report(report, {
        series: SERIES.gdp,
        period: '2022',
        value: '1265',
        unit: '亿元',
        status: 'estimate',
      });
      const actual = await history.report(final, { series: SERIES.gdp, period: '2022', value: '1270', unit: '亿元' });
      await catchUp();
      const key = keyOf(SERIES.gdp);
      const [current] = await models.queries.observations(key);
      expect(current!.best.figureId).toBe(actual);
      expect(current!.conflicts).toEqual([]);
      const [then] = await models.queries.observations(key, { publishedBy: '2023-06-30' });
      expect(then!.best.figureId).toBe(estimate);
      expect(await models.queries.observations(key, { publishedBy: '2023-01-06' })).toEqual([]);
      const vintages = await models.queries.vintages(key);
      expect(vintages.map((v) => [v.figureId, v.publishedFrom, v.supersededFrom])).toEqual([
        [estimate, '2023-01-07', '2024-01-17'],
        [actual, '2024-01-17', null],
      ]);
      expect(await models.queries.conflicts()).toEqual([]);
    });

    it('keeps an actual over a later-published estimate of the same period', async () => {
      const first = await history.register('doc-a', '2023-01-07');
      const second = await history.register('doc-b', '2023-05');
      const actual = await history.report(first, { series: SERIES.gdp, period: '2022', value: '1265', unit: '亿元' });
      const estimate = await history.report(second, {
        series: SERIES.gdp,
        period: '2022',
        value: '1300',
        unit: '亿元',
        status: 'estimate',
      });
      await catchUp();
      const [observation] = await models.queries.observations(keyOf(SERIES.gdp));
      expect(observation!.best.figureId).toBe(actual);
      expect(observation!.conflicts).toEqual([]);
      const vintages = await models.queries.vintages(keyOf(SERIES.gdp));
      expect(vintages.map((v) => [v.figureId, v.publishedFrom, v.supersededFrom])).toEqual([
        [actual, '2023-01-07', null],
        [estimate, '2023-05-31', '2023-05-31'],
      ]);
    });

    it('keeps targets apart from results of the same period', async () => {
      const plan = await history.register('doc-001', '2023-01-07');
      const result = await history.register('doc-004', '2024-01-17');
      const target = await history.report(plan, {
        series: SERIES.gdpGrowth,
        period: '2023',
        value: '6',
        unit: '%',
        status: 'target',
      });
      const actual = await history.report(result, {
        series: SERIES.gdpGrowth,
        period: '2023',
        value: '6.5',
        unit: '%',
      });
      await catchUp();
      const observations = await models.queries.observations(keyOf(SERIES.gdpGrowth));
      expect(observations.map((o) => [o.period, o.track, o.best.figureId, o.conflicts.length])).toEqual([
        ['2023', 'result', actual, 0],
        ['2023', 'target', target, 0],
      ]);
      expect(await models.queries.getSeries(keyOf(SERIES.gdpGrowth))).toMatchObject({ observationCount: 2 });
    });

    it('shows a correction now, and the corrected value as recorded before it', async () => {
      const source = await history.register('doc-001', '2023-01-07');
      const key = keyOf(SERIES.gdp);
      const original = await history.report(source, { series: SERIES.gdp, period: '2022', value: '126', unit: '亿元' });
      const before = await store.headPosition();
      const beforeTime = clock.now.toISOString();
      clock.advance(60);
      const corrected = await history.correct(original, key, { period: '2022', value: '126.3', unit: '亿元' });
      await catchUp();
      const [now] = await models.queries.observations(key);
      expect(now!.best).toMatchObject({
        figureId: corrected,
        value: '126.3',
        supersedes: original,
        reason: 'final accounts published',
        numberAsWritten: null,
      });
      expect(now!.conflicts).toEqual([]);
      for (const at of [
        { recordedAtPosition: before },
        { recordedAtTime: beforeTime },
        { recordedAtTime: '2026-02-01T08:00:30Z' },
      ]) {
        const [then] = await models.queries.observations(key, at);
        expect(then!.best).toMatchObject({
          figureId: original,
          value: '126',
          standing: 'active',
          supersededBy: null,
          endedAtPosition: null,
        });
      }
      expect(await models.queries.observations(key, { recordedAtTime: '2026-01-01T00:00:00Z' })).toEqual([]);
      const found = await models.queries.getFigure(original);
      expect(found!.figure).toMatchObject({
        standing: 'superseded',
        supersededBy: corrected,
        endedAtPosition: before + 1,
      });
      expect(found!.observation!.best.figureId).toBe(corrected);
      expect(found!.audit.map((a) => [a.type, a.figureId, a.position])).toEqual([
        ['FigureReported', original, before],
        ['FigureCorrected', corrected, before + 1],
      ]);
      const vintages = await models.queries.vintages(key);
      expect(vintages.map((v) => [v.figureId, v.standing, v.publishedFrom, v.supersededFrom])).toEqual([
        [original, 'superseded', '2023-01-07', '2023-01-07'],
        [corrected, 'active', '2023-01-07', null],
      ]);
    });

    it('removes a retracted figure, which still shows as recorded before the retraction', async () => {
      const source = await history.register('doc-001', '2023-01-07');
      const key = keyOf(SERIES.gdp);
      const figureId = await history.report(source, { series: SERIES.gdp, period: '2022', value: '126', unit: '亿元' });
      await catchUp();
      expect(await models.queries.getSeries(key)).toMatchObject({ observationCount: 1 });
      await history.retract(figureId, key);
      await catchUp();
      expect(await models.queries.observations(key)).toEqual([]);
      expect(await models.queries.getSeries(key)).toMatchObject({ observationCount: 0 });
      expect((await models.queries.observations(key, { recordedAtPosition: 2 }))[0]!.best.figureId).toBe(figureId);
      const found = await models.queries.getFigure(figureId);
      expect(found!.figure).toMatchObject({ standing: 'retracted', endedAtPosition: 3 });
      expect(found!.observation).toBeUndefined();
      expect(found!.audit.map((a) => [a.type, a.reason])).toEqual([
        ['FigureReported', null],
        ['FigureRetracted', 'misread from the source'],
      ]);
    });

    it('never shows a figure before its source could have been public (year precision)', async () => {
      const report = await history.register('doc-000', '2023');
      const figureId = await history.report(report, {
        series: SERIES.gdp,
        period: '2022',
        value: '1265',
        unit: '亿元',
      });
      await catchUp();
      const key = keyOf(SERIES.gdp);
      expect(await models.queries.observations(key, { publishedBy: '2023-06-30' })).toEqual([]);
      expect((await models.queries.observations(key, { publishedBy: '2023-12-31' }))[0]!.best.figureId).toBe(figureId);
      expect((await models.queries.observations(key, { publishedBy: '2023' }))[0]!.best.figureId).toBe(figureId);
      await expect(models.queries.observations(key, { publishedBy: '30 June 2023' })).rejects.toThrow(RangeError);
    });

    it('snapshots a region with its entities, at a point in time', async () => {
      const licheng = await history.register('doc-001', '2023-01-07');
      const later = await history.register('doc-003', '2026-01-28');
      const changqing = await history.register('doc-004', '2024-01-17', '370113');
      await history.report(licheng, { series: SERIES.gdp, period: '2022', value: '1265', unit: '亿元' });
      await history.report(later, { series: SERIES.vaccine, period: '2025', value: '1', unit: '' });
      await history.report(changqing, {
        series: SERIES.changqingRevenue,
        period: '2023',
        value: '30.24',
        unit: '亿元',
      });
      await catchUp();
      const snapshot = await models.queries.regionSnapshot('370112');
      expect(snapshot.map((o) => o.seriesKey)).toEqual([keyOf(SERIES.gdp), keyOf(SERIES.vaccine)].sort());
      expect(
        (await models.queries.regionSnapshot('370112', { publishedBy: '2025-12-31' })).map((o) => o.seriesKey),
      ).toEqual([keyOf(SERIES.gdp)]);
      expect((await models.queries.regionSnapshot('370113')).map((o) => o.best.value)).toEqual(['30.24']);
    });

    it('finds series by region, indicator code and Chinese text', async () => {
      const licheng = await history.register('doc-001', '2023-01-07');
      const changqing = await history.register('doc-004', '2024-01-17', '370113');
      await history.report(licheng, { series: SERIES.gdp, period: '2022', value: '1265', unit: '亿元' });
      await history.report(licheng, { series: SERIES.vaccine, period: '2022', value: '1', unit: '' });
      await history.report(changqing, {
        series: SERIES.changqingRevenue,
        period: '2023',
        value: '30.24',
        unit: '亿元',
      });
      await catchUp();
      const keys = async (search: Parameters<ReadModels['queries']['searchSeries']>[0]) =>
        (await models.queries.searchSeries(search)).map((s) => s.seriesKey);
      expect(await keys({ region: '370112' })).toEqual([keyOf(SERIES.gdp), keyOf(SERIES.vaccine)].sort());
      expect(await keys({ indicatorCode: 'GPBR' })).toEqual([keyOf(SERIES.changqingRevenue)]);
      expect(await keys({ q: '经济总量' })).toEqual([keyOf(SERIES.gdp)]);
      expect(await keys({ q: 'gdp' })).toEqual([keyOf(SERIES.gdp)]);
      expect(await keys({ q: '坤力' })).toEqual([keyOf(SERIES.vaccine)]);
      expect(await keys({ q: '研发生产' })).toEqual([keyOf(SERIES.vaccine)]);
      expect(await keys({ q: '%' })).toEqual([]);
      expect(await keys({ region: '370112', limit: 1, offset: 1 })).toEqual([
        [keyOf(SERIES.gdp), keyOf(SERIES.vaccine)].sort()[1],
      ]);
      expect(await models.queries.getSeries(keyOf(SERIES.gdp))).toEqual({
        seriesKey: keyOf(SERIES.gdp),
        subject: { type: 'region', code: '370112' },
        indicatorCode: 'GDP',
        indicatorName: '地区生产总值',
        indicatorNames: ['地区生产总值', 'GDP', '经济总量', '生产总值', '地区GDP'],
        kind: 'level',
        unitBase: '元',
        observationCount: 1,
      });
      expect(await models.queries.getSeries('370112:NOPE:level:元')).toBeUndefined();
    });

    it('keeps an audit trail with the store positions, record times and hashes', async () => {
      const source = await history.register('doc-001', '2023-01-07');
      const key = keyOf(SERIES.gdp);
      const original = await history.report(source, { series: SERIES.gdp, period: '2022', value: '126', unit: '亿元' });
      const corrected = await history.correct(original, key, { period: '2022', value: '127', unit: '亿元' });
      await history.retract(corrected, key);
      await catchUp();
      const events = await store.readAll();
      const expected = (position: number) => {
        const e = events[position - 1]!;
        return { position, eventId: e.eventId, type: e.type, stream: e.stream, recordedAt: e.recordedAt, hash: e.hash };
      };
      const trail = (await models.queries.getFigure(corrected))!.audit;
      expect(trail).toMatchObject([expected(3), expected(4)]);
      expect(trail[0]!.citations).toEqual([source.cite(1)]);
      expect((await models.queries.getFigure(original))!.audit).toMatchObject([expected(2), expected(3)]);
      expect(await models.queries.getFigure('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });

    /**
     * Projects one round, then crashes `run` on a second round before its checkpoint: the read models must still
     * answer as after the first round, and a catch-up must then reach the answers of an uninterrupted projector.
     */
    async function crashThenRecover(run: (projector: ReadModels['projector']) => Promise<unknown>, batchSize?: number) {
      let crash = false;
      const crashing = await openModels({
        batchSize,
        beforeCheckpoint: () => {
          if (crash) throw new Error('injected crash');
        },
      });
      const first = await buildHistory(history, 1);
      await crashing.projector.catchUp(store);
      const before = await answers(crashing.queries, first.keys, first.figureIds);
      const second = await buildHistory(history, 2);
      crash = true;
      await expect(run(crashing.projector)).rejects.toThrow('injected crash');
      expect(await answers(crashing.queries, first.keys, first.figureIds)).toEqual(before);
      crash = false;
      expect(await crashing.projector.catchUp(store)).toBe(await store.headPosition());
      const uninterrupted = await openModels();
      await uninterrupted.projector.catchUp(store);
      const keys = [...new Set([...first.keys, ...second.keys])];
      const figureIds = [...first.figureIds, ...second.figureIds];
      const expected = await answers(uninterrupted.queries, keys, figureIds);
      expect(await answers(crashing.queries, keys, figureIds)).toEqual(expected);
      return { crashing, keys, figureIds, expected };
    }

    it('resumes after a crash mid-batch without applying an event twice', async () => {
      await crashThenRecover((projector) => projector.catchUp(store), 3);
    });

    it('rebuilds from position 0 to the same answers as incremental updates', async () => {
      const incremental = await openModels({ batchSize: 2 });
      const first = await buildHistory(history, 1);
      await incremental.projector.catchUp(store);
      const second = await buildHistory(history, 2);
      await incremental.projector.catchUp(store);
      const keys = [...new Set([...first.keys, ...second.keys])];
      const figureIds = [...first.figureIds, ...second.figureIds];
      const expected = await answers(incremental.queries, keys, figureIds);
      expect(expected.conflicts.length).toBeGreaterThan(0);
      expect(await incremental.projector.rebuild(store)).toBe(await store.headPosition());
      expect(await answers(incremental.queries, keys, figureIds)).toEqual(expected);
      // Incremental writes go on after a rebuild (its upserts need the keys it built) and agree with a fresh projector.
      const third = await buildHistory(history, 3);
      await incremental.projector.catchUp(store);
      const fresh = await openModels();
      await fresh.projector.catchUp(store);
      const allKeys = [...new Set([...keys, ...third.keys])];
      const allFigureIds = [...figureIds, ...third.figureIds];
      expect(await answers(incremental.queries, allKeys, allFigureIds)).toEqual(
        await answers(fresh.queries, allKeys, allFigureIds),
      );
    });

    it('rebuilds a long mixed history, paged and beyond one statement of figures, to the answers of incremental updates', async () => {
      const incremental = await openModels({ batchSize: 300 });
      const first = await buildLongHistory(history, 0, 7);
      await incremental.projector.catchUp(store);
      const second = await buildLongHistory(history, 7, 14);
      await incremental.projector.catchUp(store);
      const rebuilt = await openModels({ batchSize: 1_000 });
      expect(await rebuilt.projector.rebuild(store)).toBe(await store.headPosition());
      const keys = [...new Set([...first.keys, ...second.keys])];
      const figureIds = [...first.figureIds, ...second.figureIds];
      const expected = await answers(incremental.queries, keys, figureIds);
      expect(expected.conflicts.length).toBeGreaterThan(0);
      expect(await answers(rebuilt.queries, keys, figureIds)).toEqual(expected);
    });

    it('keeps the read models as they were when a rebuild crashes, and rebuilds or catches up after', async () => {
      const { crashing, keys, figureIds, expected } = await crashThenRecover((projector) => projector.rebuild(store));
      await crashing.projector.rebuild(store);
      expect(await answers(crashing.queries, keys, figureIds)).toEqual(expected);
    });

    it('stops at an event it cannot apply, having applied every event before it, and names its position', async () => {
      // A store without the ledger's validator: it keeps an event the read models cannot take.
      const unchecked = createMemoryEventStore();
      const uncheckedHistory = ledgerHistory(unchecked);
      const source = await uncheckedHistory.register('doc-001', '2023-01-07');
      await uncheckedHistory.report(source, { series: SERIES.gdp, period: '2022', value: '1265', unit: '亿元' });
      await unchecked.appendToStream('broken', [{ eventId: randomUUID(), type: 'FigureReported', data: {} }]);
      await uncheckedHistory.report(source, { series: SERIES.gdp, period: '2023', value: '1300', unit: '亿元' });
      const error = await models.projector.catchUp(unchecked).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectionFailedError);
      expect(error).toMatchObject({
        position: 3,
        message: expect.stringMatching(/^cannot apply the event at position 3: /),
      });
      expect(await models.queries.checkpoint()).toBe(2);
      expect((await models.queries.observations(keyOf(SERIES.gdp))).map((o) => o.period)).toEqual(['2022']);
    });

    it('follows the store live until aborted', async () => {
      const stop = new AbortController();
      const source = await history.register('doc-001', '2023-01-07');
      const following = models.projector.follow(store, stop.signal);
      await history.report(source, { series: SERIES.gdp, period: '2022', value: '1265', unit: '亿元' });
      await until(async () => (await models.queries.checkpoint()) === 2);
      await history.report(source, { series: SERIES.gdp, period: '2023', value: '1300', unit: '亿元' });
      await until(async () => (await models.queries.checkpoint()) === 3);
      stop.abort();
      await following;
      expect((await models.queries.observations(keyOf(SERIES.gdp))).map((o) => o.period)).toEqual(['2022', '2023']);
    });

    describePointInTimeProperty(openModels, options.propertyRuns);
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A small history with corroboration, conflict, revision, a target, a correction and a retraction; `round` keeps ids apart. */
async function buildHistory(history: LedgerHistory, round: number): Promise<{ keys: string[]; figureIds: string[] }> {
  const a = await history.register(`doc-a${round}`, `202${round}-01-07`);
  const b = await history.register(`doc-b${round}`, `202${round}`);
  const period = String(2020 + round);
  const gdp = keyOf(SERIES.gdp);
  const figureIds = [
    await history.report(a, { series: SERIES.gdp, period, value: '100', unit: '亿元', status: 'estimate' }),
    await history.report(b, { series: SERIES.gdp, period, value: '101', unit: '亿元' }),
    await history.report(a, { series: SERIES.gdp, period, value: '1020000', unit: '万元' }),
    await history.report(b, { series: SERIES.gdpGrowth, period, value: '6', unit: '%', status: 'target' }),
    await history.report(a, { series: SERIES.rank, period, value: '37', unit: '位' }),
    await history.report(b, { series: SERIES.rank, period, value: '37', unit: '位' }),
  ];
  figureIds.push(await history.correct(figureIds[1]!, gdp, { period, value: '101.5', unit: '亿元' }));
  await history.retract(figureIds[0]!, gdp);
  return { keys: [gdp, keyOf(SERIES.gdpGrowth), keyOf(SERIES.rank)], figureIds };
}

const LONG_SERIES = 60;
const REPORTS_PER_DOCUMENT = 150;

/** Series of two regions, many of them, so that no stream grows long (appends read their stream). */
const longSeries = (i: number): SeriesReported => ({
  subject: { type: 'region', code: i % 2 === 0 ? '370112' : '370113' },
  indicatorCode: `X-指标${i}`,
  indicatorName: `指标${i}`,
  kind: 'level',
  unitBase: '元',
});

/**
 * Documents `from` to `to` (exclusive), each published to the day, month or year and followed by its reports, with
 * corroborations, conflicts, revisions and targets, then corrections (some citing another document) and retractions
 * of earlier standing figures. About 160 events a document, so ten documents outgrow one multi-row statement of figures.
 */
async function buildLongHistory(
  history: LedgerHistory,
  from: number,
  to: number,
): Promise<{ keys: string[]; figureIds: string[] }> {
  const standing: Array<{ figureId: string; seriesKey: string }> = [];
  const figureIds: string[] = [];
  let previous: TestSource | undefined;
  for (let d = from; d < to; d++) {
    const day = `${2015 + (d % 10)}-${String(1 + (d % 12)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`;
    const source = await history.register(`doc-long-${d}`, day.slice(0, [4, 7, 10][d % 3]));
    for (let i = 0; i < REPORTS_PER_DOCUMENT; i++) {
      const series = longSeries((i * 7 + d) % LONG_SERIES);
      const status = (['actual', 'actual', 'estimate', 'target'] as const)[(i + d) % 4];
      const reading = {
        series,
        period: String(2016 + (i % 8)),
        value: String((i * 13 + d) % 4),
        unit: i % 3 === 0 ? '万元' : '亿元',
        status,
      };
      const figureId = await history.report(source, reading);
      figureIds.push(figureId);
      standing.push({ figureId, seriesKey: keyOf(series) });
    }
    for (let k = 0; k < 4; k++) {
      const [target] = standing.splice((d * 31 + k * 17) % standing.length, 1);
      const correction = { period: String(2016 + ((d + k) % 8)), value: `${d}.${k + 1}`, unit: '亿元' };
      const figureId = await history.correct(
        target!.figureId,
        target!.seriesKey,
        correction,
        k % 2 === 0 ? previous : undefined,
      );
      figureIds.push(figureId);
      standing.push({ ...target!, figureId });
    }
    for (let k = 0; k < 3; k++) {
      const [target] = standing.splice((d * 37 + k * 11) % standing.length, 1);
      await history.retract(target!.figureId, target!.seriesKey);
    }
    previous = source;
  }
  const keys = Array.from({ length: LONG_SERIES }, (_, i) => keyOf(longSeries(i)));
  return { keys, figureIds: figureIds.filter((_, i) => i % 40 === 0) };
}
