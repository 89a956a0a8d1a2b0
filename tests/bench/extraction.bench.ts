// Extraction speed over the five seed documents: the whole pipeline from raw text to figures.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { extractFigures } from '@ledger/extractor';

const ROUNDS = 20;

export async function benchExtraction(): Promise<Record<string, number | string>> {
  const documents = await loadDocumentDirectory(fileURLToPath(new URL('../../seeds', import.meta.url)));
  let figures = documents.reduce((n, d) => n + extractFigures(d).length, 0); // warm-up, and the count per pass
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) figures = documents.reduce((n, d) => n + extractFigures(d).length, 0);
  const cpu = process.cpuUsage(cpuBefore);
  const ms = (performance.now() - started) / ROUNDS;
  // On a shared machine the wall clock counts time spent waiting for a core; CPU time shows the work itself.
  const cpuMs = (cpu.user + cpu.system) / 1000 / ROUNDS;
  return {
    ms: Math.round(ms * 100) / 100,
    figuresPerSecond: Math.round((figures / ms) * 1000),
    figures,
    'figures per CPU-second': Math.round((figures / cpuMs) * 1000),
    'load average (1, 5, 15 min)': loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}
