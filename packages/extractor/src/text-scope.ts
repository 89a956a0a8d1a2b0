/** Sentence and clause boundaries, and the spans of short quotations, in normalized text. */

const SENTENCE_BREAK = '。！？；!?;\n';
const CLAUSE_BREAK = '。！？；!?;\n，,：:（）()';
/** A full sentence ends in 。！？ or a paragraph break; ； does not end it. */
const FULL_STOP = '。！？!?\n';

export function sentenceStart(text: string, at: number): number {
  return startBefore(scopeIndex(text).sentenceStarts, at);
}

export function sentenceEnd(text: string, at: number): number {
  return endAfter(scopeIndex(text).sentenceEnds, at);
}

export function clauseStart(text: string, at: number): number {
  return startBefore(scopeIndex(text).clauseStarts, at);
}

export function clauseEnd(text: string, at: number): number {
  return endAfter(scopeIndex(text).clauseEnds, at);
}

/** Where the sentence ending in 。！？ or a paragraph break that holds `at` starts (； does not end it). */
export function fullSentenceStart(text: string, at: number): number {
  return startBefore(scopeIndex(text).fullStarts, at);
}

/** Where the paragraph (ended by a paragraph break) that holds `at` starts. */
export function paragraphStart(text: string, at: number): number {
  return startBefore(scopeIndex(text).paragraphStarts, at);
}

/**
 * Marks characters inside a short “…” or 《…》: numbers there belong to names, slogans and titles
 * (“1+4+4+N+X”, “十里清河畔”, 《…》), not to measurements.
 */
export function quotedMask(text: string, maxLength = 20): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  const pairs: Array<[string, string]> = [
    ['“', '”'],
    ['《', '》'],
    ['"', '"'],
    ['「', '」'],
  ];
  for (const [open, close] of pairs) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(open, from);
      if (start < 0) break;
      const end = text.indexOf(close, start + 1);
      if (end < 0) break;
      if (end - start - 1 <= maxLength) mask.fill(true, start + 1, end);
      from = end + 1;
    }
  }
  return mask;
}

interface ScopeIndex {
  text: string;
  sentenceStarts: Int32Array;
  sentenceEnds: Int32Array;
  clauseStarts: Int32Array;
  clauseEnds: Int32Array;
  fullStarts: Int32Array;
  paragraphStarts: Int32Array;
}

/**
 * The last text's boundaries, computed once: rules ask for the sentence and clause around each figure several
 * times, and walking back character by character each time made extraction quadratic in sentence length.
 */
let lastIndex: ScopeIndex | undefined;
let buffer = new Int32Array(0);
/** A buffer for a text of up to about a million characters is kept (24 MB); a longer text gets one of its own. */
const KEPT_BUFFER_LIMIT = 6_000_000;

const SENTENCE = 1;
const CLAUSE = 2;
const FULL = 4;
const PARAGRAPH = 8;
/** The kinds of break each UTF-16 code unit is, as bit flags. */
const BREAKS = new Uint8Array(0x10000);
for (const [chars, flag] of [
  [SENTENCE_BREAK, SENTENCE],
  [CLAUSE_BREAK, CLAUSE],
  [FULL_STOP, FULL],
  ['\n', PARAGRAPH],
] as const)
  for (const c of chars) BREAKS[c.charCodeAt(0)] = BREAKS[c.charCodeAt(0)]! | flag;

function scopeIndex(text: string): ScopeIndex {
  if (lastIndex?.text === text) {
    lastIndex.text = text; // an equal text in another string: compare by reference from now on
    return lastIndex;
  }
  const length = text.length;
  // One buffer for all six tables, kept for the next text: only the last text's index is ever asked for, every
  // entry is written below, and fresh memory for each document cost more than building the tables.
  const needed = 6 * (length + 1);
  const tables = needed <= buffer.length ? buffer : new Int32Array(needed);
  if (tables !== buffer && needed <= KEPT_BUFFER_LIMIT) buffer = tables;
  const table = (n: number) => tables.subarray(n * (length + 1), (n + 1) * (length + 1));
  const [sentenceStarts, clauseStarts, fullStarts, paragraphStarts, sentenceEnds, clauseEnds] = [0, 1, 2, 3, 4, 5].map(
    table,
  ) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  sentenceStarts[0] = clauseStarts[0] = fullStarts[0] = paragraphStarts[0] = 0;
  for (let i = 1; i <= length; i++) {
    const flag = BREAKS[text.charCodeAt(i - 1)]!;
    sentenceStarts[i] = flag & SENTENCE ? i : sentenceStarts[i - 1]!;
    clauseStarts[i] = flag & CLAUSE ? i : clauseStarts[i - 1]!;
    fullStarts[i] = flag & FULL ? i : fullStarts[i - 1]!;
    paragraphStarts[i] = flag & PARAGRAPH ? i : paragraphStarts[i - 1]!;
  }
  sentenceEnds[length] = length;
  clauseEnds[length] = length;
  for (let i = length - 1; i >= 0; i--) {
    const flag = BREAKS[text.charCodeAt(i)]!;
    sentenceEnds[i] = flag & SENTENCE ? i : sentenceEnds[i + 1]!;
    clauseEnds[i] = flag & CLAUSE ? i : clauseEnds[i + 1]!;
  }
  lastIndex = { text, sentenceStarts, sentenceEnds, clauseStarts, clauseEnds, fullStarts, paragraphStarts };
  return lastIndex;
}

/** As a walk back from `at` to just after the nearest break would find it, also outside the text. */
function startBefore(starts: Int32Array, at: number): number {
  if (at <= 0) return at;
  return starts[Math.min(at, starts.length - 1)]!;
}

/** As a walk forward from `at` to the nearest break would find it, also outside the text. */
function endAfter(ends: Int32Array, at: number): number {
  if (at >= ends.length - 1) return at;
  return ends[Math.max(at, 0)]!;
}
