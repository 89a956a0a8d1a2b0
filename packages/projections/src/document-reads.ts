import type { Citation, Comparator, FigureStatus } from '@ledger/domain';
import { figureFromRow } from './rows.ts';
import type { ReadModelDb } from './schema.ts';
import type { CitedSpan, FigurePage, FigurePageRequest, FigureView } from './read-model-types.ts';

/** A page of the figures citing a document first, in record order, read by keyset on the position. */
export async function documentFigurePage(
  db: ReadModelDb,
  documentId: string,
  { limit, afterPosition }: FigurePageRequest,
): Promise<FigurePage> {
  const rows = await db
    .selectFrom('figures')
    .selectAll()
    .where('document_id', '=', documentId)
    .$if(afterPosition !== undefined, (q) => q.where('position', '>', afterPosition!))
    .orderBy('position')
    .limit(limit + 1)
    .execute();
  return { figures: rows.slice(0, limit).map(figureFromRow), more: rows.length > limit };
}

/**
 * The spans of a document those figures cite, each once with the first figure recorded citing it: as many as the
 * text has cited places, however many figures repeat them, so a page can highlight every one of them at once. Read
 * unsorted (sorting thousands of rows with their citations costs more than keeping the earliest per span here).
 */
export async function documentSpans(db: ReadModelDb, documentId: string): Promise<CitedSpan[]> {
  const rows = await db
    .selectFrom('figures')
    .select(['figure_id', 'value', 'unit', 'comparator', 'status', 'standing', 'position', 'citations'])
    .where('document_id', '=', documentId)
    .execute();
  const spans = new Map<string, CitedSpan>();
  for (const row of rows) {
    const cited = new Set<string>();
    for (const { documentId: cites, charStart, charEnd } of JSON.parse(row.citations) as Citation[]) {
      const key = `${charStart}:${charEnd}`;
      if (cites !== documentId || cited.has(key)) continue;
      cited.add(key);
      const span = spans.get(key);
      const position = Number(row.position);
      const first = {
        figureId: row.figure_id,
        value: row.value,
        unit: row.unit,
        comparator: row.comparator as Comparator,
        status: row.status as FigureStatus,
        standing: row.standing as FigureView['standing'],
        position,
      };
      if (!span) spans.set(key, { charStart, charEnd, figureCount: 1, first });
      else {
        span.figureCount++;
        if (position < span.first.position) span.first = first;
      }
    }
  }
  return [...spans.values()].sort((a, b) => a.first.position - b.first.position);
}
