import { it, expect } from '@jest/globals';
import fc from 'fast-check';
import { availableFrom, type FigureStatus } from '@ledger/domain';
import { answerFromEvents } from '../testing/answer-from-events.ts';
import { ledgerHistory, keyOf, SERIES, type TestSource } from '../testing/ledger-history.ts';
import { compareText } from '../observation.ts';
import type { LedgerQueries, ObservationKey, ObservationView, PointInTime, VintageView } from '../read-model-types.ts';
import { ledgerStore, type OpenReadModels } from './harness.ts';

const SOURCES = 4;
/** Two series of one region, a region's own and an entity's, with units that scale onto one base. */
const SUBJECTS = [
  { series: SERIES.gdp, units: ['亿元', '万元'] },
  { series: SERIES.vaccine, units: [''] },
] as const;

/**
 * A region's snapshot read two observations a page, each page after the last one's key; sorted as regionSnapshot
 * sorts, since the pages follow the database's collation.
 */
async function snapshotByPages(queries: LedgerQueries, region: string, at: PointInTime): Promise<ObservationView[]> {
  const read: ObservationView[] = [];
  let after: ObservationKey | undefined;
  do {
    const page = await queries.regionSnapshotPage(region, { at, limit: 2, ...(after && { after }) });
    expect(page.observations.length).toBeLessThanOrEqual(2);
    expect(page.series.map((s) => s.seriesKey).sort()).toEqual(
      [...new Set(page.observations.map((o) => o.seriesKey))].sort(),
    );
    read.push(...page.observations);
    const last = page.observations.at(-1);
    after = page.more && last ? { seriesKey: last.seriesKey, period: last.period, track: last.track } : undefined;
  } while (after);
  return read.sort(
    (a, b) => compareText(a.seriesKey, b.seriesKey) || compareText(a.period, b.period) || compareText(a.track, b.track),
  );
}

const day = (year: number, month: number, d: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const dateArb = fc.tuple(
  fc.integer({ min: 2020, max: 2024 }),
  fc.integer({ min: 1, max: 12 }),
  fc.integer({ min: 1, max: 28 }),
);
/** Publication dates known to the day, the month or only the year, in any order. */
const publishedArb = fc
  .tuple(dateArb, fc.constantFrom(4, 7, 10))
  .map(([[y, m, d], length]) => day(y, m, d).slice(0, length));

const reportArb = fc.record({
  kind: fc.constant('report' as const),
  source: fc.nat(SOURCES - 1),
  subject: fc.nat(SUBJECTS.length - 1),
  period: fc.constantFrom('2022', '2023'),
  status: fc.constantFrom<FigureStatus>('actual', 'actual', 'estimate', 'target'),
  value: fc.constantFrom('1', '2', '10000'),
  unit: fc.nat(1),
  comparator: fc.constantFrom('eq', 'eq', 'gt' as const),
});

const correctArb = fc.record({
  kind: fc.constant('correct' as const),
  figure: fc.nat(),
  period: fc.constantFrom('2022', '2023'),
  status: fc.constantFrom<FigureStatus>('actual', 'estimate', 'target'),
  value: fc.constantFrom('1', '3'),
  /** Cite another registered source as the evidence, or (out of range) keep the corrected figure's citations. */
  source: fc.nat(SOURCES * 2),
});

const actionArb = fc.oneof(
  { weight: 6, arbitrary: reportArb },
  { weight: 2, arbitrary: correctArb },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), figure: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('register' as const), source: fc.nat(SOURCES - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('catchUp' as const) }) },
);

const runArb = fc.record({
  published: fc.array(publishedArb, { minLength: SOURCES, maxLength: SOURCES }),
  actions: fc.array(actionArb, { minLength: 10, maxLength: 40 }),
  batchSize: fc.integer({ min: 1, max: 6 }),
  dates: fc.array(
    dateArb.map(([y, m, d]) => day(y, m, d)),
    { minLength: 3, maxLength: 6 },
  ),
  positions: fc.array(fc.nat(60), { minLength: 3, maxLength: 6 }),
});

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The vintages whose publication interval holds `date`. */
function vintagesHolding(vintages: readonly VintageView[], date: string): string[] {
  return vintages
    .filter((v) => v.publishedFrom <= date && (v.supersededFrom === null || date < v.supersededFrom))
    .map((v) => v.figureId);
}

