import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { clauseEnd, clauseStart, fullSentenceStart, paragraphStart, sentenceEnd, sentenceStart } from './text-scope.ts';

/** The boundaries by walking the text, as the rules first read them: the index must agree everywhere. */
function walkBack(text: string, at: number, stops: string): number {
  let i = at;
  while (i > 0 && !stops.includes(text[i - 1] ?? '\u0000')) i--;
  return i;
}

function walkForward(text: string, at: number, stops: string): number {
  let i = at;
  while (i < text.length && !stops.includes(text[i] ?? '\u0000')) i++;
  return i;
}

const SENTENCE = '。！？；!?;\n';
const CLAUSE = '。！？；!?;\n，,：:（）()';
const FULL = '。！？!?\n';

/** Texts of report characters and every kind of break, and positions in and around them. */
const texts = fc.string({ unit: fc.constantFrom(...'增长6.5%亿元，,。；;：:（）()！？!?\n“”'), maxLength: 60 });

describe('text scope index', () => {
  it('finds the same sentence, clause and paragraph boundaries as a walk over the text', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: -2, max: 64 }), (text, at) => {
        expect(sentenceStart(text, at)).toBe(walkBack(text, at, SENTENCE));
        expect(clauseStart(text, at)).toBe(walkBack(text, at, CLAUSE));
        expect(fullSentenceStart(text, at)).toBe(walkBack(text, at, FULL));
        expect(paragraphStart(text, at)).toBe(walkBack(text, at, '\n'));
        expect(sentenceEnd(text, at)).toBe(walkForward(text, at, SENTENCE));
        expect(clauseEnd(text, at)).toBe(walkForward(text, at, CLAUSE));
      }),
      { numRuns: 500 },
    );
  });

  it('answers for the text asked about when texts alternate', () => {
    const first = '全年增长6.5%。其中，工业增长8%';
    const second = '预计增长7%；力争突破百亿元';
    expect(clauseStart(first, first.length)).toBe(first.indexOf('，') + 1);
    expect(clauseStart(second, second.length)).toBe(second.indexOf('；') + 1);
    expect(sentenceStart(first, first.length)).toBe(first.indexOf('。') + 1);
    expect(fullSentenceStart(second, second.length)).toBe(0);
  });
});
