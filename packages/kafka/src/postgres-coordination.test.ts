import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { postgresForTests, scratchSchemas, type ScratchSchemas } from '@ledger/test-infrastructure';
import { randomUUID } from 'node:crypto';
import { acquireLeadership, openPostgresCheckpoint } from './postgres-coordination.ts';

const postgres = await postgresForTests();

if ('skipReason' in postgres) {
  it('relay coordination on PostgreSQL: skipped', () => console.warn(`relay coordination on PostgreSQL skipped: ${postgres.skipReason}`));
} else {
  describe('relay coordination on PostgreSQL', () => {
    let schemas: ScratchSchemas;
    let url: string;
    beforeAll(async () => {
      schemas = scratchSchemas(postgres.connectionString, 'relay_coord');
      const schema = await schemas.create();
      const u = new URL(postgres.connectionString);
      u.searchParams.set('options', `-c search_path=${schema}`);
      url = u.toString();
    });
    afterAll(async () => schemas.close());

    it('keeps the checkpoint across connections', async () => {
      const first = await openPostgresCheckpoint(url, 'relay-a');
      expect(await first.read()).toBe(0);
      await first.save(42);
      await first.close();
      const again = await openPostgresCheckpoint(url, 'relay-a');
      expect(await again.read()).toBe(42);
      expect(await (await openPostgresCheckpoint(url, 'relay-b')).read()).toBe(0);
      await again.close();
    });

    it('lets one relay lead while a standby waits, and hands over when the leader goes', async () => {
      const lock = `relay-${randomUUID()}`;
      const leader = await acquireLeadership(url, lock, new AbortController().signal);
      let standbyLeads = false;
      const standby = acquireLeadership(url, lock, new AbortController().signal).then((l) => {
        standbyLeads = true;
        return l;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(standbyLeads).toBe(false);
      await leader.release();
      const next = await standby;
      expect(standbyLeads).toBe(true);
      await next.release();
    });

    it('stops waiting when asked to', async () => {
      const lock = `relay-${randomUUID()}`;
      const leader = await acquireLeadership(url, lock, new AbortController().signal);
      const stop = new AbortController();
      const waiting = acquireLeadership(url, lock, stop.signal);
      setTimeout(() => stop.abort(), 100);
      await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
      await leader.release();
    });
  });
}
