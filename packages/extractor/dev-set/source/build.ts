/**
 * Builds the development set from its marked-up sources: `node packages/extractor/dev-set/source/build.ts`.
 * A source is a JSON header, a line `---`, then the text, where every figure is written as
 * ⟦written|indicator|kind|status|comparator|period|region|value|unit|note⟧ (trailing fields optional).
 * kind: l level, c count, g growth, s share, r rank, k ratio, o other; status: a actual, t target, e estimate.
 * Defaults: comparator eq; period the review year (a, e) or the target year (t); region the document's;
 * value the number; unit what follows the number in `written`, without 余/多.
 * It writes the text (UTF-8, GBK bytes or an HTML page), `<id>.jsonl` with one gold record per figure, and the manifest.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js/cn2t';
import { parseChineseNumeral } from '../../src/chinese-numerals.ts';
import { decodeText } from '../../src/decode-text.ts';

interface Header {
  documentId: string;
  title: string;
  kind: string;
  publisher: string;
  regionCode: string;
  published: string;
  periodCovered: string;
  region: string;
  review: number;
  target: number;
  encoding: 'utf-8' | 'gbk' | 'html';
  traditional?: boolean;
  /** Wraps lines at this many characters, as text taken from a PDF is. */
  wrap?: number;
}

const KINDS: Record<string, string> = {
  l: 'level',
  c: 'count',
  g: 'growth',
  s: 'share',
  r: 'rank',
  k: 'ratio',
  o: 'other',
};
const STATUSES: Record<string, string> = { a: 'actual', t: 'target', e: 'estimate' };
const EXTENSION = { 'utf-8': 'txt', gbk: 'txt', html: 'html' } as const;
const MEDIA_TYPE = { 'utf-8': 'text/plain; charset=utf-8', gbk: 'text/plain; charset=gbk', html: 'text/html' } as const;

const here = new URL('.', import.meta.url).pathname;
const out = join(here, '..');
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
const manifest: unknown[] = [];
const table: string[] = [];

