import { describe, it, expect } from '@jest/globals';
import { parseSeriesKey, seriesKeyOf } from './series-key.ts';

describe('SeriesKey', () => {
  it('round-trips regions and entities', () => {
    const region = {
      subject: { type: 'region', code: '370112' },
      indicatorCode: 'GDP',
      kind: 'level',
      unitBase: '元',
    } as const;
    expect(seriesKeyOf(region)).toBe('370112:GDP:level:元');
    expect(parseSeriesKey('370112:GDP:level:元')).toEqual(region);
    const entity = {
      subject: { type: 'entity', name: '山东坤力疫苗产业化项目', regionCode: '370112' },
      indicatorCode: 'X-排名',
      kind: 'rank',
      unitBase: '',
    } as const;
    expect(parseSeriesKey(seriesKeyOf(entity))).toEqual(entity);
  });
  it('names the broken part', () => {
    expect(() => parseSeriesKey('370112:GDP:level')).toThrow(/four/);
    expect(() => parseSeriesKey('3701:GDP:level:元')).toThrow(/subject.code/);
    expect(() => parseSeriesKey('370112:GDP:size:元')).toThrow(/kind/);
  });
});
