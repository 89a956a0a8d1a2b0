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
  rawOffsets: Int32Array;
  /** Where a closing block of tab-indented paragraphs starts (excerpts repeated from the body), else text.length. */
  repeatedFrom: number;
}

const PAGE_NUMBER = /^[\s—–\-－]*\d{1,3}[\s—–\-－]*$/;
const SPACING = /[\s\u3000\u00a0]/;
/** Full-width ASCII (digits, ％, ．, letters) to half width; CJK punctuation such as （ stays as written. */
const FOLDED_WIDTH = /[\uff10-\uff19\uff21-\uff5a％．＋︰∶]/g;
/**
 * SPACING and FOLDED_WIDTH as a table over UTF-16 code units, built from the patterns themselves (\s already holds
 * \u3000 and \u00a0, so the table also counts a line's visible width).
 */
const SPACING_UNIT = 1;
const FOLDED_UNIT = 2;
const UNIT_KINDS = new Uint8Array(0x10000);
for (let code = 0; code < UNIT_KINDS.length; code++)
  if (SPACING.test(String.fromCharCode(code))) UNIT_KINDS[code] = SPACING_UNIT;
// Folding subtracts 0xfee0, so only the half-width and full-width forms block can fold, but for the ratio colons.
for (let code = 0xff00; code <= 0xffef; code++)
  if (String.fromCharCode(code).replace(FOLDED_WIDTH, '') === '') UNIT_KINDS[code] = FOLDED_UNIT;
for (const colon of '︰∶') UNIT_KINDS[colon.charCodeAt(0)] = FOLDED_UNIT;
/** A line opening with a section marker starts a new paragraph: （一）, 一、, 1., 一是, ——. */
const SECTION_START =
  /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、](?!\d)|[一二三四五六七八九十]+是|——)/;
/** A line ending so never ends a paragraph: a paragraph does not end in a comma either. */
const SENTENCE_END = /[。！？；：!?;:，、,]$/;

interface RawLine {
  start: number;
  text: string;
  /** Characters other than spacing. */
  width: number;
}

export function normalizeText(raw: string): NormalizedText {
  const lines = contentLines(raw);
  const fullWidth = typicalWidth(lines);
  // The kept text is joined from runs of the raw lines between spacing, checked with a table look-up per character.
  const pieces: string[] = [];
  const rawOffsets = new Int32Array(raw.length + lines.length + 1);
  let length = 0;
  let previous: RawLine | undefined;
  let repeatedFrom: number | undefined;
  for (const line of lines) {
    if (!line.text.startsWith('\t')) repeatedFrom = undefined;
    else repeatedFrom ??= length + (previous ? 1 : 0);
    if (previous && startsParagraph(previous, line, fullWidth)) {
      pieces.push('\n');
      rawOffsets[length++] = previous.start + previous.text.length;
    }
    const { text, start } = line;
    let runStart = 0;
    let folds = false;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : -1;
      const kind = code >= 0 ? UNIT_KINDS[code]! : SPACING_UNIT;
      if (kind !== SPACING_UNIT) {
        rawOffsets[length++] = start + i;
        folds ||= kind === FOLDED_UNIT;
        continue;
      }
      if (i > runStart) pieces.push(folds ? foldWidth(text.slice(runStart, i)) : text.slice(runStart, i));
      runStart = i + 1;
      folds = false;
    }
    previous = line;
  }
  rawOffsets[length] = raw.length;
  return {
    text: simplifiedForMatching(pieces.join('')),
    rawOffsets: rawOffsets.subarray(0, length + 1),
    repeatedFrom: repeatedFrom ?? length,
  };
}

function contentLines(raw: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (const text of raw.split('\n')) {
    if (text.trim() !== '' && !PAGE_NUMBER.test(text)) lines.push({ start, text, width: visibleLength(text) });
    start += text.length + 1;
  }
  return lines;
}

/** The width of a full PDF line: shorter lines that end without punctuation are headings or paragraph ends. */
function typicalWidth(lines: readonly RawLine[]): number {
  const widths = new Int32Array(lines.length);
  lines.forEach((l, i) => (widths[i] = l.width));
  widths.sort(); // a typed array sorts by value
  return widths[Math.floor(widths.length * 0.75)] ?? 0;
}

function visibleLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) if (UNIT_KINDS[text.charCodeAt(i)] !== SPACING_UNIT) length++;
  return length;
}

function startsParagraph(previous: RawLine, line: RawLine, fullWidth: number): boolean {
  if (line.text.startsWith('\t')) return true; // the repeated excerpts appended to some files
  const trimmed = line.text.trim();
  if (SECTION_START.test(trimmed)) return true;
  const before = previous.text.trim();
  if (SENTENCE_END.test(before)) return false;
  // A section heading: marker, no full stop, shorter than a full line.
  // Trimming drops only spacing, so the trimmed line is as wide as the line.
  if (SECTION_START.test(before) && !before.includes('。') && previous.width < fullWidth) return true;
  return previous.width < fullWidth * 0.6;
}

function foldWidth(run: string): string {
  // 16.6︰43.9︰39.5: the ratio colons of a structure read like ASCII ones (never punctuation in running text).
  return run.replace(FOLDED_WIDTH, (c) =>
    c === '︰' || c === '∶' ? ':' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** The raw span [start, end) of the normalized span [from, to). */
export function rawSpan(normalized: NormalizedText, from: number, to: number): { start: number; end: number } {
  return { start: normalized.rawOffsets[from]!, end: normalized.rawOffsets[to - 1]! + 1 };
}
