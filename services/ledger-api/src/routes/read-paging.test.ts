import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { handReport } from '../testing/hand-report.ts';
import { bootFreshLedger, eventually, WRITE_TOKEN } from '../testing/boot.ts';
import type { RunningLedger } from '../start-ledger.ts';

const DOC = '001_08fd8d89df814088';
const EXTRA = 7;

interface Page<T> {
  total: number;
  limit: number;
  next: string | null;
  items: T[];
}
type Observation = { seriesKey: string; period: string; track: string; best: { figureId: string } };
type Figure = {
  figureId: string;
  position: number;
  citations: Array<{ documentId: string; charStart: number; charEnd: number }>;
};

describe('paged reads: a region snapshot and the figures of a document', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);

  /** Follows `next` from `first` to the last page, checking each page's size, total and limit on the way. */
  async function allPages<T>(first: string, itemsOf: (body: Record<string, unknown>) => T[]): Promise<Array<Page<T>>> {
    const pages: Array<Page<T>> = [];
    for (let path: string | null = first; path !== null;) {
      const body = (await api().get(path).expect(200)).body as Record<string, unknown>;
      const page = {
        total: body.total as number,
        limit: body.limit as number,
        next: body.next as string | null,
        items: itemsOf(body),
      };
      expect(page.items.length).toBeLessThanOrEqual(page.limit);
      if (page.next !== null) expect(page.items).toHaveLength(page.limit);
      pages.push(page);
      path = page.next;
      expect(pages.length).toBeLessThan(1000);
    }
    return pages;
  }

  beforeAll(async () => {
    ledger = await bootFreshLedger();
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200), 60_000);
    // Figures of series of their own in 历城区, each citing seed 001: more observations and more figures to page.
    for (let i = 0; i < EXTRA; i++)
      await api()
        .post('/v1/figures')
        .set('authorization', `Bearer ${WRITE_TOKEN}`)
        .send(handReport({ indicator: `分页核对指标${i}` }))
        .expect(201);
    await eventually(async () =>
      expect(
        (await api().get(`/v1/series?q=${encodeURIComponent(`分页核对指标${EXTRA - 1}`)}`)).body.series,
      ).toHaveLength(1),
    );
  }, 120_000);
  afterAll(async () => ledger.close());

  it('pages a region snapshot by cursor: every observation once, in key order, as many as total says', async () => {
    const whole = await api().get('/v1/regions/370112/snapshot?limit=1000').expect(200);
    expect(whole.body.next).toBeNull();
    const everything = whole.body.observations as Observation[];
    expect(whole.body.total).toBe(everything.length);
    expect(everything.length).toBeGreaterThan(EXTRA);

    const pages = await allPages<Observation>(
      '/v1/regions/370112/snapshot?limit=4',
      (b) => b.observations as Observation[],
    );
    expect(pages.length).toBe(Math.ceil(everything.length / 4));
    expect(pages.flatMap((p) => p.items)).toEqual(everything);
    for (const p of pages) expect(p.total).toBe(everything.length);
    // The last page says so; an opaque cursor, not an offset.
    expect(pages.at(-1)!.next).toBeNull();
    expect(pages[0]!.next).toMatch(/^\/v1\/regions\/370112\/snapshot\?limit=4&cursor=[\w-]+$/);

    // Each page names the series of its observations, each once.
    const body = (await api().get('/v1/regions/370112/snapshot?limit=4').expect(200)).body;
    const named = (body.series as Array<{ seriesKey: string; indicatorName: string }>).map((s) => s.seriesKey);
    expect(named.sort()).toEqual([...new Set((body.observations as Observation[]).map((o) => o.seriesKey))].sort());
  });

  it('keeps the point in time on every page, and the whole snapshot stays in snapshot.csv', async () => {
    const asOf = '2023-01-08';
    const whole = (await api().get(`/v1/regions/370112/snapshot?asOf=${asOf}&limit=1000`).expect(200)).body;
    const pages = await allPages<Observation>(
      `/v1/regions/370112/snapshot?asOf=${asOf}&limit=3`,
      (b) => b.observations as Observation[],
    );
    for (const p of pages.slice(0, -1)) expect(p.next).toContain(`asOf=${asOf}`);
    expect(pages.flatMap((p) => p.items)).toEqual(whole.observations);
    // Hand-reported figures are published with seed 001 (2023-01-07): they count as of 2023-01-08 too.
    expect(whole.total).toBeGreaterThan(EXTRA);

    const csv = await api()
      .get(`/v1/regions/370112/snapshot.csv?asOf=${asOf}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    const rows = parse((csv.body as string).slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => `${r.series_key}|${r.period}|${r.track}|${r.figure_id}`)).toEqual(
      (whole.observations as Observation[]).map((o) => `${o.seriesKey}|${o.period}|${o.track}|${o.best.figureId}`),
    );
    expect(rows.find((r) => r.indicator_name === `分页核对指标0`)).toBeDefined();
  });

  it('defaults to 100 per page and takes at most 1000', async () => {
    const body = (await api().get('/v1/regions/370112/snapshot').expect(200)).body;
    expect(body.limit).toBe(100);
    expect(body.observations.length).toBe(Math.min(100, body.total));
    const figures = (await api().get(`/v1/documents/${DOC}/figures`).expect(200)).body;
    expect(figures.limit).toBe(100);
  });

  it('pages the figures of a document in record order, as many as its figure count', async () => {
    const { figureCount } = (await api().get(`/v1/documents/${DOC}`).expect(200)).body as { figureCount: number };
    const pages = await allPages<Figure>(`/v1/documents/${DOC}/figures?limit=7`, (b) => b.figures as Figure[]);
    const figures = pages.flatMap((p) => p.items);
    expect(figures).toHaveLength(figureCount);
    for (const p of pages) expect(p.total).toBe(figureCount);
    const positions = figures.map((f) => f.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(figures.map((f) => f.figureId)).size).toBe(figureCount);
    expect(pages.length).toBe(Math.ceil(figureCount / 7));
  });

  it('gives every cited span of a document once, with its first figure and how many cite it', async () => {
    const figures = (await api().get(`/v1/documents/${DOC}/figures?limit=1000`).expect(200)).body.figures as Figure[];
    const { spans } = (await api().get(`/v1/documents/${DOC}/spans`).expect(200)).body as {
      spans: Array<{
        charStart: number;
        charEnd: number;
        figureCount: number;
        first: { figureId: string; position: number };
      }>;
    };
    const expected = new Map<string, Figure[]>();
    for (const f of figures)
      for (const key of new Set(
        f.citations.filter((c) => c.documentId === DOC).map((c) => `${c.charStart}:${c.charEnd}`),
      ))
        expected.set(key, [...(expected.get(key) ?? []), f]);
    expect(spans.map((s) => `${s.charStart}:${s.charEnd}`).sort()).toEqual([...expected.keys()].sort());
    for (const s of spans) {
      const citing = expected.get(`${s.charStart}:${s.charEnd}`)!;
      expect(s.figureCount).toBe(citing.length);
      expect(s.first.figureId).toBe(citing[0]!.figureId);
    }
    // The hand reports all cite one quote: one span, counted once per figure.
    expect(Math.max(...spans.map((s) => s.figureCount))).toBeGreaterThanOrEqual(EXTRA);
    // In the record order of their first figures.
    const firsts = spans.map((s) => s.first.position);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });

  it.each([
    ['/v1/regions/370112/snapshot?limit=0', 'query.limit'],
    ['/v1/regions/370112/snapshot?limit=1001', 'query.limit'],
    ['/v1/regions/370112/snapshot?limit=ten', 'query.limit'],
    ['/v1/regions/370112/snapshot?cursor=not%20a%20cursor', 'query.cursor'],
    // Well-formed base64url of JSON, but a document's cursor (a position), not an observation's key.
    [`/v1/regions/370112/snapshot?cursor=${Buffer.from('[12]').toString('base64url')}`, 'query.cursor'],
    ['/v1/regions/370112/snapshot?offset=5', 'query'],
    [`/v1/documents/${DOC}/figures?limit=1001`, 'query.limit'],
    [
      `/v1/documents/${DOC}/figures?cursor=${Buffer.from('["370112:GDP:level:元","2022","result"]').toString('base64url')}`,
      'query.cursor',
    ],
    [`/v1/documents/${DOC}/figures?cursor=${Buffer.from('[-1]').toString('base64url')}`, 'query.cursor'],
    [`/v1/documents/${DOC}/figures?cursor=%%%`, 'query.cursor'],
    [`/v1/documents/${DOC}/spans?limit=5`, 'query'],
  ])('answers %s with 400 problem+json naming %s', async (path, field) => {
    const res = await api().get(path);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
  });

  it('answers 404 for a document it does not hold', async () => {
    expect((await api().get('/v1/documents/999_0000000000000000/figures')).status).toBe(404);
    expect((await api().get('/v1/documents/999_0000000000000000/spans')).status).toBe(404);
  });
});
