import { bestOf, compareText, groupByObservation } from './observation.ts';
import type { FigureView, VintageView } from './read-model-types.ts';

/**
 * For the standing figures of one observation, the publication date from which each stopped being the best value
 * (null while it still is). Figures only ever join as their sources become public, so once beaten a figure never
 * returns: each figure is the best over one interval starting at its own publication, possibly empty.
 */
export function supersededFromDates(standing: readonly FigureView[]): Map<string, string | null> {
  const arrivals = [...standing].sort((a, b) => compareText(a.availableFrom, b.availableFrom));
  const dates = new Map<string, string | null>();
  let best: FigureView | undefined;
  for (let i = 0; i < arrivals.length;) {
    const date = arrivals[i]!.availableFrom;
    const arriving: FigureView[] = [];
    while (i < arrivals.length && arrivals[i]!.availableFrom === date) arriving.push(arrivals[i++]!);
    const next = bestOf(best ? [best, ...arriving] : arriving)!;
    for (const figure of arriving) if (figure !== next) dates.set(figure.figureId, date);
    if (best && best !== next) dates.set(best.figureId, date);
    best = next;
  }
  if (best) dates.set(best.figureId, null);
  return dates;
}

const vintageOrder = (a: FigureView, b: FigureView): number =>
  compareText(a.period, b.period) ||
  compareText(a.track, b.track) ||
  compareText(a.availableFrom, b.availableFrom) ||
  a.position - b.position;

/**
 * Every figure of a series with its publication interval [publishedFrom, supersededFrom), like ALFRED's real-time
 * periods. A superseded or retracted figure never was the ledger's answer as it stands now: its interval is empty.
 */
export function vintagesOf(figures: readonly FigureView[]): VintageView[] {
  const supersededFrom = new Map<string, string | null>();
  for (const group of groupByObservation(figures.filter((f) => f.standing === 'active')).values()) {
    for (const [figureId, date] of supersededFromDates(group)) supersededFrom.set(figureId, date);
  }
  return [...figures].sort(vintageOrder).map((figure) => ({
    ...figure,
    publishedFrom: figure.availableFrom,
    supersededFrom: figure.standing === 'active' ? supersededFrom.get(figure.figureId)! : figure.availableFrom,
  }));
}
