/** Sentence and clause boundaries, and the spans of short quotations, in normalized text. */

const SENTENCE_BREAK = /[。！？；!?;\n]/;
const CLAUSE_BREAK = /[。！？；!?;\n，,：:（）()]/;

export function sentenceStart(text: string, at: number): number {
  return scanBack(text, at, SENTENCE_BREAK);
}

export function sentenceEnd(text: string, at: number): number {
  return scanForward(text, at, SENTENCE_BREAK);
}

export function clauseStart(text: string, at: number): number {
  return scanBack(text, at, CLAUSE_BREAK);
}

export function clauseEnd(text: string, at: number): number {
  return scanForward(text, at, CLAUSE_BREAK);
}

function scanBack(text: string, at: number, stop: RegExp): number {
  let i = at;
  while (i > 0 && !stop.test(text[i - 1]!)) i--;
  return i;
}

function scanForward(text: string, at: number, stop: RegExp): number {
  let i = at;
  while (i < text.length && !stop.test(text[i]!)) i++;
  return i;
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

/** Where the sentence ending in 。！？ or a paragraph break that holds `at` starts (； does not end it). */
export function fullSentenceStart(text: string, at: number): number {
  return scopeIndex(text).fullStarts[at]!;
}

const FULL_STOPS = new Set(['。', '！', '？', '!', '?', '\n']);

/** The last document's full-sentence starts, computed once: rules ask for them once or twice per figure. */
let lastIndex: { text: string; fullStarts: Int32Array } | undefined;

function scopeIndex(text: string): { fullStarts: Int32Array } {
  if (lastIndex?.text !== text) {
    const fullStarts = new Int32Array(text.length + 1);
    for (let i = 1; i <= text.length; i++) fullStarts[i] = FULL_STOPS.has(text[i - 1]!) ? i : fullStarts[i - 1]!;
    lastIndex = { text, fullStarts };
  }
  return lastIndex;
}
