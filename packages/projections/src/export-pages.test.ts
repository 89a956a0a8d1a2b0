import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { ledgerStore, type OpenReadModels } from './contract/harness.ts';
import { ledgerHistory, keyOf, SERIES } from './testing/ledger-history.ts';
import { observationsOf } from './observation.ts';
import { openPostgresReadModels, openSqliteReadModels, type ReadModels } from './read-models.ts';
import type { FigureView, ObservationExport, PointInTime } from './read-model-types.ts';

const postgres = await postgresForTests();
const stores: Array<[string, OpenReadModels]> = [['sqlite', async () => openSqliteReadModels({ path: ':memory:' })]];
if (isUnavailable(postgres)) {
  it('exports on postgres: skipped', () => console.warn(`export tests on postgres skipped: ${postgres.skipReason}`));
} else {
  const schemas = scratchSchemas(postgres.connectionString, 'export_test');
  afterAll(async () => {
    await schemas.close();
    await postgres.stop();
  });
  stores.push([
    'postgres',
    async () => openPostgresReadModels({ connectionString: postgres.connectionString, schema: await schemas.create() }),
  ]);
}

async function collect(groups: AsyncIterable<FigureView[]>): Promise<FigureView[][]> {
  const out: FigureView[][] = [];
  for await (const group of groups) out.push(group);
  return out;
}

describe.each(stores)('exports and search on %s read models', (_name, open) => {
  let models: ReadModels;
  let corrected: string;
  let retracted: string;
  const seriesKeys = Object.values(SERIES).map(keyOf);

  beforeAll(async () => {
    const { store } = ledgerStore();
    const history = ledgerHistory(store);
    const early = await history.register('doc-a', '2022-01-10');
    const late = await history.register('doc-b', '2023-01-07');
    const changqing = await history.register('doc-c', '2023-02', '370113');
    for (const period of ['2019', '2020', '2021', '2022']) {
      await history.report(early, {
        series: SERIES.gdp,
        period,
        value: `1${period}`,
        unit: '亿元',
        status: 'estimate',
      });
      await history.report(late, { series: SERIES.gdp, period, value: `1${period}.5`, unit: '亿元' });
      await history.report(late, { series: SERIES.gdpGrowth, period, value: '6', unit: '%', status: 'target' });
    }
    await history.report(late, { series: SERIES.gdp, period: '2022', value: '9999', unit: '亿元' });
    corrected = await history.report(late, { series: SERIES.gdpGrowth, period: '2022', value: '5.1', unit: '%' });
    await history.correct(corrected, keyOf(SERIES.gdpGrowth), { period: '2022', value: '5.2', unit: '%' });
    retracted = await history.report(late, { series: SERIES.rank, period: '2022', value: '3', unit: '位' });
    await history.retract(retracted, keyOf(SERIES.rank));
    await history.report(changqing, { series: SERIES.changqingRevenue, period: '2022', value: '20', unit: '亿元' });
    await history.report(late, {
      series: {
        ...SERIES.rank,
        indicatorCode: 'X-valid-first',
        indicatorName: '先写有效',
        kind: 'count',
        unitBase: '个',
      },
      period: '2022',
      value: '2',
      unit: '个',
    });
    models = await open();
    await models.projector.catchUp(store);
  });
  afterAll(async () => models.close());

  const points: PointInTime[] = [{}, { publishedBy: '2022-12-31' }, { recordedAtPosition: 12 }];

  it.each(points)('pages give the observations one query gives, whatever the page size (at %j)', async (at) => {
    const expected = (
      await Promise.all(
        [...seriesKeys, '370112:X-valid-first:count:个'].map((key) => models.queries.observations(key, at)),
      )
    )
      .flat()
      .sort((a, b) => (a.seriesKey < b.seriesKey ? -1 : a.seriesKey > b.seriesKey ? 1 : 0));
    for (const pageSize of [1, 2, 3, 7, 1000]) {
      const groups = await collect(models.queries.exportObservations({ at, pageSize }));
      expect(groups.flatMap((g) => observationsOf(g))).toEqual(expected);
    }
  });

  it('filters by region and indicator', async () => {
    const only = async (options: ObservationExport) =>
      [...new Set((await collect(models.queries.exportObservations(options))).map((g) => g[0]!.seriesKey))].sort();
    expect(await only({ region: '370113', pageSize: 2 })).toEqual([keyOf(SERIES.changqingRevenue)]);
    expect(await only({ indicatorCode: 'GDP', pageSize: 2 })).toEqual(
      [keyOf(SERIES.gdp), keyOf(SERIES.gdpGrowth)].sort(),
    );
  });

  it('with history, gives superseded and retracted figures too, as they stood then', async () => {
    const figures = (await collect(models.queries.exportObservations({ includeHistory: true, pageSize: 3 }))).flat();
    expect(figures.find((f) => f.figureId === corrected)?.standing).toBe('superseded');
    expect(figures.find((f) => f.figureId === retracted)?.standing).toBe('retracted');
    const standing = (await collect(models.queries.exportObservations({ pageSize: 3 }))).flat();
    expect(standing.map((f) => f.figureId)).not.toContain(retracted);
    expect(figures.length).toBeGreaterThan(standing.length);
  });

  it('finds a series by the name it was reported under, not only by the catalog and the code', async () => {
    for (const q of ['先写有效', '写有', 'valid']) {
      expect((await models.queries.searchSeries({ q })).map((s) => s.seriesKey)).toEqual([
        '370112:X-valid-first:count:个',
      ]);
    }
    expect((await models.queries.searchSeries({ q: '经济总量' })).map((s) => s.seriesKey)).toContain(keyOf(SERIES.gdp));
  });
});
