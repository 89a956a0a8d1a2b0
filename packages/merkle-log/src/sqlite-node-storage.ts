import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { StaleTreeError, type NodeStorage } from './node-storage.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS merkle_nodes (position INTEGER PRIMARY KEY, hash BLOB NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS merkle_log (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size INTEGER NOT NULL,
  signed_checkpoint TEXT
) STRICT;
INSERT OR IGNORE INTO merkle_log (id, tree_size) VALUES (1, 0);`;

/** Nodes in a SQLite file of their own (beside the embedded event store), rowid = post-order position. */
export function openSqliteNodeStorage(options: { path: string }): NodeStorage {
  const db = new DatabaseSync(options.path);
  // The tree can be rebuilt from the events, so NORMAL (no fsync per commit in WAL) is enough.
  // Proofs read nodes at random across the file: map it rather than copy pages through read().
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA mmap_size = 4294967296;',
  );
  db.exec(SCHEMA);
  const size = db.prepare('SELECT tree_size AS size FROM merkle_log WHERE id = 1');
  // One statement per proof rather than one per node: the call, not the B-tree lookup, is most of a point read.
  const byCount = new Map<number, StatementSync>();
  const nodesAt = (count: number): StatementSync => {
    let statement = byCount.get(count);
    if (!statement) {
      const marks = Array.from({ length: count }, () => '?').join(', ');
      statement = db.prepare(`SELECT position, hash FROM merkle_nodes WHERE position IN (${marks})`);
      byCount.set(count, statement);
    }
    return statement;
  };
  // All of a batch's nodes in one statement: one blob of 32-byte hashes, cut into rows inside SQLite. Binding two
  // parameters per row from JavaScript cost the follower more than hashing the nodes.
  const insertRun = db.prepare(`
    WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n + 1 < :count)
    INSERT INTO merkle_nodes (position, hash) SELECT :first + n, substr(:hashes, n * 32 + 1, 32) FROM k`);
  const moveSize = db.prepare('UPDATE merkle_log SET tree_size = ? WHERE id = 1 AND tree_size = ?');
  const checkpoint = db.prepare('SELECT signed_checkpoint AS note FROM merkle_log WHERE id = 1');
  const writeCheckpoint = db.prepare('UPDATE merkle_log SET signed_checkpoint = ? WHERE id = 1');

  return {
    async treeSize() {
      return Number((size.get() as { size: number }).size);
    },
    async readNodes(positions) {
      if (positions.length === 0) return [];
      const rows = nodesAt(positions.length).all(...positions) as { position: number; hash: Uint8Array }[];
      const byPosition = new Map(rows.map((row) => [row.position, row.hash]));
      return positions.map((position) => {
        const hash = byPosition.get(position);
        if (!hash) throw new RangeError(`merkle node ${position} is not stored`);
        return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength);
      });
    },
    async appendNodes({ fromSize, toSize, firstPosition, hashes }) {
      db.exec('BEGIN IMMEDIATE');
      try {
        if (Number(moveSize.run(toSize, fromSize).changes) !== 1)
          throw new StaleTreeError(`the stored tree is no longer at size ${fromSize}`);
        if (hashes.length > 0)
          insertRun.run({ count: hashes.length, first: firstPosition, hashes: Buffer.concat(hashes) });
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async readSignedCheckpoint() {
      return (checkpoint.get() as { note: string | null }).note ?? undefined;
    },
    async writeSignedCheckpoint(note) {
      writeCheckpoint.run(note);
    },
    async close() {
      db.close();
    },
  };
}
