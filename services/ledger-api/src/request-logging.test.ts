import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { loadConfig } from '@ledger/config';
import { startLedger } from './start-ledger.ts';
import { handReport } from './testing/hand-report.ts';
import { SEEDS_DIR, WRITE_TOKEN } from './testing/boot.ts';

/** A ledger whose logger writes JSON lines into `lines`, at `level`. */
async function withLogs(level: string, work: (api: () => request.Agent, lines: string[]) => Promise<void>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'request-logging-'));
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_SEEDS_DIR: SEEDS_DIR,
    PORT: '0',
    LOG_LEVEL: level,
    LEDGER_API_TOKENS: `${WRITE_TOKEN}:write`,
  });
  const ledger = await startLedger(config, pino({ level }, sink));
  try {
    await work(() => request.agent(ledger.server), lines);
  } finally {
    await ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('request logging', () => {
  it('logs each request with its id and never the credentials, and the id is the correlation id of its events', async () => {
    await withLogs('info', async (api, lines) => {
      const res = await api()
        .post('/v1/figures')
        .set('authorization', `Bearer ${WRITE_TOKEN}`)
        .set('x-request-id', 'logged-req-1')
        .send(handReport({ indicator: 'request-logging' }));
      expect(res.status).toBe(201);
      expect(res.headers['x-request-id']).toBe('logged-req-1');
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.req?.id === 'logged-req-1');
      expect(logged).toMatchObject({ correlationId: 'logged-req-1', res: { statusCode: 201 } });
      expect(lines.join('\n')).not.toContain(WRITE_TOKEN);
      const events = (await api().get('/v1/events?from=1&limit=1000').expect(200)).body.events as Array<{
        metadata: { correlationId?: string };
      }>;
      expect(events.some((event) => event.metadata.correlationId === 'logged-req-1')).toBe(true);
    });
  });

  it('with a silent logger, still gives each request an id that correlates its events, and writes nothing', async () => {
    await withLogs('silent', async (api, lines) => {
      const res = await api()
        .post('/v1/figures')
        .set('authorization', `Bearer ${WRITE_TOKEN}`)
        .send(handReport({ indicator: 'request-logging-silent' }));
      expect(res.status).toBe(201);
      const id = res.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const events = (await api().get('/v1/events?from=1&limit=1000').expect(200)).body.events as Array<{
        metadata: { correlationId?: string };
      }>;
      expect(events.some((event) => event.metadata.correlationId === id)).toBe(true);
      expect(lines).toEqual([]);
    });
  });
});
