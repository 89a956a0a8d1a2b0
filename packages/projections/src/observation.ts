import { compareDecimals, type Comparator, type Decimal, type FigureStatus } from '@ledger/domain';
import { observationKey } from './figure.ts';
import type { ConflictSummary, FigureView, ObservationView } from './read-model-types.ts';

/** What the best-value choice and the agreement checks need of a figure. */
export type Contender = Pick<
  FigureView,
  'figureId' | 'seriesKey' | 'period' | 'track' | 'status' | 'availableFrom' | 'position' | 'baseValue' | 'comparator'
>;

const STATUS_RANK: Record<FigureStatus, number> = { estimate: 0, actual: 1, target: 0 };

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A bound (超过 1000 亿元) is consistent with a stated value (1265 亿元) but says less, so it never replaces one. */
const isPointValue = (comparator: Comparator): number => (comparator === 'eq' || comparator === 'approx' ? 1 : 0);

/**
 * Orders the figures of one observation from worst to best: a stated value beats a bound; for results an actual
 * beats an estimate; then the later source wins (the latest publication is the best knowledge), then the later record.
 */
export function compareForBest(a: Contender, b: Contender): number {
  return (
    isPointValue(a.comparator) - isPointValue(b.comparator) ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    compareText(a.availableFrom, b.availableFrom) ||
    a.position - b.position
  );
}

export function bestOf<F extends Contender>(figures: readonly F[]): F | undefined {
  let best: F | undefined;
  for (const figure of figures) if (!best || compareForBest(figure, best) > 0) best = figure;
  return best;
}

export interface Reading {
  baseValue: string;
  comparator: Comparator;
}

/** How two readings differ; exact decimals, so "126" 亿元 and "12600" 万元 read the same. */
export function differences(a: Reading, b: Reading): Array<'value' | 'comparator'> {
  const out: Array<'value' | 'comparator'> = [];
  if (compareDecimals(a.baseValue as Decimal, b.baseValue as Decimal) !== 0) out.push('value');
  if (a.comparator !== b.comparator) out.push('comparator');
  return out;
}

const byPublication = (a: Contender, b: Contender): number =>
  compareText(a.availableFrom, b.availableFrom) || a.position - b.position;

/**
 * The best figure of one observation with the figures that agree with it and those that contradict it. An earlier
 * estimate replaced by a different actual is a revision (see vintages), not a conflict: only the same status conflicts.
 */
export function observationOf(figures: readonly FigureView[]): ObservationView {
  const best = bestOf(figures);
  if (!best) throw new RangeError('an observation needs at least one figure');
  const others = figures.filter((f) => f !== best).sort(byPublication);
  return {
    seriesKey: best.seriesKey,
    period: best.period,
    track: best.track,
    best,
    corroborations: others.filter((f) => differences(f, best).length === 0),
    conflicts: others.flatMap((f) => {
      const differsIn = differences(f, best);
      return f.status === best.status && differsIn.length > 0 ? [{ ...f, differsIn }] : [];
    }),
  };
}

/** Groups standing figures into observations, ordered by series, period and track. */
export function observationsOf(figures: readonly FigureView[]): ObservationView[] {
  return [...groupByObservation(figures).values()]
    .map(observationOf)
    .sort(
      (a, b) =>
        compareText(a.seriesKey, b.seriesKey) || compareText(a.period, b.period) || compareText(a.track, b.track),
    );
}

export function groupByObservation<F extends Contender>(figures: readonly F[]): Map<string, F[]> {
  const groups = new Map<string, F[]>();
  for (const figure of figures) {
    const key = observationKey(figure);
    const group = groups.get(key);
    if (group) group.push(figure);
    else groups.set(key, [figure]);
  }
  return groups;
}

/** Whether standing figures of one status disagree: at least two distinct readings among them. Each pair once, and no figure with itself (exact decimal comparison is not cheap). */
export function isConflicting(figures: readonly Contender[]): boolean {
  return figures.some((a, i) => figures.some((b, j) => j > i && a.status === b.status && differences(a, b).length > 0));
}

/** The distinct readings of one observation's standing figures, by status, each with the figures that give it. */
export function distinctReadings(figures: readonly FigureView[]): ConflictSummary['values'] {
  const readings: ConflictSummary['values'] = [];
  const firstOf: FigureView[] = [];
  for (const figure of [...figures].sort(byPublication)) {
    const i = firstOf.findIndex((f) => f.status === figure.status && differences(f, figure).length === 0);
    if (i >= 0) readings[i]!.figureIds.push(figure.figureId);
    else {
      firstOf.push(figure);
      readings.push({
        value: figure.value,
        unit: figure.unit,
        comparator: figure.comparator,
        status: figure.status,
        figureIds: [figure.figureId],
      });
    }
  }
  return readings;
}
