import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteEventStore } from '@ledger/event-store';
import { appendThroughput, type AppendWork } from './append-workload.ts';

async function timeStore(path: string, work: AppendWork): Promise<number> {
  const store = createSqliteEventStore({ path });
  const started = performance.now();
  for (const { stream, events } of work) await store.appendToStream(stream, events);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return seconds;
}

/** The same rows through a bare prepared INSERT, same pragmas, table and transaction per batch: the floor to compare with. */
async function timeRaw(path: string, work: AppendWork): Promise<number> {
  createSqliteEventStore({ path }).close(); // the identical table and indexes
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  const insert = db.prepare(
    'INSERT INTO events (position, event_id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Map<string, number>();
  const hash = 'f'.repeat(64);
  let position = 0;
  const started = performance.now();
  for (const { stream, events } of work) {
    db.exec('BEGIN IMMEDIATE');
    let revision = revisions.get(stream) ?? -1;
    const recordedAt = new Date().toISOString();
    for (const e of events)
      insert.run(
        ++position,
        e.eventId,
        stream,
        ++revision,
        e.type,
        JSON.stringify(e.data),
        '{}',
        recordedAt,
        hash,
        hash,
      );
    revisions.set(stream, revision);
    db.exec('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

export async function benchSqliteAppend(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
  try {
    return await appendThroughput(
      [
        [1, 10_000],
        [100, 200_000],
      ],
      (work, size) => timeRaw(join(dir, `raw-${size}.db`), work),
      (work, size) => timeStore(join(dir, `store-${size}.db`), work),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
