import { shiftDecimal, resolveUnit, type Decimal } from '@ledger/domain';
import type { Track, VintageView } from '@ledger/projections';

/** ALFRED's end of the real-time period of a value still current. */
export const STILL_CURRENT = '9999-12-31';

const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);

/** The vintages of one track that ever were the best value (a non-empty real-time period), by period then date. */
function realTimePeriods(vintages: readonly VintageView[], track: Track) {
  return vintages.filter((v) => v.track === track && v.standing === 'active' && v.supersededFrom !== v.publishedFrom);
}

/** Values are written in one unit, the current best figure's, converted exactly from the base unit. */
export function displayUnitOf(vintages: readonly VintageView[], track: Track): string {
  const current = realTimePeriods(vintages, track).filter((v) => v.supersededFrom === null);
  return current[current.length - 1]?.unit ?? '';
}

const inUnit = (v: VintageView, unit: string) =>
  unit === '' ? v.value : shiftDecimal(v.baseValue as Decimal, -resolveUnit(unit).exponent);

/** ALFRED's long shape: each value with the first and last day it was current. */
export function longShape(vintages: readonly VintageView[], track: Track, unit: string) {
  return {
    header: ['period', 'realtime_start', 'realtime_end', 'value'],
    rows: realTimePeriods(vintages, track).map((v) => [
      v.period,
      v.publishedFrom,
      v.supersededFrom === null ? STILL_CURRENT : dayBefore(v.supersededFrom),
      inUnit(v, unit),
    ]),
  };
}

/** ALFRED's initial-release shape: the first value published for each period. */
export function initialShape(vintages: readonly VintageView[], track: Track, unit: string) {
  const first = new Map<string, VintageView>();
  for (const v of realTimePeriods(vintages, track)) if (!first.has(v.period)) first.set(v.period, v);
  return {
    header: ['period', 'realtime_start', 'value'],
    rows: [...first.values()].map((v) => [v.period, v.publishedFrom, inUnit(v, unit)]),
  };
}

/** ALFRED's wide shape: one column per vintage date, each cell the value current on that date (empty before any). */
export function wideShape(vintages: readonly VintageView[], track: Track, unit: string) {
  const periods = realTimePeriods(vintages, track);
  const dates = [...new Set(periods.map((v) => v.publishedFrom))].sort();
  const byPeriod = new Map<string, VintageView[]>();
  for (const v of periods) byPeriod.set(v.period, [...(byPeriod.get(v.period) ?? []), v]);
  return {
    header: ['period', ...dates],
    rows: [...byPeriod].map(([period, values]) => [
      period,
      ...dates.map((date) => {
        const current = values.find(
          (v) => v.publishedFrom <= date && (v.supersededFrom === null || date < v.supersededFrom),
        );
        return current ? inUnit(current, unit) : '';
      }),
    ]),
  };
}
