import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteEventStore, type NewEvent } from '@ledger/event-store';

const STREAMS = 10_000;

/** A payload the size and shape of a FigureReported event (about 600 bytes of JSON). */
function payload(i: number): Record<string, unknown> {
  return {
    schemaVersion: 1,
    figureId: randomUUID(),
    seriesKey: `370112:X-指标${i % STREAMS}:level:元`,
    period: '2022',
    value: `${i}.5`,
    unit: '亿元',
    comparator: 'eq',
    status: 'actual',
    numberAsWritten: `${i}.5`,
    citations: [{ documentId: 'doc', documentSha256: 'a'.repeat(64), line: 12, column: 3, charStart: 400, charEnd: 420, quote: '完成一般公共预算收入 126 亿元，可比增长 6.8%' }],
  };
}

function batches(total: number, size: number): Array<{ stream: string; events: NewEvent[] }> {
  const out = [];
  for (let b = 0; b < total / size; b++) {
    const events = Array.from({ length: size }, (_, k) => ({ eventId: randomUUID(), type: 'FigureReported', data: payload(b * size + k) }));
    out.push({ stream: `series-${b % STREAMS}`, events });
  }
  return out;
}

async function timeStore(path: string, work: ReturnType<typeof batches>): Promise<number> {
  const store = createSqliteEventStore({ path });
  const started = performance.now();
  for (const { stream, events } of work) await store.appendToStream(stream, events);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return seconds;
}

/** The same rows through a bare prepared INSERT, same pragmas, table and transaction per batch: the floor to compare with. */
function timeRaw(path: string, work: ReturnType<typeof batches>): number {
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
    for (const e of events) insert.run(++position, e.eventId, stream, ++revision, e.type, JSON.stringify(e.data), '{}', recordedAt, hash, hash);
    revisions.set(stream, revision);
    db.exec('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

export async function benchSqliteAppend(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
  const figures: Record<string, number> = {};
  try {
    for (const [size, total] of [
      [1, 10_000],
      [100, 200_000],
    ] as const) {
      const work = batches(total, size);
      const raw = total / timeRaw(join(dir, `raw-${size}.db`), work);
      const store = total / (await timeStore(join(dir, `store-${size}.db`), work));
      figures[`batch ${size}: store events/s`] = Math.round(store);
      figures[`batch ${size}: raw insert events/s`] = Math.round(raw);
      figures[`batch ${size}: ratio store/raw`] = Number((store / raw).toFixed(2));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
