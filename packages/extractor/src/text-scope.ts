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
