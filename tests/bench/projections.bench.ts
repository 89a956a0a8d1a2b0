import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { canonicalJson } from '@ledger/canonical';
import { createSqliteEventStore, eventHash, GENESIS_HASH, type EventStore } from '@ledger/event-store';
import { openPostgresReadModels, openSqliteReadModels, replay } from '@ledger/projections';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { percentile } from './statistics.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
/** 20 events per series, as in the issue: 1,000,000 events over 50,000 series. */
const SERIES = Math.max(1, Math.round(EVENTS / 20));
const EVENTS_PER_DOCUMENT = 1_000;
const QUERIES = 2_000;
const PAGE = 5_000;

/** A seeded generator, so every run measures the same history. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const seriesOf = (i: number) => ({
  subject: { type: 'region', code: `37${pad(i % 100, 4)}` },
  indicatorCode: `X-指标${Math.floor(i / 100)}`,
  indicatorName: `指标${Math.floor(i / 100)}`,
  kind: 'level',
  unitBase: '元',
});
const seriesKeyOf = (i: number) => `37${pad(i % 100, 4)}:X-指标${Math.floor(i / 100)}:level:元`;

interface Synthetic {
  type: string;
  stream: string;
  data: Record<string, unknown>;
}

/**
 * A history shaped like the ledger's: documents published over ten years (to the day, month or year), each followed
 * by its figures on random series; 3% corrections and 2% retractions of earlier standing figures.
 */
function* syntheticHistory(next: () => number): Generator<Synthetic> {
  const standing: Array<{ figureId: string; seriesKey: string; citations: unknown }> = [];
  let documentId = '';
  let citation: Record<string, unknown> = {};
  for (let n = 0; n < EVENTS; n++) {
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
      const s = Math.floor(next() * SERIES);
      const figureId = randomUUID();
      const citations = [citation];
      standing.push({ figureId, seriesKey: seriesKeyOf(s), citations });
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

/**
 * Fills an event store with the history. A million single-stream appends would spend the run in fsyncs, so the
 * rows go into the store's own table in large transactions, hash-chained exactly as the store chains them.
 */
function fillStore(path: string): void {
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
  for (const { type, stream, data } of syntheticHistory(random(42))) {
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
  db.close();
}

/** The baseline: read the whole global order and fold it in memory, with no read model. */
async function timeReplay(store: EventStore): Promise<number> {
  const started = performance.now();
  const replayed = replay();
  for (let from = 1; ;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    replayed.apply(page);
    if (page.length < PAGE) break;
    from = page.at(-1)!.position + 1;
  }
  return (performance.now() - started) / 1000;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** Events/s of a rebuild into PostgreSQL read models, in a scratch schema; undefined without a PostgreSQL. */
async function rebuildPostgres(store: EventStore): Promise<number | undefined> {
  const postgres = await postgresForTests();
  if (isUnavailable(postgres)) return undefined;
  const schemas = scratchSchemas(postgres.connectionString, 'bench_projections');
  try {
    const models = await openPostgresReadModels({
      connectionString: postgres.connectionString,
      schema: await schemas.create(),
    });
    const started = performance.now();
    const applied = await models.projector.rebuild(store);
    const seconds = (performance.now() - started) / 1000;
    await models.close();
    return applied / seconds;
  } finally {
    await schemas.close();
    await postgres.stop();
  }
}

export async function benchProjections(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  try {
    const eventsPath = join(dir, 'events.db');
    const filling = performance.now();
    fillStore(eventsPath);
    const fillSeconds = (performance.now() - filling) / 1000;
    const store = createSqliteEventStore({ path: eventsPath });

    // The rebuild first: the peak RSS up to its end is the fill's and the rebuild's, before the replay baseline
    // (which holds every figure in memory by design) raises it.
    const models = await openSqliteReadModels({ path: join(dir, 'read-models.db') });
    const rebuilding = performance.now();
    const applied = await models.projector.rebuild(store);
    const rebuildSeconds = (performance.now() - rebuilding) / 1000;
    const rebuildPeakRss = process.resourceUsage().maxRSS / 1024;

    const next = random(7);
    const latencies: number[] = [];
    let observations = 0;
    for (let q = 0; q < QUERIES; q++) {
      const seriesKey = seriesKeyOf(Math.floor(next() * SERIES));
      const publishedBy = `${2015 + Math.floor(next() * 11)}-${pad(1 + Math.floor(next() * 12), 2)}-15`;
      const started = performance.now();
      observations += (await models.queries.observations(seriesKey, { publishedBy })).length;
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    await models.close();
    const postgresRate = process.env.BENCH_POSTGRES === 'off' ? undefined : await rebuildPostgres(store);
    const replaySeconds = await timeReplay(store);
    await store.close();

    const replayRate = applied / replaySeconds;
    const rebuildRate = applied / rebuildSeconds;
    return {
      events: applied,
      series: SERIES,
      'fill event store s': round(fillSeconds, 1),
      'replay baseline events/s': Math.round(replayRate),
      'rebuild sqlite read models events/s': Math.round(rebuildRate),
      'ratio rebuild/replay': round(rebuildRate / replayRate, 2),
      ...(postgresRate !== undefined && {
        'rebuild postgres read models events/s': Math.round(postgresRate),
        'ratio postgres rebuild/replay': round(postgresRate / replayRate, 2),
      }),
      'as-of observations() p50 ms': round(percentile(latencies, 50), 3),
      'as-of observations() p99 ms': round(percentile(latencies, 99), 3),
      'as-of observations per query': round(observations / QUERIES, 1),
      'peak RSS MB, fill and rebuild': Math.round(rebuildPeakRss),
      'peak RSS MB, with the replay baseline': Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
