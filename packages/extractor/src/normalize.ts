/**
 * Raw PDF text -> one running text the rules can read, with a map back to the raw file.
 * Lines are joined (a PDF line break is not a sentence break), blank lines, stand-alone page numbers and
 * all spacing are dropped, full-width digits are folded, traditional characters read as simplified. A paragraph
 * break survives as "\n".
 */
import { simplifiedForMatching } from './simplified.ts';

export interface NormalizedText {
  text: string;
  /** rawOffsets[i] is the raw code-unit offset of text[i]; one extra entry for the end. */
  rawOffsets: number[];
  /** Where a closing block of tab-indented paragraphs starts (excerpts repeated from the body), else text.length. */
  repeatedFrom: number;
}

const PAGE_NUMBER = /^[\s—–\-－]*\d{1,3}[\s—–\-－]*$/;
const SPACING = /[\s\u3000\u00a0]/;
/** A line opening with a section marker starts a new paragraph: （一）, 一、, 1., 一是, ——. */
const SECTION_START =
  /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、](?!\d)|[一二三四五六七八九十]+是|——)/;
/** A line ending so never ends a paragraph: a paragraph does not end in a comma either. */
const SENTENCE_END = /[。！？；：!?;:，、,]$/;

interface RawLine {
  start: number;
  text: string;
}

export function normalizeText(raw: string): NormalizedText {
  const lines = contentLines(raw);
  const fullWidth = typicalWidth(lines);
  const chars: string[] = [];
  const rawOffsets: number[] = [];
  let previous: RawLine | undefined;
  let repeatedFrom: number | undefined;
  for (const line of lines) {
    if (!line.text.startsWith('\t')) repeatedFrom = undefined;
    else repeatedFrom ??= chars.length + (previous ? 1 : 0);
    if (previous && startsParagraph(previous, line, fullWidth)) {
      chars.push('\n');
      rawOffsets.push(previous.start + previous.text.length);
    }
    for (let i = 0; i < line.text.length; i++) {
      const c = line.text[i]!;
      if (SPACING.test(c)) continue;
      chars.push(foldWidth(c));
      rawOffsets.push(line.start + i);
    }
    previous = line;
  }
  rawOffsets.push(raw.length);
  return { text: simplifiedForMatching(chars.join('')), rawOffsets, repeatedFrom: repeatedFrom ?? chars.length };
}

function contentLines(raw: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (const text of raw.split('\n')) {
    if (text.trim() !== '' && !PAGE_NUMBER.test(text)) lines.push({ start, text });
    start += text.length + 1;
  }
  return lines;
}

/** The width of a full PDF line: shorter lines that end without punctuation are headings or paragraph ends. */
function typicalWidth(lines: readonly RawLine[]): number {
  const widths = lines.map((l) => visibleLength(l.text)).sort((a, b) => a - b);
  return widths[Math.floor(widths.length * 0.75)] ?? 0;
}

function visibleLength(text: string): number {
  return text.replace(/\s/g, '').length;
}

function startsParagraph(previous: RawLine, line: RawLine, fullWidth: number): boolean {
  if (line.text.startsWith('\t')) return true; // the repeated excerpts appended to some files
  const trimmed = line.text.trim();
  if (SECTION_START.test(trimmed)) return true;
  const before = previous.text.trim();
  if (SENTENCE_END.test(before)) return false;
  // A section heading: marker, no full stop, shorter than a full line.
  if (SECTION_START.test(before) && !before.includes('。') && visibleLength(before) < fullWidth) return true;
  return visibleLength(before) < fullWidth * 0.6;
}

function foldWidth(c: string): string {
  const code = c.charCodeAt(0);
  // Full-width ASCII (digits, ％, ．, letters) to half width; CJK punctuation such as （ stays as written.
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
  if (code >= 0xff21 && code <= 0xff5a) return String.fromCharCode(code - 0xfee0);
  if (c === '％') return '%';
  if (c === '．') return '.';
  if (c === '＋') return '+';
  // 16.6︰43.9︰39.5: the ratio colons of a structure read like ASCII ones (never punctuation in running text).
  if (c === '︰' || c === '∶') return ':';
  return c;
}

/** The raw span [start, end) of the normalized span [from, to). */
export function rawSpan(normalized: NormalizedText, from: number, to: number): { start: number; end: number } {
  return { start: normalized.rawOffsets[from]!, end: normalized.rawOffsets[to - 1]! + 1 };
}
