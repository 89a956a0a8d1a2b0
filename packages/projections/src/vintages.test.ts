import { describe, it, expect } from '@jest/globals';
import { figure } from './testing/figure-fixture.ts';
import { supersededFromDates, vintagesOf } from './vintages.ts';

describe('vintages', () => {
  it('gives each best value the interval until a better one was published', () => {
    const estimate = figure({ status: 'estimate', availableFrom: '2023-01-07' });
    const actual = figure({ availableFrom: '2024-01-17' });
    const laterEstimate = figure({ status: 'estimate', availableFrom: '2024-06-30' });
    expect(supersededFromDates([laterEstimate, actual, estimate])).toEqual(
      new Map([
        [estimate.figureId, '2024-01-17'],
        [laterEstimate.figureId, '2024-06-30'],
        [actual.figureId, null],
      ]),
    );
  });

  it('gives an empty interval to a figure beaten on its own publication day, and to ended figures', () => {
    const first = figure({ availableFrom: '2023-01-07' });
    const second = figure({ availableFrom: '2023-01-07' });
    const corrected = figure({ standing: 'superseded', availableFrom: '2022-12-31' });
    const vintages = vintagesOf([second, corrected, first]);
    expect(vintages.map((v) => [v.figureId, v.publishedFrom, v.supersededFrom])).toEqual([
      [corrected.figureId, '2022-12-31', '2022-12-31'],
      [first.figureId, '2023-01-07', '2023-01-07'],
      [second.figureId, '2023-01-07', null],
    ]);
  });
});
