import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import request from 'supertest';
import { matchesIfNoneMatch } from './conditional-get.ts';
import { handReport } from './testing/hand-report.ts';
import { bootFreshLedger, eventually, WRITE_TOKEN } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

const DOC = '001_08fd8d89df814088';
const OBSERVATIONS = `/v1/series/${encodeURIComponent('370112:GDP:level:元')}/observations?asOf=2023-06-30`;

describe('If-None-Match', () => {
  it('matches a listed strong tag or *, never a weak one or another tag', () => {
    expect(matchesIfNoneMatch('"p5"', '"p5"')).toBe(true);
    expect(matchesIfNoneMatch('"p4", "p5"', '"p5"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"p5"')).toBe(true);
    expect(matchesIfNoneMatch('W/"p5"', '"p5"')).toBe(false);
    expect(matchesIfNoneMatch('"p6"', '"p5"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"p5"')).toBe(false);
  });
});

describe('conditional GETs', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);

  beforeAll(async () => {
    ledger = await bootFreshLedger();
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200));
  });
  afterAll(async () => ledger.close());

  it('answers 304 while the read models are unchanged, and 200 with a new ETag after a write', async () => {
    const first = await api().get(OBSERVATIONS).expect(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"p\d+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await api().get(OBSERVATIONS).set('if-none-match', tag);
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(tag);
    // Served again without querying: the same bytes.
    expect((await api().get(OBSERVATIONS).expect(200)).text).toBe(first.text);

    await request(ledger.server)
      .post('/v1/figures')
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .send(handReport({ indicator: '条件请求指标' }))
      .expect(201);
    const after = await eventually(async () => {
      const res = await api().get(OBSERVATIONS).set('if-none-match', tag);
      expect(res.status).toBe(200);
      return res;
    });
    expect(after.headers.etag).not.toBe(tag);
    expect(after.body).toEqual(first.body);
  });

  it('tags every read-model GET', async () => {
    for (const path of [
      '/v1/documents',
      `/v1/documents/${DOC}`,
      '/v1/series?region=370112',
      `/v1/series/${encodeURIComponent('370112:GDP:level:元')}/vintages`,
      '/v1/regions/370112/snapshot',
      '/v1/regions/370112/snapshot?limit=2',
      `/v1/documents/${DOC}/figures?limit=5`,
      `/v1/documents/${DOC}/spans`,
      '/v1/conflicts',
    ]) {
      const tag = (await api().get(path).expect(200)).headers.etag as string;
      expect(tag).toMatch(/^"p\d+"$/);
      expect((await api().get(path).set('if-none-match', tag)).status).toBe(304);
    }
  });

  it('lets any cache keep a document text for good, tagged by its sha256', async () => {
    const res = await api().get(`/v1/documents/${DOC}/text`).expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const { sha256 } = (await api().get(`/v1/documents/${DOC}`).expect(200)).body;
    expect(res.headers.etag).toBe(`"${sha256}"`);
    expect((await api().get(`/v1/documents/${DOC}/text`).set('if-none-match', `"${sha256}"`)).status).toBe(304);
    expect((await api().get('/v1/documents/nope/text')).status).toBe(404);
  });
});
