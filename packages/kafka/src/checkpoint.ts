import { DatabaseSync } from 'node:sqlite';

/** The last global position the broker acknowledged: the relay resumes after it. */
export interface CheckpointStore {
  read(): Promise<number>;
  save(position: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The checkpoint in its own small SQLite file, apart from the event store so the relay needs only read access to the
 * events. synchronous=NORMAL, no fsync per send: a killed process loses no saved position, and a power cut at worst
 * takes the file back a few sends, which are then sent again, as at-least-once delivery allows.
 */
export function openSqliteCheckpoint(path: string, name = 'kafka-relay'): CheckpointStore {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;');
  db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT');
  const select = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
  const upsert = db.prepare(
    'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
  );
  return {
    read: async () => Number((select.get(name) as { position: number } | undefined)?.position ?? 0),
    save: async (position) => void upsert.run(name, position),
    close: async () => db.close(),
  };
}

export function memoryCheckpoint(position = 0): CheckpointStore & { position(): number } {
  return {
    read: async () => position,
    save: async (p) => void (position = p),
    close: async () => {},
    position: () => position,
  };
}