/**
 * Random histories (reports, corrections, retractions, sources published out of order, several sources per
 * observation), applied in random batches: every point-in-time answer of the read models equals a replay of the events.
 */
export function describePointInTimeProperty(open: OpenReadModels, runs: number): void {
  it(`answers every point in time as a replay of the events does, incrementally and after a rebuild (${runs} random histories)`, async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async (run) => {
        const { store, clock } = ledgerStore();
        const history = ledgerHistory(store);
        const models = await open({ batchSize: run.batchSize });
        try {
          const sources = new Map<number, TestSource>();
          /** Registers a source when first used: sources join in random order with random publication dates. */
          const source = async (i: number) => {
            if (!sources.has(i)) sources.set(i, await history.register(`doc-${i}`, run.published[i]!));
            return sources.get(i)!;
          };
          const standing: Array<{ figureId: string; seriesKey: string }> = [];
          for (const action of run.actions) {
            clock.advance(1);
            if (action.kind === 'register') {
              await source(action.source);
            } else if (action.kind === 'report') {
              const { series, units } = SUBJECTS[action.subject]!;
              const unit = units[action.unit % units.length]!;
              const figureId = await history.report(await source(action.source), { ...action, series, unit });
              if (!standing.some((f) => f.figureId === figureId)) standing.push({ figureId, seriesKey: keyOf(series) });
            } else if ((action.kind === 'correct' || action.kind === 'retract') && standing.length > 0) {
              const [target] = standing.splice(action.figure % standing.length, 1);
              if (action.kind === 'retract') await history.retract(target!.figureId, target!.seriesKey);
              else {
                const unit = target!.seriesKey === keyOf(SERIES.gdp) ? '亿元' : '';
                const correction = { period: action.period, value: action.value, unit, status: action.status };
                const figureId = await history.correct(
                  target!.figureId,
                  target!.seriesKey,
                  correction,
                  sources.get(action.source),
                );
                standing.push({ figureId, seriesKey: target!.seriesKey });
              }
            } else if (action.kind === 'catchUp') {
              await models.projector.catchUp(store);
            }
          }
          await models.projector.catchUp(store);

          const events = await store.readAll({ maxCount: Number.MAX_SAFE_INTEGER });
          const boundaries = [...sources.values()].flatMap((s) => [
            availableFrom(s.published),
            dayBefore(availableFrom(s.published)),
          ]);
          const dates = [...boundaries, ...run.dates];
          const points: PointInTime[] = [
            {},
            ...dates.map((publishedBy) => ({ publishedBy })),
            ...run.positions.map((recordedAtPosition) => ({ recordedAtPosition })),
            ...run.positions.map((p, i) => ({ recordedAtPosition: p, publishedBy: dates[i % dates.length]! })),
            ...run.positions
              .filter((p) => p >= 1 && p <= events.length)
              .map((p) => ({ recordedAtTime: events[p - 1]!.recordedAt })),
          ];
          // Incrementally projected, then rebuilt in bulk from the same events: both answer as the replay does.
          for (const rebuilt of [false, true]) {
            if (rebuilt) await models.projector.rebuild(store);
            for (const at of points) {
              const expected: ObservationView[] = [];
              for (const { series } of SUBJECTS) {
                const answer = answerFromEvents(events, keyOf(series), at);
                expect(await models.queries.observations(keyOf(series), at)).toEqual(answer);
                expected.push(...answer);
              }
              expect(await models.queries.regionSnapshot('370112', at)).toEqual(expected);
              expect(await snapshotByPages(models.queries, '370112', at)).toEqual(expected);
              expect(await models.queries.regionObservationCount('370112', at)).toBe(expected.length);
            }
            // The vintages hold, at every date, exactly the best values as published by then.
            for (const { series } of SUBJECTS) {
              const vintages = await models.queries.vintages(keyOf(series));
              for (const date of dates) {
                const best = answerFromEvents(events, keyOf(series), { publishedBy: date }).map((o) => o.best.figureId);
                expect(vintagesHolding(vintages, date).sort()).toEqual(best.sort());
              }
            }
          }
        } finally {
          await models.close();
        }
      }),
      { numRuns: runs },
    );
    // Many small databases, each rebuilt beside and swapped: slow on a loaded machine, not a time target.
  }, 180_000);
}
