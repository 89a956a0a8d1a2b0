import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { handReport } from './testing/hand-report.ts';
import { bootFreshLedger, WRITE_TOKEN } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

interface Frame {
  id: number;
  event: string;
  data: { type: string; stream: string; data: { seriesKey?: string } };
}

/** Reads SSE frames from /v1/events until `count` arrived (or the timeout), then closes the stream. */
function readFrames(port: number, query: string, count: number, lastEventId?: number): Promise<Frame[]> {
  return new Promise((resolve, reject) => {
    const frames: Frame[] = [];
    const req = httpRequest(
      {
        port,
        path: encodeURI(`/v1/events?${query}`),
        headers: {
          accept: 'text/event-stream',
          ...(lastEventId !== undefined && { 'last-event-id': String(lastEventId) }),
        },
      },
      (res) => {
        let buffered = '';
        const done = () => {
          clearTimeout(timer);
          req.destroy();
          resolve(frames);
        };
        const timer = setTimeout(done, 3000);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
            const lines = Object.fromEntries(
              buffered
                .slice(0, end)
                .split('\n')
                .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
            );
            buffered = buffered.slice(end + 2);
            frames.push({ id: Number(lines.id), event: String(lines.event), data: JSON.parse(String(lines.data)) });
            if (frames.length === count) return done();
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const inRegion = (region: string, report: ReturnType<typeof handReport>) => ({
  ...report,
  series: { ...report.series, subject: { type: 'region', code: region } },
});

describe('filtered change feeds', () => {
  let ledger: RunningLedger;
  const api = () => request(ledger.server);
  const write = (path: string) => api().post(path).set('authorization', `Bearer ${WRITE_TOKEN}`);
  let figureId: string;

  beforeAll(async () => {
    ledger = await bootFreshLedger({ LEDGER_PROJECTOR: 'off' });
    figureId = (
      await write('/v1/figures')
        .send(handReport({ indicator: '过滤甲' }))
        .expect(201)
    ).body.figureId;
    await write('/v1/figures')
      .send(handReport({ indicator: '过滤乙' }))
      .expect(201);
    await write('/v1/figures')
      .send(inRegion('370113', handReport({ indicator: '过滤甲' })))
      .expect(201);
    await write(`/v1/figures/${figureId}/retractions`).send({ reason: 'quoted the wrong line' }).expect(201);
  });
  afterAll(async () => ledger.close());

  it('filters the JSON feed by region, indicator and type on the server', async () => {
    const page = async (query: string) => (await api().get(`/v1/events?${query}&limit=1000`).expect(200)).body;
    const byIndicator = (await page('indicator=X-过滤甲')).events;
    expect(byIndicator.map((e: Frame['data']) => e.data.seriesKey)).toEqual([
      '370112:X-过滤甲:count:户',
      '370113:X-过滤甲:count:户',
      '370112:X-过滤甲:count:户',
    ]);
    const both = (await page('indicator=X-过滤甲&region=370113')).events;
    expect(both).toHaveLength(1);
    expect(both[0].data.seriesKey).toBe('370113:X-过滤甲:count:户');
    const retractions = (await page('type=FigureRetracted')).events;
    expect(retractions.map((e: Frame['data']) => [e.type, e.data.seriesKey])).toEqual([
      ['FigureRetracted', '370112:X-过滤甲:count:户'],
    ]);
    const documents = (await page('type=DocumentRegistered,FigureRetracted&region=370112')).events;
    expect(documents.map((e: Frame['data']) => e.type)).toEqual(['FigureRetracted']);
    const bad = await api().get('/v1/events?type=FigureDeleted&region=37');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.region', 'query.type']);
  });

  it('pages a sparse filter with next, skipping what does not match', async () => {
    const first = (await api().get('/v1/events?indicator=X-过滤甲&limit=1').expect(200)).body;
    expect(first.events).toHaveLength(1);
    const second = (await api().get(`/v1/events?indicator=X-过滤甲&limit=1&from=${first.next}`).expect(200)).body;
    expect(second.events[0].position).toBeGreaterThan(first.events[0].position);
    expect(second.events[0].data.seriesKey).toBe('370113:X-过滤甲:count:户');
  });

  it('filters the live stream and resumes it from Last-Event-ID', async () => {
    const frames = await readFrames(ledger.port, 'indicator=X-过滤甲&region=370112', 2);
    expect(frames.map((f) => [f.event, f.data.data.seriesKey])).toEqual([
      ['FigureReported', '370112:X-过滤甲:count:户'],
      ['FigureRetracted', '370112:X-过滤甲:count:户'],
    ]);
    const resumed = await readFrames(ledger.port, 'indicator=X-过滤甲&region=370112', 1, frames[0]!.id);
    expect(resumed.map((f) => f.id)).toEqual([frames[1]!.id]);
    const typed = await readFrames(ledger.port, 'type=FigureRetracted', 2);
    expect(typed.map((f) => f.event)).toEqual(['FigureRetracted']);
  });

  it('lists what became known after a date, retractions included', async () => {
    const changes = async (since: string) =>
      (await api().get(`/v1/changes?since=${since}&limit=1000`).expect(200)).body.changes as Array<{
        type: string;
        data: { figureId: string; seriesKey: string };
      }>;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    // The hand reports cite a document of 2023-01-07: known since then, not since yesterday; the retraction is new.
    const recent = await changes(yesterday);
    expect(recent.map((e) => [e.type, e.data.figureId])).toEqual([['FigureRetracted', figureId]]);
    const since2023 = await changes('2023-01-06');
    expect(since2023.filter((e) => e.data.seriesKey.includes('过滤')).map((e) => e.type)).toEqual([
      'FigureReported',
      'FigureReported',
      'FigureReported',
      'FigureRetracted',
    ]);
    expect(
      (await changes('2023-01-07')).filter((e) => e.type === 'FigureReported' && e.data.seriesKey.includes('过滤')),
    ).toEqual([]);
    expect((await api().get('/v1/changes?since=2023-02-30')).status).toBe(400);
    expect((await api().get('/v1/changes')).body.errors[0].field).toBe('query.since');
  });
});
