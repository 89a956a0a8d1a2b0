import { describe, it, expect } from '@jest/globals';
import { resolveUnit } from './unit.ts';

describe('resolveUnit', () => {
  it('scales Chinese magnitudes to their base unit', () => {
    expect(resolveUnit('亿元')).toEqual({ symbol: '亿元', base: '元', exponent: 8 });
    expect(resolveUnit('万户')).toEqual({ symbol: '万户', base: '户', exponent: 4 });
    expect(resolveUnit('千亿元')).toEqual({ symbol: '千亿元', base: '元', exponent: 11 });
    expect(resolveUnit('万亿元')).toEqual({ symbol: '万亿元', base: '元', exponent: 12 });
    expect(resolveUnit('万 吨')).toEqual({ symbol: '万吨', base: '吨', exponent: 4 });
  });
  it('keeps plain and atomic units unscaled and folds synonyms', () => {
    expect(resolveUnit('%')).toEqual({ symbol: '%', base: '%', exponent: 0 });
    expect(resolveUnit('个百分点')).toEqual({ symbol: '个百分点', base: '个百分点', exponent: 0 });
    expect(resolveUnit('家')).toEqual({ symbol: '家', base: '家', exponent: 0 });
    expect(resolveUnit('万平米').base).toBe('平方米');
    expect(resolveUnit('')).toEqual({ symbol: '', base: '', exponent: 0 });
  });
});
