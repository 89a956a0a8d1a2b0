import { createHash, randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { canonicalJson } from '@ledger/canonical';
import { createSqliteEventStore, eventHash, GENESIS_HASH } from '@ledger/event-store';

/**
 * A synthetic but valid ledger history for the projections bench, written straight into a SQLite event store file:
 * millions of single-stream appends would spend the run in fsyncs, so the rows go into the store's own table in large
 * transactions, hash-chained exactly as the store chains them (`verify` accepts the file).
 */

const EVENTS_PER_DOCUMENT = 1_000;
/** Corrections and retractions pick among the most recent standing figures: the generator's memory stays flat. */
const RECENT_FIGURES = 100_000;

/** A seeded generator, so every run measures the same history. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
const seriesOf = (i: number) => ({
  subject: { type: 'region', code: `37${pad(i % 100, 4)}` },
  indicatorCode: `X-指标${Math.floor(i / 100)}`,
  indicatorName: `指标${Math.floor(i / 100)}`,
  kind: 'level',
  unitBase: '元',
});
export const seriesKeyOf = (i: number) => `37${pad(i % 100, 4)}:X-指标${Math.floor(i / 100)}:level:元`;

/** 20 events per series, as in the issue: 1,000,000 events over 50,000 series. */
export const seriesCountOf = (events: number) => Math.max(1, Math.round(events / 20));

interface Synthetic {
  type: string;
  stream: string;
  data: Record<string, unknown>;
}

/**
 * A history shaped like the ledger's: documents published over ten years (to the day, month or year), each followed
 * by its figures on random series; 3% corrections and 2% retractions of earlier standing figures.
 */
function* syntheticHistory(events: number, next: () => number): Generator<Synthetic> {
  const series = seriesCountOf(events);
  const standing: Array<{ figureId: string; seriesKey: string; citations: unknown }> = [];
  let documentId = '';
  let citation: Record<string, unknown> = {};
  for (let n = 0; n < events; n++) {
    if (n % EVENTS_PER_DOCUMENT === 0) {
      documentId = `doc-${n / EVENTS_PER_DOCUMENT}`;
      const text = `${documentId} 完成一般公共预算收入 126 亿元`;
      const sha256 = createHash('sha256').update(text).digest('hex');
      const day = `${2015 + Math.floor(next() * 10)}-${pad(1 + Math.floor(next() * 12), 2)}-${pad(1 + Math.floor(next() * 28), 2)}`;
      const published = day.slice(0, [4, 7, 10, 10][Math.floor(next() * 4)]);
      const data = {
        schemaVersion: 1,
        documentId,
        fileName: `${documentId}.txt`,
        title: `${documentId} 政府工作报告`,
        kind: 'work-report',
        publisher: '人民政府',
        regionCode: '370112',
        published,
        periodCovered: '2022',
        sha256,
        text,
      };
      citation = {
        documentId,
        documentSha256: sha256,
        line: 1,
        column: 1,
        charStart: 0,
        charEnd: 10,
        quote: text.slice(0, 10),
      };
      yield { type: 'DocumentRegistered', stream: `document-${documentId}`, data };
      continue;
    }
    const dice = next();
    const value = `${Math.floor(next() * 10_000)}.${Math.floor(next() * 100)}`;
    const reading = {
      period: String(2016 + Math.floor(next() * 9)),
      value,
      unit: next() < 0.5 ? '亿元' : '万元',
      comparator: 'eq',
      status: ['actual', 'actual', 'estimate', 'target'][Math.floor(next() * 4)],
    };
    if (dice < 0.05 && standing.length > 0) {
      const i = Math.floor(next() * standing.length);
      const target = standing[i]!;
      standing[i] = standing.at(-1)!;
      standing.pop();
      if (dice < 0.02) {
        yield {
          type: 'FigureRetracted',
          stream: `series-${target.seriesKey}`,
          data: {
            schemaVersion: 1,
            figureId: target.figureId,
            seriesKey: target.seriesKey,
            reason: 'misread from the source',
          },
        };
      } else {
        const figureId = randomUUID();
        standing.push({ figureId, seriesKey: target.seriesKey, citations: target.citations });
        const data = {
          schemaVersion: 1,
          figureId,
          seriesKey: target.seriesKey,
          supersedes: target.figureId,
          reason: 'final accounts published',
          ...reading,
          citations: target.citations,
        };
        yield { type: 'FigureCorrected', stream: `series-${target.seriesKey}`, data };
      }
    } else {
      const s = Math.floor(next() * series);
      const figureId = randomUUID();
      const citations = [citation];
      standing.push({ figureId, seriesKey: seriesKeyOf(s), citations });
      // The oldest half of the recent figures is let go at once, so trimming is rare.
      if (standing.length > RECENT_FIGURES) standing.splice(0, RECENT_FIGURES / 2);
      const data = {
        schemaVersion: 1,
        figureId,
        seriesKey: seriesKeyOf(s),
        series: seriesOf(s),
        ...reading,
        numberAsWritten: value,
        citations,
      };
      yield { type: 'FigureReported', stream: `series-${seriesKeyOf(s)}`, data };
    }
  }
}

/** Writes `events` events of the synthetic history into a new SQLite event store at `path`. */
export function fillSyntheticStore(path: string, events: number): void {
  createSqliteEventStore({ path }).close(); // the store's table and indexes
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  const insert = db.prepare(
    'INSERT INTO events (position, event_id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Map<string, number>();
  let prevHash = GENESIS_HASH;
  let position = 0;
  const recordedAt = new Date().toISOString();
  db.exec('BEGIN');
  for (const { type, stream, data } of syntheticHistory(events, random(42))) {
    position++;
    const revision = (revisions.get(stream) ?? -1) + 1;
    revisions.set(stream, revision);
    const content = { eventId: randomUUID(), type, stream, revision, position, data, metadata: {}, recordedAt };
    const hash = eventHash(prevHash, content);
    insert.run(
      position,
      content.eventId,
      stream,
      revision,
      type,
      canonicalJson(data),
      '{}',
      recordedAt,
      prevHash,
      hash,
    );
    prevHash = hash;
    if (position % 50_000 === 0) db.exec('COMMIT; BEGIN');
  }
  db.exec('COMMIT');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}
