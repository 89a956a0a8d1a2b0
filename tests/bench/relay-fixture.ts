// `node tests/bench/relay-fixture.ts <dir> <events>`: writes an event store of <events> valid ledger events into
// <dir>/relay-<events>/events.db, unless there already; the kafka-relay bench runs its relays on that directory.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { seriesKeyOf, validateLedgerEvent, type FigureReport } from '@ledger/domain';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { createSqliteEventStore, GENESIS_HASH, planAppend, rowValuesOf, type NewEvent } from '@ledger/event-store';

/** Figures are appended a few at a time into one series, as a document reports several periods of it. */
const FIGURES_PER_APPEND = 5;
const SERIES = 100_000;
const APPENDS_PER_TRANSACTION = 50_000;

const report = sampleReport();

function seriesReport(series: number, n: number): FigureReport {
  const value = `${100 + (n % 9_000)}.${n % 10}`;
  return {
    ...report,
    series: { ...report.series, indicatorCode: `X${series}`, indicatorName: `指标${series}` },
    period: String(2000 + (n % FIGURES_PER_APPEND) + (series % 20)) as FigureReport['period'],
    value: value as FigureReport['value'],
    numberAsWritten: value,
  };
}

/** A FigureReported event of series `series`, the `n`th figure of the history, and its stream. */
export function figureEvent(series: number, n: number): { stream: string; event: NewEvent } {
  const report = seriesReport(series, n);
  const seriesKey = seriesKeyOf(report.series);
  return {
    stream: `series-${seriesKey}`,
    event: {
      eventId: randomUUID(),
      type: 'FigureReported',
      data: { schemaVersion: 1, figureId: randomUUID(), seriesKey, ...report },
    },
  };
}

/**
 * The document the figures cite, then FigureReported events over SERIES series, `events` in all; after `written`
 * events (a fill that was stopped) the rest of them. The figure n is at position n + 1, appends are full but the last.
 */
function* appends(events: number, written: number): Generator<{ stream: string; events: NewEvent[] }> {
  const document = { schemaVersion: 1, ...sampleDocument, text: sampleRaw };
  if (written === 0)
    yield {
      stream: `document-${sampleDocument.documentId}`,
      events: [{ eventId: randomUUID(), type: 'DocumentRegistered', data: document }],
    };
  const from = Math.max(1, written);
  if ((from - 1) % FIGURES_PER_APPEND !== 0) throw new Error(`${written} events: not a store this fill stopped`);
  for (let n = from, append = (from - 1) / FIGURES_PER_APPEND; n < events; append++) {
    const batch = [];
    for (let k = 0; k < FIGURES_PER_APPEND && n < events; k++, n++) batch.push(figureEvent(append % SERIES, n));
    yield { stream: batch[0]!.stream, events: batch.map(({ event }) => event) };
  }
}

/**
 * Fills a store file, or goes on filling one a stopped run left. Millions of appends through the store would spend the
 * run in fsyncs, so the plans of the store's own append algorithm (revisions, positions, hash chain) go into its table
 * in large transactions; `verify` accepts the file. The first append of each kind is checked by the ledger's validator.
 */
function fill(path: string, events: number): void {
  void createSqliteEventStore({ path }).close(); // the store's table and indexes
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -1500000;');
  const insert = db.prepare(
    'INSERT INTO events (position, event_id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const last = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').get() as
    { position: number; hash: string } | undefined;
  let head = last ?? { position: 0, hash: GENESIS_HASH };
  const revisions = new Map<string, number>();
  for (const row of db.prepare('SELECT stream, max(revision) AS revision FROM events GROUP BY stream').iterate())
    revisions.set(row.stream as string, row.revision as number);
  const validated = new Set<string>();
  const recordedAt = new Date().toISOString();
  let appendsInTransaction = 0;
  db.exec('BEGIN');
  for (const append of appends(events, head.position)) {
    for (const event of append.events)
      if (!validated.has(event.type)) {
        validateLedgerEvent(event);
        validated.add(event.type);
      }
    const plan = planAppend(append.stream, append.events, 'any', {
      streamRevision: revisions.get(append.stream) ?? -1,
      head,
      storedEvent: () => undefined, // every event id is new
      recordedAt,
    });
    if (!plan.write) throw new Error('a fresh event id was taken for stored');
    for (const event of plan.recorded) insert.run(...rowValuesOf(event));
    const recorded = plan.recorded.at(-1)!;
    revisions.set(append.stream, recorded.revision);
    head = { position: recorded.position, hash: recorded.hash };
    if (++appendsInTransaction === APPENDS_PER_TRANSACTION) {
      db.exec('COMMIT; BEGIN');
      appendsInTransaction = 0;
    }
  }
  db.exec('COMMIT');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The directory of a store of `events` events under `dir` (its `events.db` written first when missing). */
export function relayFixture(dir: string, events: number): string {
  const dataDir = join(dir, `relay-${events}`);
  if (existsSync(join(dataDir, 'events.db'))) return dataDir;
  mkdirSync(dataDir, { recursive: true });
  const partial = join(dataDir, 'events.db.partial'); // what a stopped run wrote: filled on from its last commit
  fill(partial, events);
  renameSync(partial, join(dataDir, 'events.db')); // a killed run leaves no store that looks complete
  return dataDir;
}

if (import.meta.filename === process.argv[1]) {
  const [dir, events] = process.argv.slice(2);
  if (!dir || !Number.isInteger(Number(events)) || Number(events) < 2) {
    console.error('usage: node tests/bench/relay-fixture.ts <dir> <events ≥ 2>');
    process.exit(2);
  }
  const started = performance.now();
  const dataDir = relayFixture(dir, Number(events));
  console.log(`${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
