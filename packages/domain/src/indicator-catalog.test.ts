import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { normalizeIndicatorPhrase } from './indicator-catalog.ts';

describe('normalizeIndicatorPhrase', () => {
  it('folds a phrase it returns at once exactly as the whole folding would', () => {
    // A leading space keeps the phrase off the quick path; the folding then drops it, so both must agree.
    const plain = fc.string({ unit: fc.constantFrom(...'营收入年度计划占的比重比例规上工业GDP25'), maxLength: 12 });
    const any = fc.string({ unit: fc.constantFrom(...'营收入年计划占的比重０１％“” :@'), maxLength: 12 });
    const phrase = fc.oneof(plain, any);
    fc.assert(
      fc.property(phrase, (p) => {
        expect(normalizeIndicatorPhrase(p)).toBe(normalizeIndicatorPhrase(` ${p}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('folds spelling variants and width', () => {
    expect(normalizeIndicatorPhrase('规上工业营收')).toBe('规上工业营业收入');
    expect(normalizeIndicatorPhrase('年计划投资')).toBe('年度计划投资');
    expect(normalizeIndicatorPhrase('占GDP的比重')).toBe('占GDP比重');
    expect(normalizeIndicatorPhrase('ＰＭ２.５浓度')).toBe('PM2.5浓度');
  });
});
