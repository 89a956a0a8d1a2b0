import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { compareDecimals, parseDecimal, subtractDecimals, type Decimal } from './decimal.ts';

const d = (s: string) => parseDecimal(s);
const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }))
  .map(([digits, scale]) => {
    const abs = (digits < 0n ? -digits : digits).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? abs : `${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
    return d(`${digits < 0n ? '-' : ''}${text}`.replace(/^-0(\.0+)?$/, '0'));
  });

describe('subtractDecimals', () => {
  it.each([
    ['1265', '1200.5', '64.5'],
    ['5.2', '6', '-0.8'],
    ['0.1', '0.3', '-0.2'],
    ['6.80', '6.8', '0'],
    ['-1', '-1.25', '0.25'],
    ['100000000', '0.00000001', '99999999.99999999'],
  ])('%s − %s = %s', (a, b, difference) => {
    expect(subtractDecimals(d(a), d(b))).toBe(difference);
  });

  it('has the sign of the comparison, and a − (a − b) = b', () => {
    fc.assert(
      fc.property(decimal, decimal, (a: Decimal, b: Decimal) => {
        const difference = subtractDecimals(a, b);
        expect(compareDecimals(difference, d('0'))).toBe(compareDecimals(a, b));
        expect(compareDecimals(subtractDecimals(b, a), d('0'))).toBe(compareDecimals(b, a));
        expect(subtractDecimals(a, difference)).toBe(subtractDecimals(b, d('0')));
      }),
    );
  });
});
