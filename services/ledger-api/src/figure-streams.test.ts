import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { handReport } from './testing/hand-report.ts';
import { bootFreshLedger, WRITE_TOKEN } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

describe('corrections and retractions before the projector has run', () => {
  let ledger: RunningLedger;
  const write = (path: string) => request(ledger.server).post(path).set('authorization', `Bearer ${WRITE_TOKEN}`);

  // No projector at all: the read models never learn of the report, so only the event store can place the figure.
  beforeAll(async () => {
    ledger = await bootFreshLedger({ LEDGER_PROJECTOR: 'off' });
  });
  afterAll(async () => ledger.close());

  it('accepts a correction right after the report, then a retraction of the correction', async () => {
    const reported = await write('/v1/figures')
      .send(handReport({ indicator: '未投影指标' }))
      .expect(201);
    expect((await request(ledger.server).get(`/v1/figures/${reported.body.figureId}`)).status).toBe(404);
    const corrected = await write(`/v1/figures/${reported.body.figureId}/corrections`)
      .set('if-match', '"0"')
      .send({
        correction: { period: '2022', value: '21.8', unit: '万户', comparator: 'eq', status: 'actual' },
        reason: 'checked against the register',
      })
      .expect(201);
    expect(corrected.body.appended).toHaveLength(1);
    const events = (await request(ledger.server).get(`/v1/events?from=${corrected.body.position}&limit=1`).expect(200))
      .body.events;
    const newFigureId = events[0].data.figureId as string;
    await write(`/v1/figures/${newFigureId}/retractions`).send({ reason: 'duplicate' }).expect(201);
    expect(
      (await write(`/v1/figures/${randomUUID()}/retractions`).send({ reason: 'not a figure of ours' })).status,
    ).toBe(404);
  });
});
