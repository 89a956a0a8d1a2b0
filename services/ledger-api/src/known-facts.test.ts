import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import request from 'supertest';
import { bootFreshLedger, eventually } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';
import { ledgerStores } from './testing/ledger-stores.ts';

const stores = await ledgerStores('known facts');

// The facts of ../shared/brief/domain.md, asked through the API of a freshly booted ledger, on each store.
describe.each(stores)('known facts through the API after a fresh boot: %s', (_name, prepare) => {
  let ledger: RunningLedger;
  let cleanup = async () => {};
  const api = () => request(ledger.server);

  const observation = async (seriesKey: string, period: string, track = 'result', query = '') => {
    const res = await api()
      .get(`/v1/series/${encodeURIComponent(seriesKey)}/observations${query}`)
      .expect(200);
    return res.body.observations.find(
      (o: { period: string; track: string }) => o.period === period && o.track === track,
    );
  };
  /** The series of a region whose indicator name contains every word, of one kind. */
  const findSeries = async (region: string, q: string, kind: string, nameIncludes: string[] = []) => {
    const res = await api().get('/v1/series').query({ region, q }).expect(200);
    return res.body.series.filter(
      (s: { kind: string; indicatorName: string }) =>
        s.kind === kind && nameIncludes.every((w) => s.indicatorName.includes(w)),
    );
  };

  beforeAll(async () => {
    const prepared = await prepare();
    cleanup = prepared.cleanup;
    ledger = await bootFreshLedger(prepared.env);
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200), 60_000);
  });
  afterAll(async () => {
    await ledger?.close();
    await cleanup();
  });

  it('历城区 地区生产总值 2022: 1265 亿元, an estimate, from 001 published 2023-01-07', async () => {
    const gdp = await observation('370112:GDP:level:元', '2022');
    expect(gdp.best).toMatchObject({
      value: '1265',
      unit: '亿元',
      status: 'estimate',
      documentId: '001_08fd8d89df814088',
      published: '2023-01-07',
    });
    expect(gdp.best.citations[0].quote).toContain('1265');
  });

  it('keeps it out of views as published before its source was public', async () => {
    expect(await observation('370112:GDP:level:元', '2022', 'result', '?asOf=2023-01-06')).toBeUndefined();
    expect((await observation('370112:GDP:level:元', '2022', 'result', '?asOf=2023-01-07')).best.value).toBe('1265');
  });

  it('历城区 一般公共预算收入 2022: 126 亿元, growth 6.8%, 3rd in the city by level and 2nd by growth', async () => {
    expect((await observation('370112:GPBR:level:元', '2022')).best).toMatchObject({
      value: '126',
      unit: '亿元',
      status: 'actual',
    });
    expect((await observation('370112:GPBR:growth:%', '2022')).best).toMatchObject({ value: '6.8', unit: '%' });
    const ranks = await findSeries('370112', '一般公共预算收入', 'rank');
    const values = await Promise.all(
      ranks.map(async (s: { seriesKey: string }) => (await observation(s.seriesKey, '2022'))?.best.value),
    );
    expect(values).toEqual(expect.arrayContaining(['3', '2']));
  });

  it('历城区 2023 targets: 地区生产总值 growth 6%, 一般公共预算收入 growth 11%', async () => {
    expect((await observation('370112:GDP:growth:%', '2023', 'target')).best).toMatchObject({
      value: '6',
      status: 'target',
    });
    expect((await observation('370112:GPBR:growth:%', '2023', 'target')).best).toMatchObject({
      value: '11',
      status: 'target',
    });
  });

  it('长清区 一般公共预算收入 2023: 30.24 亿元, growth 29.2%', async () => {
    expect((await observation('370113:GPBR:level:元', '2023')).best).toMatchObject({
      value: '30.24',
      unit: '亿元',
      documentId: '004_b0a61f995f212086',
    });
    expect((await observation('370113:GPBR:growth:%', '2023')).best.value).toBe('29.2');
  });

  it('历城区 投资竞争力 全国百强区第 37 位: one observation, corroborated by 000 and 001', async () => {
    const ranks = await findSeries('370112', '投资竞争力', 'rank', ['全国']);
    const observations = (
      await Promise.all(ranks.map((s: { seriesKey: string }) => observation(s.seriesKey, '2022')))
    ).filter(Boolean);
    const rank37 = observations.find((o) => o.best.value === '37');
    expect(rank37).toBeDefined();
    const sources = [rank37.best, ...rank37.corroborations].map((f: { documentId: string }) => f.documentId).sort();
    expect(sources).toEqual(['000_27789e9840a68402', '001_08fd8d89df814088']);
    expect(rank37.conflicts).toEqual([]);
  });

  it('answers a region snapshot as published by a date', async () => {
    const early = await api().get('/v1/regions/370113/snapshot?asOf=2024-01-16').expect(200);
    expect(early.body.observations).toEqual([]);
    const later = await api().get('/v1/regions/370113/snapshot?asOf=2024-01-17').expect(200);
    const keys = later.body.observations.map(
      (o: { seriesKey: string; period: string }) => `${o.seriesKey}|${o.period}`,
    );
    expect(keys).toContain('370113:GPBR:level:元|2023');
  });
});
