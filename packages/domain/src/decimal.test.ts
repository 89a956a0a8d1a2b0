import { describe, it, expect } from '@jest/globals';
import { compareDecimals, normalizeDecimal, parseDecimal, shiftDecimal, DecimalSchema } from './decimal.ts';

const d = parseDecimal;

describe('Decimal', () => {
  it('accepts plain decimals and rejects floats in disguise', () => {
    expect(d('30.24')).toBe('30.24');
    for (const bad of ['1e3', '01', '1,000', '1.', '.5', 'NaN', '', '１２'])
      expect(() => d(bad)).toThrow(/plain decimal/);
    const parsed = DecimalSchema.safeParse('1e3');
    expect(parsed.success).toBe(false);
  });

  it('compares exactly, beyond float precision', () => {
    expect(compareDecimals(d('6.80'), d('6.8'))).toBe(0);
    expect(compareDecimals(d('0.3'), d('0.30000000000000004'))).toBe(-1);
    expect(compareDecimals(d('9007199254740993'), d('9007199254740992'))).toBe(1);
    expect(compareDecimals(d('-1.5'), d('-1.25'))).toBe(-1);
    expect(compareDecimals(d('0.1'), d('0.05'))).toBe(1);
  });

  it('normalizes trailing zeros', () => {
    expect(normalizeDecimal(d('6.800'))).toBe('6.8');
    expect(normalizeDecimal(d('126.0'))).toBe('126');
    expect(normalizeDecimal(d('-0.0'))).toBe('0');
  });

  it('shifts the decimal point exactly (unit scaling)', () => {
    expect(shiftDecimal(d('1265'), 8)).toBe('126500000000');
    expect(shiftDecimal(d('30.24'), 8)).toBe('3024000000');
    expect(shiftDecimal(d('0.0123'), 2)).toBe('1.23');
    expect(shiftDecimal(d('5.5'), -2)).toBe('0.055');
    expect(shiftDecimal(d('-21.7'), 4)).toBe('-217000');
    expect(shiftDecimal(d('0'), 4)).toBe('0');
  });
});
