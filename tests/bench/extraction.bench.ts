// Extraction speed over the five seed documents: the whole pipeline from raw text to figures.
import { fileURLToPath } from 'node:url';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { extractFigures } from '@ledger/extractor';

const ROUNDS = 20;

export async function benchExtraction(): Promise<Record<string, number>> {
  const documents = await loadDocumentDirectory(fileURLToPath(new URL('../../seeds', import.meta.url)));
  let figures = documents.reduce((n, d) => n + extractFigures(d).length, 0); // warm-up, and the count per pass
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) figures = documents.reduce((n, d) => n + extractFigures(d).length, 0);
  const ms = (performance.now() - started) / ROUNDS;
  return { ms: Math.round(ms * 100) / 100, figuresPerSecond: Math.round((figures / ms) * 1000), figures };
}
