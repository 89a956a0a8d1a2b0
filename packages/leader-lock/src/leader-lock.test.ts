import { describe, it, expect } from '@jest/globals';
import { postgresForTests } from '@ledger/test-infrastructure';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { acquireLeadership } from './leader-lock.ts';

const postgres = await postgresForTests();

if ('skipReason' in postgres) {
  it('leader lock on PostgreSQL: skipped', () =>
    console.warn(`leader lock on PostgreSQL skipped: ${postgres.skipReason}`));
} else {
  describe('leader lock on PostgreSQL', () => {
    // Advisory locks belong to the database, not a schema; random lock names keep tests apart.
    const url = postgres.connectionString;

    it('lets one replica lead while a standby waits, and hands over when the leader goes', async () => {
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

    it('does not take the lock once stopped, even while it is free', async () => {
      const lock = `relay-${randomUUID()}`;
      const stop = new AbortController();
      stop.abort();
      await expect(acquireLeadership(url, lock, stop.signal)).rejects.toMatchObject({ name: 'AbortError' });
      const leader = await acquireLeadership(url, lock, new AbortController().signal);
      await leader.release();
    });

    it('tells the leader when its connection is lost, so that it stops working', async () => {
      const lock = `relay-${randomUUID()}`;
      const leader = await acquireLeadership(url, lock, new AbortController().signal);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = (hashtextextended($1, 0) & 4294967295)::oid",
          [lock],
        );
      } finally {
        await admin.end();
      }
      await expect(leader.lost).resolves.toBeUndefined();
      const next = await acquireLeadership(url, lock, new AbortController().signal);
      await next.release();
    });
  });
}