for (const file of readdirSync(here)
  .filter((f) => f.endsWith('.src'))
  .sort()) {
  const [head, body] = readFileSync(join(here, file), 'utf8').split('\n---\n') as [string, string];
  const header = JSON.parse(head) as Header;
  const fileName = `${header.documentId}.${EXTENSION[header.encoding]}`;
  const marked: string[] = [];
  const records: Array<Record<string, unknown> & { line: number }> = [];
  for (const source of body.replace(/\n+$/, '').split('\n')) {
    // Text between figures is converted on its own; each figure's number offset is kept for wrapping.
    let line = '';
    const offsets: Array<[record: number, at: number]> = [];
    for (const [i, part] of source.split(/⟦([^⟧]+)⟧/).entries()) {
      if (i % 2 === 0) {
        line += header.traditional ? toTraditional(part) : part;
        continue;
      }
      const record = figureRecord(part, header, fileName);
      offsets.push([records.length, line.length + record.offset]);
      records.push(record.gold);
      line += record.shown;
    }
    for (const chunk of wrap(line, header.wrap)) {
      for (const [record, offset] of offsets)
        if (offset >= chunk.from && offset < chunk.from + chunk.text.length) records[record]!.line = marked.length + 1;
      marked.push(chunk.text);
    }
  }
  const text = `${marked.join('\n')}\n`;
  const bytes =
    header.encoding === 'gbk'
      ? iconv.encode(text, 'gbk')
      : Buffer.from(header.encoding === 'html' ? htmlPage(header.title, marked) : text, 'utf8');
  if (header.encoding === 'gbk' && iconv.decode(bytes, 'gbk') !== text) throw new Error(`${file}: not GBK-encodable`);
  // Lines are those of the decoded text, which is what the extractor reads and citations point into.
  const decoded = decodeText(bytes, { mediaType: MEDIA_TYPE[header.encoding] }).split('\n');
  const lineMap = new Map<number, number>();
  let cursor = 0;
  marked.forEach((line, i) => {
    if (line.trim() === '') return;
    while (cursor < decoded.length && decoded[cursor] !== line.trim()) cursor++;
    if (cursor === decoded.length) throw new Error(`${file}: line ${i + 1} not found in the decoded text`);
    lineMap.set(i + 1, cursor + 1);
  });
  for (const r of records) r.line = lineMap.get(r.line)!;
  writeFileSync(join(out, fileName), bytes);
  writeFileSync(join(out, `${header.documentId}.jsonl`), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const {
    region: _region,
    review: _review,
    target: _target,
    encoding,
    traditional: _traditional,
    wrap: _wrap,
    ...metadata
  } = header;
  manifest.push({
    ...metadata,
    fileName,
    mediaType: MEDIA_TYPE[encoding],
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  table.push(`| \`${header.documentId}.jsonl\` | all | ${records.length} |`);
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ documents: manifest }, null, 2)}\n`);
console.log(table.join('\n'));

interface FigureRecord {
  gold: Record<string, unknown> & { line: number };
  shown: string;
  /** Where the number starts inside `shown`. */
  offset: number;
}

function figureRecord(spec: string, header: Header, fileName: string): FigureRecord {
  const [
    written = '',
    indicator = '',
    kind = '',
    status = 'a',
    comparator = '',
    period = '',
    region = '',
    value = '',
    unit = '',
    note = '',
  ] = spec.split('|');
  // A sign (增长-1.4%) and thousands separators (12,172.3) are part of the number as written.
  const number = /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+|首/.exec(
    written,
  )!;
  const after = written.slice(number.index + number[0].length).replace(/^(余|多)/, '');
  const shown = header.traditional ? toTraditional(written) : written;
  const statusName = STATUSES[status]!;
  const gold = {
    doc: fileName,
    line: 0,
    number: header.traditional ? toTraditional(number[0]) : number[0],
    value:
      value ||
      (/^-?\d/.test(number[0])
        ? number[0].replace(/,/g, '')
        : number[0] === '首'
          ? '1'
          : parseChineseNumeral(number[0])!),
    unit: unit || after,
    indicator,
    kind: KINDS[kind]!,
    comparator: comparator || 'eq',
    status: statusName,
    period: period || String(statusName === 'target' ? header.target : header.review),
    region: region || header.region,
    note,
  };
  if (
    !/^-?\d+(\.\d+)?$/.test(gold.value) ||
    !/^(\d{4}(-\d{4})?|cumulative|)$/.test(gold.period) ||
    /\d/.test(gold.region)
  )
    throw new Error(`a field is out of place in ⟦${spec}⟧`);
  return { gold, shown, offset: number.index };
}

/** PDF-like lines of at most `width` characters, never breaking inside a number. */
function wrap(line: string, width: number | undefined): Array<{ from: number; text: string }> {
  if (!width || line.length <= width) return [{ from: 0, text: line }];
  const chunks: Array<{ from: number; text: string }> = [];
  let from = 0;
  while (line.length - from > width) {
    let cut = from + width;
    while (/[\d.]/.test(line[cut - 1]!) && /[\d.]/.test(line[cut]!)) cut--;
    chunks.push({ from, text: line.slice(from, cut) });
    from = cut;
  }
  chunks.push({ from, text: line.slice(from) });
  return chunks;
}

function htmlPage(title: string, lines: readonly string[]): string {
  const paragraphs = lines
    .filter((l) => l.trim() !== '')
    .map(
      (l) =>
        `    <p>${l.replace(/&/g, '&amp;').replace(/“/g, '&ldquo;').replace(/”/g, '&rdquo;').replace(/</g, '&lt;')}</p>`,
    );
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '  <meta charset="utf-8">',
    `  <title>${title}</title>`,
    '  <style>p { text-indent: 2em; }</style>',
    '  <script>var pageViews = 0;</script>',
    '</head>',
    '<body>',
    '  <nav><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</nav>',
    '  <div class="article">',
    ...paragraphs,
    '  </div>',
    '  <footer>主办单位：市人民政府办公室&nbsp;&nbsp;技术支持：信息中心</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
