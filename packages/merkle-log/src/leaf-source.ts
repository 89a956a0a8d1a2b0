import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { EventStore } from '@ledger/event-store';

/**
 * Where the tree reads the chain hashes of positions [from, to] (inclusive, all visible, dense). The SQL sources read
 * only the `position` and `hash` columns of the event store's `events` table: a tenth of the bytes of whole events and
 * no JSON to parse, which keeps tree maintenance cheap beside the writers, and lets the follower run with no store of
 * its own (in a worker thread). Bounded by the head, the positions every reader can see: the stores serialise their
 * appends, so the highest committed position is that head (as their headPosition computes it).
 */
export interface LeafSource {
  headPosition(): Promise<number>;
  chainHashes(from: number, to: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Any event store (KurrentDB, memory): reads whole events. */
export function eventStoreLeafSource(store: EventStore): LeafSource {
  return {
    headPosition: () => store.headPosition(),
    async chainHashes(from, to) {
      return (await store.readAll({ fromPosition: from, maxCount: to - from + 1 })).map((e) => e.hash);
    },
    async close() {},
  };
}

export function sqliteLeafSource(options: { path: string }): LeafSource {
  const db = new DatabaseSync(options.path, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 10000;');
  const select = db.prepare('SELECT hash FROM events WHERE position BETWEEN ? AND ? ORDER BY position');
  const head = db.prepare('SELECT coalesce(max(position), 0) AS head FROM events');
  return {
    async headPosition() {
      return Number((head.get() as { head: number }).head);
    },
    async chainHashes(from, to) {
      return (select.all(from, to) as { hash: string }[]).map((r) => r.hash);
    },
    async close() {
      db.close();
    },
  };
}

export function postgresLeafSource(options: { connectionString: string; schema?: string }): LeafSource {
  const table = `${pg.escapeIdentifier(options.schema ?? 'public')}.events`;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 1 });
  // An idle connection lost (server restart, database dropped) is replaced on the next query; unhandled, it would crash.
  pool.on('error', () => {});
  return {
    async headPosition() {
      const { rows } = await pool.query<{ head: string }>(`SELECT coalesce(max(position), 0) AS head FROM ${table}`);
      return Number(rows[0]!.head);
    },
    async chainHashes(from, to) {
      const { rows } = await pool.query<{ hash: string }>(
        `SELECT hash FROM ${table} WHERE position BETWEEN $1 AND $2 ORDER BY position`,
        [from, to],
      );
      return rows.map((r) => r.hash);
    },
    close: () => pool.end(),
  };
}
