import { z } from 'zod';
import { lineText, multilineText } from './text.ts';

/**
 * Where a figure was read: offsets are Unicode code points into the raw file as published (UTF-8 decoded),
 * charEnd exclusive; line and column are 1-based. Anyone can open the file and find the quote there.
 */
export const CitationSchema = z
  .object({
    documentId: lineText().min(1, 'must not be empty').max(100),
    documentSha256: lineText().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256'),
    line: z.number().int().min(1, 'must be at least 1'),
    column: z.number().int().min(1, 'must be at least 1'),
    charStart: z.number().int().min(0, 'must not be negative'),
    charEnd: z.number().int(),
    quote: multilineText().min(1, 'must not be empty').max(2000),
  })
  .refine((c) => c.charEnd > c.charStart, { message: 'must be greater than charStart', path: ['charEnd'] });
export type Citation = z.infer<typeof CitationSchema>;

export type CitationCheck = { ok: true } | { ok: false; field: keyof Citation; problem: string };

/** One UTF-16 offset is kept per this many code points: small, and a lookup walks at most this many. */
const STRIDE = 64;

/**
 * A raw text indexed once by code point and line, so that each citation is checked in time proportional to its quote,
 * not to the document: a 5 MB report with a thousand citations is walked once, not a thousand times.
 */
export interface TextIndex {
  readonly text: string;
  /** Length in code points. */
  readonly codePoints: number;
  /** The UTF-16 offset of every STRIDE-th code point. */
  readonly strideOffsets: Uint32Array;
  /** The code-point offset at which each line starts (line 1 at 0). */
  readonly lineStarts: Uint32Array;
}

const isPair = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
};

export function indexText(text: string): TextIndex {
  const strideOffsets: number[] = [];
  const lineStarts: number[] = [0];
  let codePoint = 0;
  for (let i = 0; i < text.length; codePoint++) {
    if (codePoint % STRIDE === 0) strideOffsets.push(i);
    if (text.charCodeAt(i) === 0x0a) lineStarts.push(codePoint + 1);
    i += isPair(text, i) ? 2 : 1;
  }
  if (codePoint % STRIDE === 0) strideOffsets.push(text.length);
  return {
    text,
    codePoints: codePoint,
    strideOffsets: Uint32Array.from(strideOffsets),
    lineStarts: Uint32Array.from(lineStarts),
  };
}

/** The UTF-16 offset of a code-point offset (0..codePoints). */
function unitOffset(index: TextIndex, codePoint: number): number {
  let i = index.strideOffsets[Math.floor(codePoint / STRIDE)]!;
  for (let n = codePoint % STRIDE; n > 0; n--) i += isPair(index.text, i) ? 2 : 1;
  return i;
}

/** Checks a citation against the raw text of its document: the quote must be exactly the text at the offsets. */
export function checkCitation(source: string | TextIndex, citation: Citation): CitationCheck {
  const index = typeof source === 'string' ? indexText(source) : source;
  if (citation.charEnd > index.codePoints)
    return { ok: false, field: 'charEnd', problem: `is past the end of the document (${index.codePoints} characters)` };
  const actual = index.text.slice(unitOffset(index, citation.charStart), unitOffset(index, citation.charEnd));
  if (actual !== citation.quote)
    return {
      ok: false,
      field: 'quote',
      problem: `does not match the raw text at ${citation.charStart}..${citation.charEnd} ("${actual}")`,
    };
  const { line, column } = lineAndColumn(index, citation.charStart);
  if (line !== citation.line)
    return { ok: false, field: 'line', problem: `should be ${line} for offset ${citation.charStart}` };
  if (column !== citation.column)
    return { ok: false, field: 'column', problem: `should be ${column} for offset ${citation.charStart}` };
  return { ok: true };
}

/** 1-based line and column of a code-point offset: a binary search over the line starts. */
export function lineAndColumn(index: TextIndex, offset: number): { line: number; column: number } {
  const starts = index.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}
