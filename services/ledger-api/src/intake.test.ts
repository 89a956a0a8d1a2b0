import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import request from 'supertest';
import { SAMPLE_REPORT } from '@ledger/intake/testing';
import { bootFreshLedger, eventually } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

const TOKEN = 'intake-test-secret';

describe('document intake through the API', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);
  const post = (path: string, type: string, body: string | Buffer) =>
    api().post(path).set('authorization', `Bearer ${TOKEN}`).set('content-type', type).send(body);
  const head = async () => (await api().get('/v1/events?from=1&limit=1').expect(200)).body.head as number;

  beforeAll(async () => {
    ledger = await bootFreshLedger({ LEDGER_INGEST_SEEDS: 'off', LEDGER_API_TOKENS: `analyst1=${TOKEN}:write` });
  });
  afterAll(async () => ledger.close());

  it('registers and extracts a raw text file in one call; the same bytes again append nothing', async () => {
    const first = await post('/v1/documents?region=南山区&published=2025', 'text/plain; charset=utf-8', SAMPLE_REPORT)
      .set('x-request-id', 'intake-req-1')
      .expect(201);
    expect(first.body).toMatchObject({
      registered: true,
      figures: expect.any(Number),
      links: { document: `/v1/documents/${first.body.documentId}`, series: '/v1/series?region=440305' },
    });
    expect(first.body.figures).toBeGreaterThanOrEqual(6);
    expect(first.body.appendedEvents).toBe(first.body.figures + 1);
    const before = await head();
    const again = await post('/v1/documents?region=南山区&published=2025', 'text/plain; charset=utf-8', SAMPLE_REPORT);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ registered: false, appendedEvents: 0 });
    expect(await head()).toBe(before);

    const series = await eventually(async () => {
      const found = (await api().get('/v1/series?region=440305').expect(200)).body.series;
      expect(found.length).toBeGreaterThanOrEqual(3);
      return found as Array<{ seriesKey: string }>;
    });
    const observations = (await api().get(`/v1/series/${encodeURIComponent(series[0]!.seriesKey)}/observations`)).body
      .observations;
    const figure = (await api().get(`/v1/figures/${observations[0].best.figureId}`).expect(200)).body;
    expect(figure.audit[0]).toMatchObject({
      recordedBy: expect.stringMatching(/^extractor@/),
      correlationId: 'intake-req-1',
      causationId: expect.any(String),
    });
    const registration = (await api().get('/v1/events?from=1&limit=1').expect(200)).body.events[0];
    expect(registration.metadata).toEqual({ recordedBy: 'token:analyst1', correlationId: 'intake-req-1' });
  });

  it('reads an HTML page, infers what the query does not give, and registers only with extract=false', async () => {
    const page = `<html><head><meta charset="utf-8"><title>x</title></head><body>${SAMPLE_REPORT.split('\n')
      .map((line) => `<p>${line}</p>`)
      .join('')}<p>页面发布于本站。</p></body></html>`;
    const res = await post('/v1/documents?extract=false', 'text/html', page).expect(201);
    expect(res.body).toMatchObject({ registered: true, figures: 0, appendedEvents: 1 });
    expect(res.body.inferred).toMatchObject({
      published: '2025-01-08',
      kind: 'work-report',
      region: expect.stringContaining('440305'),
    });
    const document = (await api().get(`/v1/documents/${res.body.documentId}?text=1`).expect(200)).body;
    expect(document.text.startsWith('南山区2025年政府工作报告\n')).toBe(true);
  });

  it('refuses bad input with a problem naming the field, and appends nothing', async () => {
    const before = await head();
    const cases: Array<[string, string, string | Buffer, string]> = [
      [
        '/v1/documents?region=440305&published=2025',
        'text/plain; charset=utf-8',
        Buffer.from([0xe5, 0x9c, 0x41]),
        'body',
      ],
      ['/v1/documents?region=440305&published=2025', 'text/plain', ' \n \n', 'body'],
      ['/v1/documents?region=火星区&published=2025', 'text/plain', SAMPLE_REPORT, 'query.region'],
      ['/v1/documents?region=440305&published=2025-02-30', 'text/plain', SAMPLE_REPORT, 'query.published'],
      [
        '/v1/documents?region=440305&published=2025',
        'text/plain; charset=klingon',
        SAMPLE_REPORT,
        'header.Content-Type',
      ],
      ['/v1/documents?region=鼓楼区', 'text/plain', '鼓楼区政府工作报告\n增长5%。\n', 'query.region'],
      ['/v1/documents?colour=red', 'text/plain', SAMPLE_REPORT, 'query'],
    ];
    for (const [path, type, body, field] of cases) {
      const res = await post(path, type, body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await post('/v1/documents', 'application/pdf', 'x')).status).toBe(415);
    expect(await head()).toBe(before);
  });

  it('re-extracts a registered document: with the same extractor nothing is appended', async () => {
    const { documentId } = (await post('/v1/documents?region=440305&published=2025', 'text/plain', SAMPLE_REPORT)).body;
    const res = await api()
      .post(`/v1/documents/${documentId}/reextractions`)
      .set('authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(res.body).toMatchObject({ documentId, reported: 0, corrected: 0, retracted: 0, appendedEvents: 0 });
    const missing = await api().post('/v1/documents/doc-missing/reextractions').set('authorization', `Bearer ${TOKEN}`);
    expect(missing.status).toBe(404);
  });
});

describe('region search', () => {
  let ledger: RunningLedger;
  beforeAll(async () => {
    ledger = await bootFreshLedger({ LEDGER_INGEST_SEEDS: 'off' });
  });
  afterAll(async () => ledger.close());

  it('finds divisions by name or code, with their parent chain; no q is a problem naming it', async () => {
    const byName = (await request(ledger.server).get('/v1/regions').query({ q: '南山区' }).expect(200)).body.regions;
    expect(byName).toContainEqual(
      expect.objectContaining({
        code: '440305',
        level: 'county',
        chain: [
          { code: '440000', name: '广东省', level: 'province' },
          { code: '440300', name: '深圳市', level: 'prefecture' },
          { code: '440305', name: '南山区', level: 'county' },
        ],
      }),
    );
    expect((await request(ledger.server).get('/v1/regions?q=370112').expect(200)).body.regions[0].name).toBe('历城区');
    const missing = await request(ledger.server).get('/v1/regions').expect(400);
    expect(missing.body.errors[0].field).toBe('query.q');
  });
});
