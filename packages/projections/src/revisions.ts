import { subtractDecimals, compareDecimals, type Comparator, type Decimal } from '@ledger/domain';
import { compareText, differences } from './observation.ts';
import type { FigureView, Track, VintageView } from './read-model-types.ts';

/** A figure as a revision table shows it. */
export type RevisionValue = Pick<
  FigureView,
  'figureId' | 'value' | 'unit' | 'baseValue' | 'comparator' | 'status' | 'documentId' | 'published' | 'availableFrom'
>;

export interface Revision {
  from: RevisionValue;
  to: RevisionValue;
  /** The publication date from which `to` replaced `from` as the best value. */
  date: string;
  /** to − from in the series' base unit, exact. */
  size: string;
  daysSincePrevious: number;
}

export interface ObservationRevisions {
  period: string;
  track: Track;
  firstRelease: RevisionValue;
  latest: RevisionValue;
  /** Only changes of value or comparator: a later source repeating the value, or an actual confirming an estimate, is none. */
  revisions: Revision[];
}

export interface TargetAttainment {
  period: string;
  target: RevisionValue;
  result: RevisionValue;
  /** result − target in the series' base unit. */
  gap: string;
  /**
   * Whether the result meets the target: at most the target for a ceiling (以内, 不到, 前N名: lt/lte), at least the
   * target otherwise (超过, 以上, 左右 and stated values). Null when the result is itself a bound that cannot tell.
   */
  attained: boolean | null;
}

export interface SeriesRevisions {
  observations: ObservationRevisions[];
  targets: TargetAttainment[];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

const valueOf = (f: FigureView): RevisionValue => ({
  figureId: f.figureId,
  value: f.value,
  unit: f.unit,
  baseValue: f.baseValue,
  comparator: f.comparator,
  status: f.status,
  documentId: f.documentId,
  published: f.published,
  availableFrom: f.availableFrom,
});

const CEILINGS: ReadonlySet<Comparator> = new Set(['lt', 'lte']);
const FLOORS: ReadonlySet<Comparator> = new Set(['gt', 'gte']);

function attainment(target: RevisionValue, result: RevisionValue): boolean | null {
  const order = compareDecimals(result.baseValue as Decimal, target.baseValue as Decimal);
  const ceiling = CEILINGS.has(target.comparator);
  const met = ceiling ? order <= 0 : order >= 0;
  // "超过 5" against a target of 6 could be either; "超过 7" against 6 is met.
  const resultBound = CEILINGS.has(result.comparator) ? 'ceiling' : FLOORS.has(result.comparator) ? 'floor' : null;
  if (resultBound === null || met === (resultBound === (ceiling ? 'ceiling' : 'floor'))) return met;
  return null;
}

/**
 * The revision history of a series from its vintages: per period and track, the sequence of best values as sources
 * were published (ALFRED's real-time periods), the first release, the latest value and each change; and per period the
 * best result against the best target.
 */
export function revisionsOf(vintages: readonly VintageView[]): SeriesRevisions {
  const timelines = new Map<string, VintageView[]>();
  for (const v of vintages) {
    // A vintage whose interval is empty never was the best value.
    if (v.standing !== 'active' || v.supersededFrom === v.publishedFrom) continue;
    const key = `${v.period}\n${v.track}`;
    timelines.set(key, [...(timelines.get(key) ?? []), v]);
  }
  const observations = [...timelines.values()]
    .map((timeline) =>
      timeline.sort((a, b) => compareText(a.publishedFrom, b.publishedFrom) || a.position - b.position),
    )
    .map((timeline): ObservationRevisions => {
      const revisions: Revision[] = [];
      let previous = timeline[0]!;
      for (const next of timeline.slice(1)) {
        if (differences(previous, next).length === 0) continue;
        revisions.push({
          from: valueOf(previous),
          to: valueOf(next),
          date: next.publishedFrom,
          size: subtractDecimals(next.baseValue as Decimal, previous.baseValue as Decimal),
          daysSincePrevious: daysBetween(previous.publishedFrom, next.publishedFrom),
        });
        previous = next;
      }
      return {
        period: timeline[0]!.period,
        track: timeline[0]!.track,
        firstRelease: valueOf(timeline[0]!),
        latest: valueOf(timeline[timeline.length - 1]!),
        revisions,
      };
    })
    .sort((a, b) => compareText(a.period, b.period) || compareText(a.track, b.track));

  const latestOf = new Map(observations.map((o) => [`${o.period}\n${o.track}`, o.latest]));
  const targets = observations.flatMap((o): TargetAttainment[] => {
    if (o.track !== 'target') return [];
    const result = latestOf.get(`${o.period}\nresult`);
    if (!result) return [];
    return [
      {
        period: o.period,
        target: o.latest,
        result,
        gap: subtractDecimals(result.baseValue as Decimal, o.latest.baseValue as Decimal),
        attained: attainment(o.latest, result),
      },
    ];
  });
  return { observations, targets };
}
