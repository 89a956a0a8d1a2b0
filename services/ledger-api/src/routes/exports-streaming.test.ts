import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, it, expect, afterAll } from '@jest/globals';
import { request as httpRequest, type Server } from 'node:http';
import { pino } from 'pino';
import { createMemoryEventStore } from '@ledger/event-store';
import { createLedgerCommands } from '@ledger/ledger-commands';
import { openSqliteReadModels, type FigureView } from '@ledger/projections';
import { figure } from '@ledger/projections/testing';
import { createApp } from '../app.ts';
import { createApiMetrics } from '../metrics.ts';

const TOTAL = 100_000;

/** A synthetic observation: one figure, its own series and period. */
function syntheticGroup(i: number): FigureView[] {
  return [
    figure({
      figureId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      seriesKey: `370112:X-synthetic-${Math.floor(i / 50)}:level:元`,
      period: String(1900 + (i % 50)),
      value: `${i}.5`,
      baseValue: `${i}50000000`,
      numberAsWritten: `${i}.5`,
      position: i + 1,
    }),
  ];
}

const models = await openSqliteReadModels({ path: ':memory:' });

// The heap that is still reachable: collect first (V8's gc, exposed for this test only), then measure.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('SDMX-CSV export of 100 k observations', () => {
  let produced = 0;
  const store = createMemoryEventStore();
  const app = createApp({
    config: {
      apiTokens: [],
      readAccess: 'open',
      bodyLimitBytes: 1_000_000,
      rateLimitPerMinute: 1_000_000,
      sse: { maxStreams: 10, bufferBytes: 1_048_576, heartbeatMs: 15_000 },
    },
    store,
    commands: createLedgerCommands(store),
    queries: {
      ...models.queries,
      async *exportObservations() {
        for (let i = 0; i < TOTAL; i++) {
          produced++;
          yield syntheticGroup(i);
        }
      },
    },
    logger: pino({ level: 'silent' }),
    metrics: createApiMetrics(async () => 0),
    readiness: () => ({ status: 'ready' }),
    shutdown: new AbortController().signal,
  });
  let server: Server;
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await models.close();
  });

  it('streams: a client that stops reading holds the producer back, and one that reads gets every row', async () => {
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, () => resolve(s));
    });
    const port = (server.address() as { port: number }).port;
    const { lines, heldBack, peakHeapGrowth } = await new Promise<{
      lines: number;
      heldBack: number;
      peakHeapGrowth: number;
    }>((resolve, reject) => {
      const heapBefore = liveHeap();
      let peak = 0;
      let sampledAt = 0;
      httpRequest({ port, path: '/v1/exports/observations.csv' }, (res) => {
        let lines = 0;
        let heldBack = -1;
        res.pause();
        // While the client reads nothing, the server must stop producing long before the end.
        setTimeout(() => {
          heldBack = produced;
          res.on('data', (chunk: Buffer) => {
            for (const byte of chunk) if (byte === 10) lines++;
            // What stays reachable while the rows flow, sampled after a collection: garbage is not held.
            if (lines - sampledAt >= 10_000) {
              sampledAt = lines;
              peak = Math.max(peak, liveHeap() - heapBefore);
            }
          });
          res.resume();
        }, 500);
        res.on('end', () => resolve({ lines, heldBack, peakHeapGrowth: peak }));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    expect(heldBack).toBeGreaterThan(0);
    // What was produced fills the socket buffers of both ends (a few MB on loopback), and then stops.
    expect(heldBack).toBeLessThan(TOTAL / 2);
    expect(lines).toBe(TOTAL + 1);
    expect(produced).toBe(TOTAL);
    // 100 k rows are ~15 MB of CSV; holding them (or their figures) would keep far more heap reachable than this.
    expect(peakHeapGrowth).toBeLessThan(32 * 1024 * 1024);
  });
});
