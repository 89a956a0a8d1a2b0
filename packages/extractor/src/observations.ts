import { normalizeDecimal, type Citation, type Decimal } from '@ledger/domain';
import type { ExtractedFigure } from './extract.ts';

export type FigureCitation = Citation;

/** One figure of a document, however often the document repeats it, with a citation per occurrence. */
export interface Observation {
  figure: ExtractedFigure;
  citations: FigureCitation[];
}

/**
 * Same subject, indicator, kind, unit, value, bound, status and period in one document: one observation.
 * The first occurrence stands for the figure; every occurrence is cited.
 */
export function groupObservations(figures: readonly ExtractedFigure[]): Observation[] {
  const byKey = new Map<string, Observation>();
  for (const figure of figures) {
    const key = observationKey(figure);
    const found = byKey.get(key);
    if (found) found.citations.push(citationOf(figure));
    else byKey.set(key, { figure, citations: [citationOf(figure)] });
  }
  return [...byKey.values()];
}

function observationKey(f: ExtractedFigure): string {
  return JSON.stringify([
    f.documentId,
    f.regionCode,
    f.entity ?? '',
    f.indicatorCode,
    f.kind,
    f.unit,
    normalizeDecimal(f.value as Decimal),
    f.comparator,
    f.status,
    f.period,
  ]);
}

function citationOf(f: ExtractedFigure): FigureCitation {
  return {
    documentId: f.documentId,
    documentSha256: f.documentSha256,
    line: f.line,
    column: f.column,
    charStart: f.charStart,
    charEnd: f.charEnd,
    quote: f.quote,
  };
}
