import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import request from 'supertest';
import { bootFreshLedger, READ_TOKEN, WRITE_TOKEN } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';
import { ledgerStores } from './testing/ledger-stores.ts';

const stores = await ledgerStores('NUL in query and path');

const FIGURE = '/v1/figures/00000000-0000-8000-8000-000000000000';

describe.each(stores)('odd characters in query strings and paths: %s', (_name, prepare) => {
  let ledger: RunningLedger;
  let cleanup = async () => {};
  beforeAll(async () => {
    const prepared = await prepare();
    cleanup = prepared.cleanup;
    ledger = await bootFreshLedger({ ...prepared.env, LEDGER_INGEST_SEEDS: 'off' });
  });
  afterAll(async () => {
    await ledger?.close();
    await cleanup();
  });

  it.each([
    ['/v1/series?q=%00', 'query.q'],
    ['/v1/series?q=a%00b', 'query.q'],
    ['/v1/series?indicator=%00', 'query.indicator'],
    ['/v1/series?q=%1B', 'query.q'],
    ['/v1/series/370112%00:GDP:level:%E5%85%83/observations', 'path.seriesKey'],
    ['/v1/series/370112:GDP%00:level:%E5%85%83/vintages', 'path.seriesKey'],
    ['/v1/documents/doc%00', 'path.documentId'],
  ])('GET %s answers 400 naming %s', async (url, field) => {
    const res = await request(ledger.server).get(url);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('bearer tokens, metrics and If-Match', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);
  beforeAll(async () => {
    ledger = await bootFreshLedger({ LEDGER_INGEST_SEEDS: 'off', LEDGER_READ_ACCESS: 'token' });
  });
  afterAll(async () => ledger.close());

  it('answers 401 with WWW-Authenticate: Bearer', async () => {
    const missing = await api().get('/v1/series');
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const wrong = await api().get('/v1/series').set('authorization', 'Bearer not-a-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('accepts any run of spaces or tabs after the scheme, and any case of it', async () => {
    for (const header of [`Bearer  ${READ_TOKEN}`, `Bearer\t${READ_TOKEN}`, `bearer ${READ_TOKEN} `])
      expect((await api().get('/v1/series').set('authorization', header)).status).toBe(200);
    expect((await api().get('/v1/series').set('authorization', `Bearer${READ_TOKEN}`)).status).toBe(401);
  });

  it('keeps /metrics behind a read token when reads need one; /openapi.json and probes stay open', async () => {
    expect((await api().get('/metrics')).status).toBe(401);
    expect((await api().get('/metrics').set('authorization', `Bearer ${READ_TOKEN}`)).status).toBe(200);
    for (const path of ['/openapi.json', '/healthz', '/'])
      expect({ path, status: (await api().get(path)).status }).toEqual({ path, status: 200 });
  });

  it('answers an If-Match too large to be a revision with 400 naming header.If-Match', async () => {
    const res = await api()
      .post(`${FIGURE}/retractions`)
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .set('if-match', `"${'9'.repeat(400)}"`)
      .send({ reason: 'not a figure' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'header.If-Match', problem: 'is larger than any stream revision' }]);
  });
});
