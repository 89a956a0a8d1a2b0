import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { bootFreshLedger, eventually, WRITE_TOKEN } from './testing/boot.ts';
import { handReport } from './testing/hand-report.ts';
import type { RunningLedger } from './start-ledger.ts';
import { ledgerStores } from './testing/ledger-stores.ts';

const stores = await ledgerStores('full-Unicode writes');

/** Any string: full Unicode including lone surrogates, NUL and other controls, and a few known troublemakers. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom(
    'a\u0000b',
    'n\u0000',
    'X-\ud800',
    '\udc00',
    '\ud83d\ude00',
    'a\u001bb',
    'tab\there',
    '\u2028',
    '\ufeff',
  ),
);

// A write must never harm the ledger: every answer is a 4xx or a 2xx, the chain still verifies, and the projector
// applies everything that was accepted.
describe.each(stores)('full-Unicode strings in every text field: %s', (_name, prepare) => {
  let ledger: RunningLedger;
  let cleanup = async () => {};
  const api = () => request(ledger.server);
  const post = (path: string, body: unknown) =>
    api()
      .post(path)
      .set('authorization', `Bearer ${WRITE_TOKEN}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));

  beforeAll(async () => {
    const prepared = await prepare();
    cleanup = prepared.cleanup;
    ledger = await bootFreshLedger({ ...prepared.env, LEDGER_RATE_LIMIT_PER_MINUTE: '1000000' });
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200), 60_000);
  });
  afterAll(async () => {
    await ledger?.close();
    await cleanup();
  });

  it('answers 2xx or 4xx to each write; /v1/verify stays ok and the projector catches up', async () => {
    const statuses = new Set<number>();
    let accepted = 0;
    // Each field is set in a third of the writes, so that many writes carry one or two odd strings and some pass.
    const maybe = fc.option(anyText, { nil: undefined, freq: 3 });
    const texts = fc.record({
      indicatorName: maybe,
      indicatorCode: maybe,
      unitBase: maybe,
      entityName: maybe,
      unit: maybe,
      numberAsWritten: maybe,
      note: maybe,
      reason: maybe,
    });
    await fc.assert(
      fc.asyncProperty(texts, fc.integer({ min: 0, max: 1e9 }), async (t, n) => {
        const report = handReport({ indicator: `fuzz${n}` });
        const series = {
          ...report.series,
          ...(t.indicatorName !== undefined && { indicatorName: t.indicatorName }),
          ...(t.indicatorCode !== undefined && { indicatorCode: t.indicatorCode }),
          ...(t.unitBase !== undefined && { unitBase: t.unitBase }),
          ...(t.entityName !== undefined && { subject: { type: 'entity', regionCode: '370112', name: t.entityName } }),
        };
        const body = {
          ...report,
          series,
          ...(t.unit !== undefined && { unit: t.unit }),
          ...(t.numberAsWritten !== undefined && { numberAsWritten: t.numberAsWritten }),
          ...(t.note !== undefined && { note: t.note }),
        };
        const res = await post('/v1/figures', body);
        statuses.add(res.status);
        expect([200, 201, 400, 404, 409, 422]).toContain(res.status);
        if (res.status === 201 && t.reason !== undefined) {
          const { figureId } = res.body;
          const retraction = await post(`/v1/figures/${figureId}/retractions`, { reason: `r ${t.reason}` });
          statuses.add(retraction.status);
          expect([201, 400, 404, 409, 422]).toContain(retraction.status);
        }
        if (res.status === 201) accepted++;
      }),
      { numRuns: 200 },
    );
    // Both sides were exercised: some strings were refused, some were stored.
    expect(accepted).toBeGreaterThan(5);
    expect([...statuses].some((s) => s >= 400)).toBe(true);
    expect((await api().get('/v1/verify').expect(200)).body).toMatchObject({ ok: true });
    const head = (await api().get('/v1/events?limit=1').expect(200)).body.head as number;
    await eventually(async () => {
      expect((await api().get('/readyz')).body).toEqual({ status: 'ready' });
      expect((await api().get('/metrics')).text).toMatch(/^ledger_projector_lag_events 0$/m);
    }, 30_000);
    expect((await api().get('/v1/events?limit=1').expect(200)).body.head).toBe(head);
  });
});
