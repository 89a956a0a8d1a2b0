import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { handReport } from './testing/hand-report.ts';
import { bootFreshLedger, eventually, READ_TOKEN, SEEDS_DIR, WRITE_TOKEN } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

const DOC = '001_08fd8d89df814088';
const raw = readFileSync(join(SEEDS_DIR, `${DOC}.txt`), 'utf8');
const manifest = JSON.parse(readFileSync(join(SEEDS_DIR, 'manifest.json'), 'utf8'));

describe('ledger API', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);
  const write = (path: string) => api().post(path).set('authorization', `Bearer ${WRITE_TOKEN}`);
  const head = async () => (await api().get('/v1/events?from=1&limit=1').expect(200)).body.head as number;

  beforeAll(async () => {
    ledger = await bootFreshLedger();
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200));
  });
  afterAll(async () => ledger.close());

  describe('system endpoints', () => {
    it('reports health, readiness, metrics and the OpenAPI description', async () => {
      expect((await api().get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
      expect((await api().get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
      const metrics = await api().get('/metrics').expect(200);
      expect(metrics.text).toContain('ledger_http_requests_total');
      expect(metrics.text).toMatch(/ledger_projector_lag_events \d+/);
      const openapi = (await api().get('/openapi.json').expect(200)).body;
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining([
          '/v1/figures',
          '/v1/figures:batch',
          '/v1/series/{seriesKey}/observations',
          '/v1/events',
        ]),
      );
      expect(
        openapi.paths['/v1/figures'].post.requestBody.content['application/json'].schema.properties.value,
      ).toBeDefined();
      expect((await api().get('/api').expect(200)).text).toContain('/openapi.json');
    });

    it('verifies the hash chain', async () => {
      expect((await api().get('/v1/verify').expect(200)).body).toMatchObject({ ok: true });
    });

    it('sets security headers and a request id', async () => {
      const res = await api().get('/healthz').set('x-request-id', 'abc-123');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-request-id']).toBe('abc-123');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('documents', () => {
    it('lists documents and returns one with its raw text on request', async () => {
      const list = (await api().get('/v1/documents').expect(200)).body.documents;
      expect(list).toHaveLength(5);
      const one = (await api().get(`/v1/documents/${DOC}`).expect(200)).body;
      expect(one).toMatchObject({ documentId: DOC, published: '2023-01-07', availableFrom: '2023-01-07' });
      expect(one.text).toBeUndefined();
      expect((await api().get(`/v1/documents/${DOC}?text=1`).expect(200)).body.text).toBe(raw);
      await api()
        .get('/v1/documents/nope')
        .expect(404)
        .expect('content-type', /problem\+json/);
    });

    it('registers a new document, once', async () => {
      const text = '某区政府工作报告\n完成一般公共预算收入 10 亿元。\n';
      const { createHash } = await import('node:crypto');
      const document = {
        ...manifest.documents[0],
        documentId: 'posted-1',
        fileName: 'posted-1.txt',
        sha256: createHash('sha256').update(text).digest('hex'),
      };
      const appendedSoFar = async () =>
        Number(/^ledger_appended_events_total (\d+)$/m.exec((await api().get('/metrics')).text)![1]);
      const before = await appendedSoFar();
      expect((await write('/v1/documents?extract=false').send({ document, text })).status).toBe(201);
      expect((await write('/v1/documents?extract=false').send({ document, text })).status).toBe(200);
      expect(await appendedSoFar()).toBe(before + 1);
      const bad = await write('/v1/documents').send({
        document: { ...document, documentId: 'posted-2' },
        text: `${text}!`,
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('document.sha256');
    });
  });

  describe('series and point-in-time queries', () => {
    it('searches series by region, indicator code and Chinese synonyms', async () => {
      const byCode = (await api().get('/v1/series?region=370112&indicator=GDP').expect(200)).body.series;
      expect(byCode.map((s: { seriesKey: string }) => s.seriesKey)).toContain('370112:GDP:level:元');
      const bySynonym = (await api().get('/v1/series').query({ q: '经济总量', region: '370112' }).expect(200)).body
        .series;
      expect(bySynonym.map((s: { indicatorCode: string }) => s.indicatorCode)).toContain('GDP');
      expect(
        (await api().get('/v1/series?region=370113&indicator=GDP').expect(200)).body.series.every(
          (s: { seriesKey: string }) => s.seriesKey.startsWith('370113'),
        ),
      ).toBe(true);
    });

    it('returns vintages with publication intervals', async () => {
      const vintages = (
        await api()
          .get(`/v1/series/${encodeURIComponent('370112:GDP:level:元')}/vintages`)
          .expect(200)
      ).body.vintages;
      expect(vintages.length).toBeGreaterThan(0);
      for (const v of vintages)
        expect(v).toEqual(expect.objectContaining({ publishedFrom: expect.any(String), position: expect.any(Number) }));
    });

    it('answers as recorded at a position', async () => {
      const key = encodeURIComponent('370112:GDP:level:元');
      const res = await api().get(`/v1/series/${key}/observations?recordedAtPosition=1`).expect(200);
      expect(res.body.observations).toEqual([]);
    });

    it('lists conflicts', async () => {
      const res = await api().get('/v1/conflicts?limit=5').expect(200);
      expect(Array.isArray(res.body.conflicts)).toBe(true);
    });
  });

  describe('writes', () => {
    it('needs a bearer token with the write scope', async () => {
      const noToken = await api().post('/v1/figures').send(handReport());
      expect(noToken.status).toBe(401);
      expect(noToken.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(
        (await api().post('/v1/figures').set('authorization', `Bearer ${READ_TOKEN}`).send(handReport())).status,
      ).toBe(403);
      expect((await api().post('/v1/figures').set('authorization', 'Bearer wrong').send(handReport())).status).toBe(
        401,
      );
      // The token is checked before the body is read: broken or unsupported bodies without one are still 401.
      expect((await api().post('/v1/figures').set('content-type', 'application/json').send('{"broken')).status).toBe(
        401,
      );
      expect((await api().post('/v1/documents').set('content-type', 'text/plain').send('hello')).status).toBe(401);
    });

    it('requires a token for reads too when configured, and a write token can read', async () => {
      const closed = await bootFreshLedger({ LEDGER_READ_ACCESS: 'token' });
      try {
        const get = (path: string, token?: string) => {
          const req = request(closed.server).get(path);
          return (token ? req.set('authorization', `Bearer ${token}`) : req).then((res) => res.status);
        };
        expect(await get('/v1/series')).toBe(401);
        expect(await get('/v1/series', 'wrong')).toBe(401);
        expect(await get('/v1/series', READ_TOKEN)).toBe(200);
        expect(await get('/v1/series', WRITE_TOKEN)).toBe(200);
        expect(await get('/healthz')).toBe(200);
      } finally {
        await closed.close();
      }
    });

    it('reports, corrects and retracts a figure, with optimistic concurrency and an audit trail', async () => {
      const reported = await write('/v1/figures').send(handReport());
      expect(reported.status).toBe(201);
      const { figureId } = reported.body;
      expect(reported.headers.etag).toBe('"0"');
      expect((await write('/v1/figures').send(handReport())).status).toBe(200);
      await eventually(async () => expect((await api().get(`/v1/figures/${figureId}`)).status).toBe(200));

      const correction = {
        correction: { period: '2022', value: '21.8', unit: '万户', comparator: 'eq', status: 'actual' },
        reason: 'checked against the register',
      };
      const stale = await write(`/v1/figures/${figureId}/corrections`).set('if-match', '"7"').send(correction);
      expect(stale.status).toBe(409);
      const corrected = await write(`/v1/figures/${figureId}/corrections`).set('if-match', '"0"').send(correction);
      expect(corrected.status).toBe(201);
      const correctedId =
        corrected.body.appended.length &&
        (await eventually(async () => {
          const figure = (await api().get(`/v1/figures/${figureId}`).expect(200)).body;
          expect(figure.figure.standing).toBe('superseded');
          return figure.figure.supersededBy as string;
        }));
      const current = (
        await api()
          .get(`/v1/series/${encodeURIComponent('370112:X-手工核对指标:count:户')}/observations`)
          .expect(200)
      ).body.observations;
      expect(current[0].best.value).toBe('21.8');

      const retracted = await write(`/v1/figures/${correctedId}/retractions`).send({
        reason: 'duplicate of the market-entity count',
      });
      expect(retracted.status).toBe(201);
      await eventually(async () => {
        const figure = (await api().get(`/v1/figures/${correctedId}`).expect(200)).body;
        expect(figure.figure.standing).toBe('retracted');
        expect(figure.audit.map((a: { type: string }) => a.type)).toEqual(['FigureCorrected', 'FigureRetracted']);
        for (const entry of figure.audit) expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
        // The boot token is in the older secret:scope form, so it is named by a short hash of its secret.
        const tokenName = createHash('sha256').update(WRITE_TOKEN).digest('hex').slice(0, 8);
        for (const entry of figure.audit)
          expect(entry).toMatchObject({ recordedBy: `token:${tokenName}`, correlationId: expect.any(String) });
      });
    });

    it('shows who recorded a figure: the extractor, by version, for a seed figure', async () => {
      const seedFigure = (await api().get('/v1/series?region=370112&limit=1').expect(200)).body;
      const key = seedFigure.series[0].seriesKey as string;
      const observations = (
        await api()
          .get(`/v1/series/${encodeURIComponent(key)}/observations`)
          .expect(200)
      ).body;
      const figureId = observations.observations[0].best.figureId as string;
      const figure = (await api().get(`/v1/figures/${figureId}`).expect(200)).body;
      expect(figure.audit[0]).toMatchObject({
        type: 'FigureReported',
        recordedBy: expect.stringMatching(/^extractor@\d+\.\d+\.\d+/),
        causationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    });

    it('rejects bad input with a problem naming the field, and stores nothing', async () => {
      const before = await head();
      const cases: Array<[request.Test, number, string]> = [
        [write('/v1/figures').send({ ...handReport(), value: '1e3' }), 400, 'body.value'],
        [write('/v1/figures').send({ ...handReport(), period: '22' }), 400, 'body.period'],
        [write('/v1/figures').send({ ...handReport(), extra: 1 }), 400, 'body'],
        [
          write('/v1/figures').send({
            ...handReport(),
            citations: [{ ...handReport().citations[0], quote: '21.8 万户' }],
          }),
          422,
          'report.citations.0.quote',
        ],
        [write('/v1/figures').send(handReport({ value: '21.9' })), 409, 'report'],
        [write('/v1/figures').set('content-type', 'application/json').send('{"broken'), 400, 'body'],
        [write('/v1/figures').set('content-type', 'text/plain').send('hello'), 415, 'header.Content-Type'],
        [write('/v1/figures/not-a-uuid/retractions').send({ reason: 'because' }), 400, 'path.figureId'],
        [api().get('/v1/series/370112:GDP:level:元/observations?asOf=2023-13-01'), 400, 'query.asOf'],
        [api().get('/v1/regions/370112/snapshot?asOf=2023-02-30'), 400, 'query.asOf'],
        [
          api().get('/v1/series/370112:GDP:level:元/observations?recordedAt=2023-02-30T00:00:00Z'),
          400,
          'query.recordedAt',
        ],
        [api().get('/v1/series/bad-key/observations'), 400, 'path.seriesKey'],
        [api().get('/v1/events?from=-1'), 400, 'query.from'],
        [api().get('/v1/series?limit=0'), 400, 'query.limit'],
      ];
      for (const [req, status, field] of cases) {
        const res = await req;
        expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
          status,
          type: expect.stringMatching(/application\/problem\+json/),
        });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
      }
      expect(await head()).toBe(before);
    });

    it('has no PUT, PATCH or DELETE, and answers unknown routes with 404', async () => {
      for (const method of ['put', 'patch', 'delete'] as const) {
        const client = api();
        const res = await client[method]('/v1/figures/00000000-0000-8000-8000-000000000000').set(
          'authorization',
          `Bearer ${WRITE_TOKEN}`,
        );
        expect(res.status).toBe(404);
      }
      expect((await api().get('/v1/nothing-here').expect(404)).body.title).toBe('Not Found');
    });

    it('limits the body size', async () => {
      const small = await bootFreshLedger({ LEDGER_BODY_LIMIT_BYTES: '2048' });
      try {
        const res = await request(small.server)
          .post('/v1/figures')
          .set('authorization', `Bearer ${WRITE_TOKEN}`)
          .send({ ...handReport(), note: 'x'.repeat(5000) });
        expect(res.status).toBe(413);
      } finally {
        await small.close();
      }
    });
  });

  describe('change feed', () => {
    it('pages events from a position', async () => {
      const page = (await api().get('/v1/events?from=1&limit=3').expect(200)).body;
      expect(page.events.map((e: { position: number }) => e.position)).toEqual([1, 2, 3]);
      expect(page.next).toBe(4);
      expect(page.events[0].type).toBe('DocumentRegistered');
    });

    it('streams live Server-Sent Events, resuming after Last-Event-ID', async () => {
      const last = await head();
      const received: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          {
            port: ledger.port,
            path: '/v1/events',
            headers: { accept: 'text/event-stream', 'last-event-id': String(last - 2) },
          },
          (res) => {
            expect(res.headers['content-type']).toMatch(/text\/event-stream/);
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              received.push(...[...chunk.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]!));
              if (received.length >= 3) {
                req.destroy();
                resolve();
              }
            });
          },
        );
        req.on('error', reject);
        req.end();
        // The third event arrives live, after the stream has caught up.
        setTimeout(
          () =>
            void write('/v1/figures')
              .send(
                handReport({
                  quote: '126 亿元',
                  value: '126',
                  unit: '亿元',
                  unitBase: '元',
                  indicator: '实时推送核对',
                }),
              )
              .then(() => {}, reject),
          200,
        );
      });
      expect(received.map(Number)).toEqual([last - 1, last, last + 1]);
    });
  });
});
