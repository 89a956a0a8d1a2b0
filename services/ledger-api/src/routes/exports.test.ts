import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { bootFreshLedger, eventually, SEEDS_DIR, WRITE_TOKEN } from '../testing/boot.ts';
import { handReport } from '../testing/hand-report.ts';
import { SDMX_COLUMNS, STRUCTURE_ID, STRUCTURE_PATH } from '../exports/sdmx.ts';
import type { RunningLedger } from '../start-ledger.ts';

const manifest = JSON.parse(readFileSync(join(SEEDS_DIR, 'manifest.json'), 'utf8')) as {
  documents: Array<{ documentId: string; sha256: string; published: string }>;
};
const GDP = encodeURIComponent('370112:GDP:level:元');
const BOM = '\uFEFF';

/** A CSV body as records, after checking it starts with a BOM. */
function records(text: string): Array<Record<string, string>> {
  expect(text.startsWith(BOM)).toBe(true);
  return parse(text.slice(1), { columns: true });
}
const header = (text: string) => (parse(text.slice(1), { to_line: 1 }) as string[][])[0];

describe('downloads and revisions', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);
  const csv = async (path: string) => {
    const res = await api()
      .get(path)
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => cb(null, text));
      });
    expect(res.status).toBe(200);
    return { res, text: res.body as string };
  };

  beforeAll(async () => {
    ledger = await bootFreshLedger();
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200));
  });
  afterAll(async () => ledger.close());

  it('exports SDMX-CSV 2.0 with the columns of the published structure, each checked against the figure', async () => {
    const { res, text } = await csv('/v1/exports/observations.csv?region=370112');
    expect(res.headers['content-type']).toBe('application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8');
    expect(header(text)).toEqual([...SDMX_COLUMNS]);
    const rows = records(text);
    expect(rows.length).toBeGreaterThan(20);
    const structure = (await api().get(STRUCTURE_PATH).expect(200)).body.data.dataStructures[0];
    expect(`${structure.agencyID}:${structure.id}(${structure.version})`).toBe(STRUCTURE_ID);
    const components = structure.dataStructureComponents;
    const declared = [
      ...components.dimensionList.dimensions.map((d: { id: string }) => d.id),
      components.dimensionList.timeDimension.id,
      ...components.measureList.measures.map((m: { id: string }) => m.id),
      ...components.attributeList.attributes.map((a: { id: string }) => a.id),
    ];
    expect(new Set(declared)).toEqual(new Set(SDMX_COLUMNS.slice(3)));

    const checked = rows.slice(0, 40);
    for (const row of checked) {
      const { figure } = (await api().get(`/v1/figures/${row.FIGURE_ID}`).expect(200)).body;
      expect(row.STRUCTURE).toBe('datastructure');
      expect(row.STRUCTURE_ID).toBe(STRUCTURE_ID);
      expect(row.ACTION).toBe('I');
      expect(row.REF_AREA).toBe('370112');
      const [, indicator, kind, unitBase] = figure.seriesKey.split(':');
      expect(row.INDICATOR!.split('@')[0]).toBe(indicator);
      expect(row.KIND).toBe(kind);
      expect(row.TIME_PERIOD).toBe(
        /^\d{4}-\d{4}$/.test(figure.period)
          ? `${figure.period.slice(0, 4)}-01-01/P${Number(figure.period.slice(5)) - Number(figure.period.slice(0, 4)) + 1}Y`
          : figure.period,
      );
      expect(row.OBS_VALUE).toBe(figure.value);
      expect(row.OBS_STATUS).toBe({ actual: 'A', estimate: 'E', target: 'F' }[figure.status as string]);
      expect(row.UNIT_MEASURE).toBe(unitBase);
      expect(row.UNIT_MULT).toBe(figure.unit.startsWith('亿') ? '8' : figure.unit.startsWith('万') ? '4' : '0');
      const source = manifest.documents.find((d) => d.documentId === figure.documentId)!;
      expect(row.SOURCE_SHA256).toBe(source.sha256);
      expect(row.PUBLISHED).toBe(source.published);
    }
  });

  it('exports 历城区 GDP 2022 as 1265 亿元 as of 2023-01-08 and not as of 2022-12-31', async () => {
    const gdp2022 = (rows: Array<Record<string, string>>) =>
      rows.find((r) => r.INDICATOR === 'GDP' && r.KIND === 'level' && r.TIME_PERIOD === '2022' && r.OBS_STATUS !== 'F');
    const later = records((await csv('/v1/exports/observations.csv?region=370112&indicator=GDP&asOf=2023-01-08')).text);
    expect(gdp2022(later)).toMatchObject({ OBS_VALUE: '1265', UNIT_MEASURE: '元', UNIT_MULT: '8' });
    const earlier = records(
      (await csv('/v1/exports/observations.csv?region=370112&indicator=GDP&asOf=2022-12-31')).text,
    );
    expect(gdp2022(earlier)).toBeUndefined();
    expect(later.every((r) => r.INDICATOR === 'GDP')).toBe(true);
  });

  it('exports only what was recorded after updatedAfter, and superseded figures with includeHistory', async () => {
    const all = records((await csv('/v1/exports/observations.csv')).text);
    const none = records((await csv('/v1/exports/observations.csv?updatedAfter=2999-01-01T00:00:00Z')).text);
    expect(all.length).toBeGreaterThan(0);
    expect(none).toEqual([]);
    const report = handReport({ indicator: '导出更正' });
    const reported = await api()
      .post('/v1/figures')
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .send(report)
      .expect(201);
    const figureId = reported.body.figureId as string;
    await api()
      .post(`/v1/figures/${figureId}/corrections`)
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .send({
        correction: { period: '2022', value: '21.8', unit: '万户', comparator: 'eq', status: 'actual' },
        reason: 'typo in the first reading',
      })
      .expect(201);
    await eventually(async () => {
      const history = records(
        (await csv('/v1/exports/observations.csv?indicator=X-导出更正&includeHistory=true')).text,
      );
      expect(history.map((r) => [r.OBS_VALUE, r.ACTION]).sort()).toEqual([
        ['21.7', 'D'],
        ['21.8', 'I'],
      ]);
    });
    const current = records((await csv('/v1/exports/observations.csv?indicator=X-导出更正')).text);
    expect(current.map((r) => r.OBS_VALUE)).toEqual(['21.8']);
  });

  it('gives ALFRED-style vintages: long, wide and first releases', async () => {
    const long = await csv(`/v1/series/${GDP}/vintages.csv?shape=long`);
    expect(header(long.text)).toEqual(['period', 'realtime_start', 'realtime_end', 'value']);
    expect(decodeURIComponent(long.res.headers['x-unit'] as string)).toBe('亿元');
    const rows = records(long.text);
    const current = rows.filter((r) => r.realtime_end === '9999-12-31');
    expect(new Set(current.map((r) => r.period)).size).toBe(current.length);
    expect(current.find((r) => r.period === '2022')).toMatchObject({ value: '1265' });
    for (const r of rows) expect(r.realtime_start! <= r.realtime_end!).toBe(true);

    const wide = await csv(`/v1/series/${GDP}/vintages.csv?shape=wide`);
    const dates = header(wide.text)!.slice(1);
    expect(dates).toEqual([...new Set(rows.map((r) => r.realtime_start))].sort());
    const row2022 = records(wide.text).find((r) => r.period === '2022')!;
    expect(row2022[dates[dates.length - 1]!]).toBe('1265');

    const initial = records((await csv(`/v1/series/${GDP}/vintages.csv?shape=initial`)).text);
    expect(initial.map((r) => r.period)).toEqual([...new Set(rows.map((r) => r.period))]);
  });

  it('gives a region snapshot as CSV, as of a date', async () => {
    const { text } = await csv('/v1/regions/370112/snapshot.csv?asOf=2023-01-08');
    const gdp = records(text).find((r) => r.series_key === '370112:GDP:level:元' && r.period === '2022')!;
    expect(gdp).toMatchObject({ indicator_name: '地区生产总值', value: '1265', unit: '亿元', track: 'result' });
    expect(Number(gdp.sources)).toBeGreaterThanOrEqual(1);
  });

  it('gives the revisions of a series and its target attainment', async () => {
    const body = (
      await api()
        .get(`/v1/series/${encodeURIComponent('370112:GDP:growth:%')}/revisions`)
        .expect(200)
    ).body;
    expect(body.series.seriesKey).toBe('370112:GDP:growth:%');
    expect(body.observations.length).toBeGreaterThan(0);
    for (const o of body.observations) {
      expect(o.firstRelease.figureId).toEqual(expect.any(String));
      expect(o.latest.figureId).toEqual(expect.any(String));
      for (const r of o.revisions) expect(r.daysSincePrevious).toBeGreaterThanOrEqual(0);
    }
    for (const t of body.targets) expect([true, false, null]).toContain(t.attained);
    await api()
      .get(`/v1/series/${encodeURIComponent('370112:NOPE:level:元')}/revisions`)
      .expect(404);
  });

  it.each([
    ['/v1/exports/observations.csv?region=abc', 'query.region'],
    ['/v1/exports/observations.csv?asOf=2023-02-30', 'query.asOf'],
    ['/v1/exports/observations.csv?includeHistory=maybe', 'query.includeHistory'],
    ['/v1/exports/observations.csv?updatedAfter=yesterday', 'query.updatedAfter'],
    ['/v1/exports/observations.csv?colour=red', 'query'],
    [`/v1/series/${GDP}/vintages.csv?shape=tall`, 'query.shape'],
    [`/v1/series/${GDP}/revisions?asOf=2023-01-01`, 'query'],
    ['/v1/regions/37011/snapshot.csv', 'path.code'],
  ])('refuses %s naming %s', async (path, field) => {
    const res = await api().get(path).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('finds a series by the name it was reported under', async () => {
    const report = handReport({ indicator: '先写有效' });
    report.series.indicatorCode = 'X-valid-first';
    await api().post('/v1/figures').set('authorization', `Bearer ${WRITE_TOKEN}`).send(report).expect(201);
    for (const q of ['先写有效', 'valid']) {
      await eventually(async () => {
        const found = (await api().get('/v1/series').query({ q }).expect(200)).body.series;
        expect(found.map((s: { seriesKey: string }) => s.seriesKey)).toContain('370112:X-valid-first:count:户');
      });
    }
  });
});
