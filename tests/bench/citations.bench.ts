import { checkCitation, indexText, type Citation } from '@ledger/domain';

/**
 * 1,000 citations into a 5,000,000-character document: checked against one text index, beside the baseline of
 * checking each against the raw text (a walk of the whole document per citation, as before the index).
 */
export async function benchCitations(): Promise<Record<string, number>> {
  const line = '完成一般公共预算收入 126 亿元，可比增长 6.8%😀\n';
  const raw = line.repeat(Math.ceil(5_000_000 / line.length));
  const lineLength = Array.from(line).length;
  const lines = raw.split('\n').length - 1;
  const citations: Citation[] = Array.from({ length: 1000 }, (_, i) => {
    const lineNo = 1 + ((i * 7919) % lines);
    const charStart = (lineNo - 1) * lineLength + 11;
    return {
      documentId: 'bench',
      documentSha256: '0'.repeat(64),
      line: lineNo,
      column: 12,
      charStart,
      charEnd: charStart + 6,
      quote: '126 亿元',
    };
  });
  const time = (work: () => void) => {
    const started = performance.now();
    work();
    return Math.round(performance.now() - started);
  };
  const indexMs = time(() => void indexText(raw));
  const index = indexText(raw);
  const indexedMs = time(() => citations.forEach((c) => checkCitation(index, c)));
  // The baseline walks the text per citation: 50 citations are enough to see it, scaled to 1,000.
  const perCitationMs = time(() => citations.slice(0, 50).forEach((c) => checkCitation(raw, c))) * 20;
  return {
    'index the document once (ms)': indexMs,
    '1,000 citations against the index (ms)': indexedMs,
    'baseline: 1,000 citations, text walked per citation (ms)': perCitationMs,
  };
}
