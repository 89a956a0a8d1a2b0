import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { bootFreshLedger, eventually, WRITE_TOKEN } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

// Thousands of malformed requests: the API must answer each with a 4xx problem (or a 2xx read), never a 5xx,
// and must not store anything.
describe('API fuzzing', () => {
  let ledger: RunningLedger;
  let head: number;
  const api = () => request(ledger.server);
  const eventCount = async () => (await api().get('/v1/events?limit=1').expect(200)).body.head as number;
  const no5xx = (res: request.Response) => {
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  };

  beforeAll(async () => {
    ledger = await bootFreshLedger({ LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' });
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200));
    head = await eventCount();
  });
  afterAll(async () => ledger.close());

  const writePaths = [
    '/v1/figures',
    '/v1/documents',
    '/v1/figures/00000000-0000-8000-8000-000000000000/corrections',
    '/v1/figures/00000000-0000-8000-8000-000000000000/retractions',
  ];

  it('never answers a malformed body with a 5xx, and stores nothing', async () => {
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          series: fc.anything(),
          value: fc.oneof(fc.string(), fc.double(), fc.constant('1e3')),
          citations: fc.array(fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(
        fc.constantFrom('document', 'text', 'correction', 'reason', 'expectedRevision', '__proto__', 'constructor'),
        fc.anything(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writePaths), bodies, async (path, body) => {
        no5xx(
          await api()
            .post(path)
            .set('authorization', `Bearer ${WRITE_TOKEN}`)
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? 'null'),
        );
      }),
      { numRuns: 1200 },
    );
    expect(await eventCount()).toBe(head);
  });

  it('never answers a malformed path or query string with a 5xx', async () => {
    const segment = fc.oneof(
      fc.string(),
      fc.constantFrom('370112:GDP:level:元', '..', '%', '%E0%A4%A', '370112', '00000000-0000-8000-8000-000000000000'),
    );
    const templates = [
      '/v1/series/{}/observations',
      '/v1/series/{}/vintages',
      '/v1/regions/{}/snapshot',
      '/v1/figures/{}',
      '/v1/documents/{}',
      '/v1/{}',
      '/{}',
    ];
    const query = fc.dictionary(
      fc.constantFrom(
        'asOf',
        'recordedAt',
        'recordedAtPosition',
        'from',
        'limit',
        'offset',
        'region',
        'indicator',
        'q',
        'text',
        'x',
      ),
      fc.oneof(fc.string(), fc.integer().map(String), fc.constant('2023-02-30')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...templates), segment, query, async (template, value, params) => {
        const path = template.replace('{}', value.includes('%') ? value : encodeURIComponent(value));
        const qs = new URLSearchParams(params).toString();
        no5xx(await api().get(`${path}${qs ? `?${qs}` : ''}`));
      }),
      { numRuns: 1500 },
    );
    expect(await eventCount()).toBe(head);
  });

  it('answers over the rate limit with 429', async () => {
    const limited = await bootFreshLedger({ LEDGER_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await request(limited.server).get('/healthz')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
