import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import request from 'supertest';
import { handReport } from '../testing/hand-report.ts';
import { bootFreshLedger, WRITE_TOKEN } from '../testing/boot.ts';
import { ledgerStores } from '../testing/ledger-stores.ts';
import type { RunningLedger } from '../start-ledger.ts';

const stores = await ledgerStores('POST /v1/figures:batch');

describe.each(stores)('POST /v1/figures:batch on %s', (_name, prepare) => {
  let ledger: RunningLedger;
  let cleanup: () => Promise<void>;
  const write = (path: string) => request(ledger.server).post(path).set('authorization', `Bearer ${WRITE_TOKEN}`);
  const head = async () => (await request(ledger.server).get('/v1/events?limit=1').expect(200)).body.head as number;

  beforeAll(async () => {
    const store = await prepare();
    cleanup = store.cleanup;
    ledger = await bootFreshLedger({ ...store.env, LEDGER_PROJECTOR: 'off' });
  });
  afterAll(async () => {
    await ledger.close();
    await cleanup();
  });

  it('appends every figure in one transaction, each decided after the ones before it, and is idempotent', async () => {
    const figures = [
      handReport({ indicator: '批量甲' }),
      handReport({ indicator: '批量乙' }),
      // Same series as the first, another period: both land in one stream, one after the other.
      { ...handReport({ indicator: '批量甲' }), period: '2021' },
    ];
    const before = await head();
    const first = await write('/v1/figures:batch').send({ figures }).expect(201);
    expect(first.body.appended).toBe(3);
    expect(
      first.body.figures.map((f: { revision: number; appended: unknown[] }) => [f.revision, f.appended.length]),
    ).toEqual([
      [0, 1],
      [0, 1],
      [1, 1],
    ]);
    expect(first.body.figures[0].stream).toBe(first.body.figures[2].stream);
    expect(await head()).toBe(before + 3);
    const positions = first.body.figures.map((f: { position: number }) => f.position);
    expect([...positions].sort()).toEqual([before + 1, before + 2, before + 3]);
    const events = (
      await request(ledger.server)
        .get(`/v1/events?from=${before + 1}`)
        .expect(200)
    ).body.events;
    expect(events.map((e: { data: { figureId: string } }) => e.data.figureId).sort()).toEqual(
      first.body.figures.map((f: { figureId: string }) => f.figureId).sort(),
    );

    const again = await write('/v1/figures:batch').send({ figures }).expect(200);
    expect(again.body.appended).toBe(0);
    expect(again.body.figures.map((f: { figureId: string }) => f.figureId)).toEqual(
      first.body.figures.map((f: { figureId: string }) => f.figureId),
    );
    expect(await head()).toBe(before + 3);
  });

  it('appends nothing when one figure is invalid, naming its index and field', async () => {
    const before = await head();
    const badValue = await write('/v1/figures:batch')
      .send({
        figures: [handReport({ indicator: '批量丙' }), { ...handReport({ indicator: '批量丁' }), value: 'lots' }],
      })
      .expect(400)
      .expect('content-type', /problem\+json/);
    expect(badValue.body.errors.map((e: { field: string }) => e.field)).toContain('body.figures.1.value');

    const good = handReport({ indicator: '批量戊' });
    const wrongQuote = handReport({ indicator: '批量己' });
    wrongQuote.citations[0]!.quote = '不在原文';
    const badCitation = await write('/v1/figures:batch')
      .send({ figures: [good, handReport({ indicator: '批量庚' }), wrongQuote] })
      .expect(422)
      .expect('content-type', /problem\+json/);
    expect(badCitation.body.errors[0].field).toMatch(/^body\.figures\.2\.citations\.0\./);
    expect(await head()).toBe(before);
  });

  it('refuses an empty batch and one over 1,000 figures', async () => {
    const empty = await write('/v1/figures:batch').send({ figures: [] }).expect(400);
    expect(empty.body.errors[0].field).toBe('body.figures');
    const report = handReport({ indicator: '批量上限' });
    const tooMany = await write('/v1/figures:batch')
      .send({ figures: Array.from({ length: 1001 }, () => report) })
      .expect(400);
    expect(tooMany.body.errors[0].field).toBe('body.figures');
  });
});
