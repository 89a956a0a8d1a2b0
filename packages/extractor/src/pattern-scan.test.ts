import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { lastMatchIndex, matchesOf } from './pattern-scan.ts';

const PATTERNS = [/(预计|有望|预估|估计)/g, /(和|及|、|[，。]|(?<=[\u4e00-\u9fff])\d)/g, /年?/g, /\d*/gu, /(?:)/g];
const texts = fc.string({ unit: fc.constantFrom(...'预计有望估年和及、，。增长6.5😀'), maxLength: 30 });

describe('pattern scan', () => {
  it('finds what matchAll finds, also for empty matches and astral characters', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom(...PATTERNS), (text, pattern) => {
        const expected = [...text.matchAll(pattern)];
        const found = matchesOf(text, pattern);
        expect(found.map((m) => [m.index, ...m])).toEqual(expected.map((m) => [m.index, ...m]));
        expect(lastMatchIndex(text, pattern)).toBe(expected.at(-1)?.index ?? -1);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves the pattern itself untouched and refuses one that is not global', () => {
    const pattern = /计/g;
    matchesOf('预计预计', pattern);
    expect(pattern.lastIndex).toBe(0);
    expect(() => matchesOf('预计', /计/)).toThrow(TypeError);
  });
});
