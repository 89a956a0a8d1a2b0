import pg from 'pg';
import { StaleTreeError, type NodeStorage } from './node-storage.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/** Nodes in PostgreSQL beside the read models: one row per node, keyed by post-order position. */
export async function openPostgresNodeStorage(options: {
  connectionString: string;
  schema?: string;
}): Promise<NodeStorage> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`schema must be a lower-case SQL identifier, got "${schema}"`);
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 4, options: `-c search_path=${schema}` });
  // An idle connection lost (server restart, database dropped) is replaced on the next query; unhandled, it would crash.
  pool.on('error', () => {});
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
  await pool.query(`
    CREATE TABLE IF NOT EXISTS merkle_nodes (position bigint PRIMARY KEY, hash bytea NOT NULL);
    CREATE TABLE IF NOT EXISTS merkle_log (
      id smallint PRIMARY KEY CHECK (id = 1),
      tree_size bigint NOT NULL,
      signed_checkpoint text
    );
    INSERT INTO merkle_log (id, tree_size) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;`);

  return {
    async treeSize() {
      const { rows } = await pool.query<{ size: string }>('SELECT tree_size AS size FROM merkle_log WHERE id = 1');
      return Number(rows[0]!.size);
    },
    async readNodes(positions) {
      if (positions.length === 0) return [];
      const { rows } = await pool.query<{ position: string; hash: Buffer }>(
        'SELECT position, hash FROM merkle_nodes WHERE position = ANY($1::bigint[])',
        [positions],
      );
      const byPosition = new Map(rows.map((r) => [Number(r.position), r.hash]));
      return positions.map((p) => {
        const hash = byPosition.get(p);
        if (!hash) throw new RangeError(`merkle node ${p} is not stored`);
        return hash;
      });
    },
    async appendNodes({ fromSize, toSize, firstPosition, hashes }) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const moved = await client.query('UPDATE merkle_log SET tree_size = $1 WHERE id = 1 AND tree_size = $2', [
          toSize,
          fromSize,
        ]);
        if (moved.rowCount !== 1) throw new StaleTreeError(`the stored tree is no longer at size ${fromSize}`);
        // One blob of 32-byte hashes, cut into rows by the server: the client encodes one buffer, not an array of them.
        if (hashes.length > 0)
          await client.query(
            'INSERT INTO merkle_nodes (position, hash) SELECT $1::bigint + i, substring($2::bytea FROM i * 32 + 1 FOR 32) FROM generate_series(0, $3::int - 1) AS i',
            [firstPosition, Buffer.concat(hashes), hashes.length],
          );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async readSignedCheckpoint() {
      const { rows } = await pool.query<{ note: string | null }>(
        'SELECT signed_checkpoint AS note FROM merkle_log WHERE id = 1',
      );
      return rows[0]!.note ?? undefined;
    },
    async writeSignedCheckpoint(note) {
      await pool.query('UPDATE merkle_log SET signed_checkpoint = $1 WHERE id = 1', [note]);
    },
    async close() {
      await pool.end();
    },
  };
}
