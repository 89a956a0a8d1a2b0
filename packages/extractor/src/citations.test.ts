import { describe, it, expect } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { checkCitation } from '@ledger/domain';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { extractFigures, groupObservations } from './index.ts';

const SEEDS = fileURLToPath(new URL('../../../seeds', import.meta.url));
const documents = await loadDocumentDirectory(SEEDS);

describe('citations of every figure of every seed', () => {
  it.each(documents.map((d) => [d.metadata.fileName, d] as const))(
    '%s: quote, line and column point into the raw text',
    (_name, document) => {
      const figures = extractFigures(document);
      expect(figures.length).toBeGreaterThan(10);
      const chars = Array.from(document.raw);
      for (const f of figures) {
        expect(f.quote).toBe(chars.slice(f.charStart, f.charEnd).join(''));
        expect(f.quote.replace(/\s/g, '').startsWith(f.number)).toBe(true);
        const citation = {
          documentId: f.documentId,
          documentSha256: f.documentSha256,
          line: f.line,
          column: f.column,
          charStart: f.charStart,
          charEnd: f.charEnd,
          quote: f.quote,
        };
        expect(checkCitation(document.raw, citation)).toEqual({ ok: true });
      }
    },
  );

  it('keeps document order', () => {
    for (const document of documents) {
      const starts = extractFigures(document).map((f) => f.charStart);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
  });

  it('groups an excerpt repeated at the end of a document with its original', () => {
    const document = documents.find((d) => d.raw.includes('\n\t'))!;
    const observations = groupObservations(extractFigures(document));
    expect(observations.some((o) => o.citations.length > 1 && new Set(o.citations.map((c) => c.line)).size > 1)).toBe(
      true,
    );
  });
});
