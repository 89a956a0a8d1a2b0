import { describe, it, expect } from '@jest/globals';
import { bestOf, differences, distinctReadings, isConflicting, observationOf, observationsOf } from './observation.ts';
import { figure } from './testing/figure-fixture.ts';

describe('best value', () => {
  it('prefers an actual to an estimate, then the later source, then the later record', () => {
    const estimate = figure({ status: 'estimate', availableFrom: '2024-01-01' });
    const early = figure({ availableFrom: '2023-01-07' });
    const late = figure({ availableFrom: '2023-06-30' });
    const sameDayLater = figure({ availableFrom: '2023-06-30' });
    expect(bestOf([estimate, early])).toBe(early);
    expect(bestOf([late, early, estimate])).toBe(late);
    expect(bestOf([sameDayLater, late])).toBe(sameDayLater);
    expect(bestOf([])).toBeUndefined();
  });

  it('never lets a bound replace a stated value, however late or actual', () => {
    const statedEstimate = figure({ status: 'estimate', availableFrom: '2023-01-07', baseValue: '126500000000' });
    const laterBound = figure({ availableFrom: '2023-12-31', comparator: 'gt', baseValue: '100000000000' });
    expect(bestOf([statedEstimate, laterBound])).toBe(statedEstimate);
    const laterApprox = figure({ availableFrom: '2023-12-31', comparator: 'approx' });
    expect(bestOf([statedEstimate, laterApprox])).toBe(laterApprox);
  });

  it('compares values exactly, across units of one base', () => {
    expect(
      differences({ baseValue: '126500000000', comparator: 'eq' }, { baseValue: '126500000000.0', comparator: 'eq' }),
    ).toEqual([]);
    expect(
      differences({ baseValue: '0.1', comparator: 'eq' }, { baseValue: '0.10000000000000001', comparator: 'gt' }),
    ).toEqual(['value', 'comparator']);
  });
});

describe('corroboration and conflicts', () => {
  it('sorts agreeing figures into corroborations and same-status disagreements into conflicts', () => {
    const best = figure({ availableFrom: '2023-03-01' });
    const agrees = figure({ value: '12650000', unit: '万元' });
    const disagrees = figure({ baseValue: '127000000000', comparator: 'approx' });
    const revisedEstimate = figure({ status: 'estimate', baseValue: '120000000000' });
    const observation = observationOf([agrees, best, disagrees, revisedEstimate]);
    expect(observation.best).toBe(best);
    expect(observation.corroborations).toEqual([agrees]);
    expect(observation.conflicts).toEqual([{ ...disagrees, differsIn: ['value', 'comparator'] }]);
    expect(isConflicting([best, agrees, revisedEstimate])).toBe(false);
    expect(isConflicting([best, disagrees])).toBe(true);
  });

  it('lists each distinct reading once per status, with the figures that give it', () => {
    const a = figure();
    const b = figure({ value: '12650000', unit: '万元' });
    const c = figure({ status: 'estimate', value: '1200', baseValue: '120000000000' });
    expect(distinctReadings([c, b, a])).toEqual([
      { value: '1265', unit: '亿元', comparator: 'eq', status: 'actual', figureIds: [a.figureId, b.figureId] },
      { value: '1200', unit: '亿元', comparator: 'eq', status: 'estimate', figureIds: [c.figureId] },
    ]);
  });

  it('groups figures into observations by series, period and track', () => {
    const target = figure({ track: 'target', status: 'target' });
    const y2023 = figure({ period: '2023' });
    const y2022 = figure();
    expect(observationsOf([target, y2023, y2022]).map((o) => [o.period, o.track, o.best.figureId])).toEqual([
      ['2022', 'result', y2022.figureId],
      ['2022', 'target', target.figureId],
      ['2023', 'result', y2023.figureId],
    ]);
  });
});
