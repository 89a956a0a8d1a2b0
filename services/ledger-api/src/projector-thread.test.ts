import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import request from 'supertest';
import { bootFreshLedger, eventually, WRITE_TOKEN } from './testing/boot.ts';
import { handReport } from './testing/hand-report.ts';
import type { RunningLedger } from './start-ledger.ts';

describe('the embedded projector on its own thread', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);
  const write = (path: string) => api().post(path).set('authorization', `Bearer ${WRITE_TOKEN}`);
  beforeAll(async () => {
    ledger = await bootFreshLedger();
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200), 30_000);
  }, 60_000);
  afterAll(async () => ledger?.close());

  it('answers a write once the read models show it: a read right after finds it', async () => {
    for (let i = 0; i < 20; i++) {
      const reported = await write('/v1/figures').send(handReport({ indicator: `线程核对指标${i}` }));
      expect(reported.status).toBe(201);
      expect((await api().get(`/v1/figures/${reported.body.figureId}`)).status).toBe(200);
    }
    const batch = await write('/v1/figures:batch').send({
      figures: Array.from({ length: 50 }, (_, i) => handReport({ indicator: `线程批量指标${i}` })),
    });
    expect(batch.status).toBe(201);
    const figureIds: string[] = batch.body.figures.map((f: { figureId: string }) => f.figureId);
    for (const figureId of figureIds) expect((await api().get(`/v1/figures/${figureId}`)).status).toBe(200);
  });
});
