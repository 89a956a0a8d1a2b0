import pg from 'pg';
import type { CheckpointStore } from './checkpoint.ts';

/** The relay's checkpoint in PostgreSQL, so a standby relay on another host resumes where the active one stopped. */
export async function openPostgresCheckpoint(connectionString: string, name = 'kafka-relay'): Promise<CheckpointStore> {
  const pool = new pg.Pool({ connectionString, max: 1 });
  // An idle connection lost (server restart, database dropped) is replaced on the next query; unhandled, it would crash.
  pool.on('error', () => {});
  await pool.query(
    'CREATE TABLE IF NOT EXISTS ledger_relay_checkpoints (name TEXT PRIMARY KEY, position BIGINT NOT NULL)',
  );
  return {
    read: async () =>
      Number(
        (await pool.query('SELECT position FROM ledger_relay_checkpoints WHERE name = $1', [name])).rows[0]?.position ??
          0,
      ),
    save: async (position) =>
      void (await pool.query(
        'INSERT INTO ledger_relay_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
        [name, position],
      )),
    close: () => pool.end(),
  };
}
