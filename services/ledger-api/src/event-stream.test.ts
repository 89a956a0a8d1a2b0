import { describe, it, expect, afterEach } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { createSqliteEventStore } from '@ledger/event-store';
import { bootFreshLedger, eventually } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

/** Opens a live stream from position 1 and never reads it: the socket is paused once the request is sent. */
function slowReader(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /v1/events?from=1 HTTP/1.1\r\nhost: x\r\naccept: text/event-stream\r\n\r\n');
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

const liveStreams = async (ledger: RunningLedger) =>
  Number(/^ledger_sse_streams (\d+)$/m.exec((await request(ledger.server).get('/metrics')).text)?.[1]);

describe('live event streams (SSE)', () => {
  let ledger: RunningLedger & { dataDir: string };
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await ledger?.close();
  });

  it('do not buffer the backlog for clients that read nothing; past the stream cap a clear 503', async () => {
    ledger = await bootFreshLedger({
      LEDGER_INGEST_SEEDS: 'off',
      LEDGER_PROJECTOR: 'off',
      LEDGER_SSE_MAX_STREAMS: '10',
      LEDGER_SSE_BUFFER_BYTES: '65536',
    });
    // A 40 MB backlog: 4,000 events of 10 kB each.
    const writer = createSqliteEventStore({ path: join(ledger.dataDir, 'events.db') });
    const pad = 'x'.repeat(10_000);
    for (let batch = 0; batch < 8; batch++)
      await writer.appendToStream(
        `padding-${batch}`,
        Array.from({ length: 500 }, (_, i) => ({ eventId: randomUUID(), type: 'Padding', data: { i, pad } })),
      );
    await writer.close();

    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 10; i++) sockets.push(await slowReader(ledger.port));
    await eventually(async () => expect(await liveStreams(ledger)).toBe(10));
    await new Promise((r) => setTimeout(r, 3000));
    const growth = process.memoryUsage().rss - rssBefore;
    // Buffering the backlog would take 10 × 40 MB; each stream may hold one page of the subscription and its buffer.
    expect(growth).toBeLessThan(150 * 1024 * 1024);

    const refused = await request(ledger.server).get('/v1/events').set('accept', 'text/event-stream');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/10 live streams are open/);

    for (const s of sockets.splice(0)) s.destroy();
    await eventually(async () => expect(await liveStreams(ledger)).toBe(0));
  }, 60_000);

  it('sends a heartbeat comment while there is nothing to send', async () => {
    ledger = await bootFreshLedger({ LEDGER_INGEST_SEEDS: 'off', LEDGER_SSE_HEARTBEAT_SECONDS: '1' });
    const socket = connect(ledger.port, '127.0.0.1');
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.write('GET /v1/events HTTP/1.1\r\nhost: x\r\naccept: text/event-stream\r\n\r\n');
    await eventually(async () => expect(received).toMatch(/\r\n\r\n(\w+\r\n)?: heartbeat\n\n/), 5000);
  });
});
