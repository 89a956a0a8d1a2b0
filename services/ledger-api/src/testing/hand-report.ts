import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexText, lineAndColumn } from '@ledger/domain';

const SEEDS = join(import.meta.dirname, '../../../../seeds');
const DOC = '001_08fd8d89df814088';
const raw = readFileSync(join(SEEDS, `${DOC}.txt`), 'utf8');
const sha256 = (
  JSON.parse(readFileSync(join(SEEDS, 'manifest.json'), 'utf8')) as {
    documents: Array<{ documentId: string; sha256: string }>;
  }
).documents.find((d) => d.documentId === DOC)!.sha256;

// Where each quote stands, found once: load generators build thousands of reports a second.
const places = new Map<string, { charStart: number; line: number; column: number }>();
const textIndex = indexText(raw);
function placeOf(quote: string) {
  let place = places.get(quote);
  if (!place) {
    const charStart = raw.indexOf(quote);
    if (charStart < 0) throw new RangeError(`"${quote}" is not in seed ${DOC}`);
    places.set(quote, (place = { charStart, ...lineAndColumn(textIndex, charStart) }));
  }
  return place;
}

/**
 * A figure an analyst reports by hand, citing `quote` exactly where it stands in seed 001; a distinct `indicator`
 * puts it in a series of its own, so that every such report appends.
 */
export function handReport({
  quote = '21.7 万户',
  value = '21.7',
  unit = '万户',
  indicator = '手工核对指标',
  unitBase = '户',
  kind = 'count',
} = {}) {
  const { charStart, line, column } = placeOf(quote);
  return {
    series: {
      subject: { type: 'region', code: '370112' },
      indicatorCode: `X-${indicator}`,
      indicatorName: indicator,
      kind,
      unitBase,
    },
    period: '2022',
    value,
    unit,
    comparator: 'eq',
    status: 'actual',
    numberAsWritten: value,
    citations: [
      { documentId: DOC, documentSha256: sha256, line, column, charStart, charEnd: charStart + quote.length, quote },
    ],
  };
}
