import { describe, it, expect, afterAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { createSqliteEventStore } from '@ledger/event-store';
import { bootFreshLedger, eventually } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

describe('a projector that cannot apply an event', () => {
  let ledger: RunningLedger & { dataDir: string };
  afterAll(async () => ledger?.close());

  it('stops visibly: /readyz answers 503 with the position and why, and a metric counts it', async () => {
    ledger = await bootFreshLedger();
    const api = () => request(ledger.server);
    await eventually(async () => expect((await api().get('/readyz')).status).toBe(200));
    // Another writer without the ledger's validator (as a restored backup or a bug would) stores an event the
    // read models cannot take.
    const writer = createSqliteEventStore({ path: join(ledger.dataDir, 'events.db') });
    const { position } = await writer.appendToStream('broken', [
      { eventId: randomUUID(), type: 'FigureReported', data: {} },
    ]);
    await writer.close();
    const res = await eventually(async () => {
      const r = await api().get('/readyz');
      expect(r.status).toBe(503);
      return r;
    });
    expect(res.body).toEqual({
      status: 'projector stopped',
      position,
      reason: expect.stringMatching(new RegExp(`^cannot apply the event at position ${position}: `)),
    });
    const metrics = (await api().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^ledger_projector_failures_total 1$/m);
    expect(metrics).toMatch(/^ledger_projector_lag_events 1$/m);
  });
});
