import { describe, it, expect } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { bootFreshLedger, eventually } from './testing/boot.ts';
import { createSqliteEventStore } from '@ledger/event-store';
import { join } from 'node:path';

describe('shutdown', () => {
  it('lets in-flight requests finish, ends live streams, and keeps every acknowledged event', async () => {
    const ledger = await bootFreshLedger();
    await eventually(async () =>
      expect(await fetch(`http://127.0.0.1:${ledger.port}/readyz`).then((r) => r.status)).toBe(200),
    );

    const streamEnded = new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        { port: ledger.port, path: '/v1/events', headers: { accept: 'text/event-stream' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    const inFlight = fetch(`http://127.0.0.1:${ledger.port}/v1/verify`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await new Promise((r) => setTimeout(r, 5));
    await ledger.close();

    expect(await inFlight).toMatchObject({ status: 200, body: { ok: true } });
    await streamEnded;
    await expect(fetch(`http://127.0.0.1:${ledger.port}/healthz`)).rejects.toThrow();
    const store = createSqliteEventStore({ path: join(ledger.dataDir, 'events.db') });
    expect(await store.verify()).toMatchObject({ ok: true });
    await store.close();
  });
});
