import { describe, it, expect } from '@jest/globals';
import { figure } from './testing/figure-fixture.ts';
import { revisionsOf } from './revisions.ts';
import { vintagesOf } from './vintages.ts';

const gdp = (value: string, availableFrom: string, more = {}) =>
  figure({ value, baseValue: `${value}00000000`, unit: '亿元', availableFrom, ...more });

describe('revisions', () => {
  it('gives the first release, the latest value and each change with its size and the days between', () => {
    const first = gdp('1200', '2023-01-07', { status: 'estimate' });
    const confirmed = gdp('1200', '2023-03-01');
    const revised = gdp('1265', '2023-12-31');
    const { observations } = revisionsOf(vintagesOf([revised, first, confirmed]));
    expect(observations).toHaveLength(1);
    const [o] = observations;
    expect(o!.firstRelease.figureId).toBe(first.figureId);
    expect(o!.latest.figureId).toBe(revised.figureId);
    // The actual repeating the estimate's value is no revision; the change is measured from the first 1200.
    expect(o!.revisions).toEqual([
      expect.objectContaining({
        date: '2023-12-31',
        size: '6500000000',
        daysSincePrevious: 358,
        from: expect.objectContaining({ figureId: first.figureId }),
        to: expect.objectContaining({ figureId: revised.figureId }),
      }),
    ]);
  });

  it('leaves out figures that never were the best value and figures corrected away', () => {
    const better = gdp('1265', '2023-01-07');
    const beatenSameDay = gdp('1200', '2023-01-07', { comparator: 'gt' });
    const corrected = gdp('999', '2022-12-01', { standing: 'superseded' });
    const [o] = revisionsOf(vintagesOf([better, beatenSameDay, corrected])).observations;
    expect(o!.firstRelease.figureId).toBe(better.figureId);
    expect(o!.revisions).toEqual([]);
  });

  it.each([
    ['a growth target met', '6', 'approx', '6.5', 'eq', true, '0.5'],
    ['a growth target missed (目标 6% / 实际 5.2%)', '6', 'approx', '5.2', 'eq', false, '-0.8'],
    ['a ceiling kept (以内)', '3', 'lte', '2.1', 'eq', true, '-0.9'],
    ['a ceiling broken', '3', 'lte', '3.5', 'eq', false, '0.5'],
    ['a result above a bound that says enough', '6', 'gte', '7', 'gt', true, '1'],
    ['a result above a bound that cannot tell', '6', 'gte', '5', 'gt', null, '-1'],
  ] as const)('target attainment: %s', (_name, target, targetComparator, result, resultComparator, attained, gap) => {
    const t = figure({
      track: 'target',
      status: 'target',
      value: target,
      baseValue: target,
      unit: '%',
      comparator: targetComparator,
    });
    const r = figure({ value: result, baseValue: result, unit: '%', comparator: resultComparator });
    expect(revisionsOf(vintagesOf([t, r])).targets).toEqual([
      expect.objectContaining({ period: t.period, attained, gap, target: expect.objectContaining({ value: target }) }),
    ]);
  });
});
