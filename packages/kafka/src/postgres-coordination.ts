import pg from 'pg';
import type { CheckpointStore } from './checkpoint.ts';

/** The relay's checkpoint in PostgreSQL, so a standby relay on another host resumes where the active one stopped. */
export async function openPostgresCheckpoint(connectionString: string, name = 'kafka-relay'): Promise<CheckpointStore> {
  const pool = new pg.Pool({ connectionString, max: 1 });
  await pool.query('CREATE TABLE IF NOT EXISTS ledger_relay_checkpoints (name TEXT PRIMARY KEY, position BIGINT NOT NULL)');
  return {
    read: async () => Number((await pool.query('SELECT position FROM ledger_relay_checkpoints WHERE name = $1', [name])).rows[0]?.position ?? 0),
    save: async (position) =>
      void (await pool.query(
        'INSERT INTO ledger_relay_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
        [name, position],
      )),
    close: () => pool.end(),
  };
}

export interface Leadership {
  /** Resolves if the lock's connection is lost: another relay may take over, so this one must stop publishing. */
  lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Waits until this process holds the leader lock (a session advisory lock on its own connection), so that exactly one
 * relay publishes while standbys wait. Rejects with an AbortError if `signal` aborts while waiting.
 */
export async function acquireLeadership(connectionString: string, lockName: string, signal: AbortSignal): Promise<Leadership> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  let released = false;
  const lost = new Promise<void>((resolve) => {
    client.on('error', () => resolve());
    client.on('end', () => released || resolve());
  });
  const abort = () => void client.end().catch(() => {});
  signal.addEventListener('abort', abort, { once: true });
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockName]);
  } catch (error) {
    if (signal.aborted) throw new DOMException('stopped while waiting for the leader lock', 'AbortError');
    throw error;
  } finally {
    signal.removeEventListener('abort', abort);
  }
  return {
    lost,
    async release() {
      released = true;
      await client.end();
    },
  };
}
