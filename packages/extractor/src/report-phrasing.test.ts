/**
 * Phrasings of plan-execution reports, prefecture reports and Hong Kong-style news items, on sentences written for
 * these tests (a prefecture of 福建, January 2024: the review year is 2023, the goals are 2024's).
 */
import { describe, it, expect } from '@jest/globals';
import type { DocumentMetadata } from '@ledger/domain';
import { extractFigures, type ExtractedFigure } from './extract.ts';

const METADATA = {
  documentId: 'report-phrasing',
  fileName: 'report-phrasing.txt',
  title: '漳州市人民政府工作报告',
  kind: 'work-report',
  publisher: '漳州市人民政府',
  regionCode: '350600',
  published: '2024-01-15',
  periodCovered: '2023-2024',
  sha256: '0'.repeat(64),
} as DocumentMetadata;

function figures(raw: string): ExtractedFigure[] {
  return extractFigures({ metadata: METADATA, raw });
}

const pick = (found: readonly ExtractedFigure[], keys: ReadonlyArray<keyof ExtractedFigure>) =>
  found.map((f) => Object.fromEntries(keys.map((k) => [k, f[k]])));

describe('numbers as news items and bulletins write them', () => {
  it('reads thousands separators: the number as written, the value without them', () => {
    const found = figures('全市地区生产总值为6,318.4亿元，接待游客1,203万人次。');
    expect(pick(found, ['number', 'value', 'unit'])).toEqual([
      { number: '6,318.4', value: '6318.4', unit: '亿元' },
      { number: '1,203', value: '1203', unit: '万人次' },
    ]);
    expect(found[0]!.quote).toBe('6,318.4亿元');
  });

  it('keeps the sign of a negative growth, but not a dash between numbers', () => {
    const found = figures('工业用电量同比增长-2.7%，人口自然增长率为-0.84‰；咨询电话0596-2345678，2×35万千瓦机组。');
    expect(pick(found, ['number', 'value', 'kind'])).toEqual([
      { number: '-2.7', value: '-2.7', kind: 'growth' },
      { number: '-0.84', value: '-0.84', kind: 'growth' },
    ]);
  });

  it('reads a range as its lower and upper bound, and a year range or an age class as no figure', () => {
    const found = figures(
      '二、2024年主要预期目标\n社会消费品零售总额增长6%—7%，粮食产量120-130万吨；2021—2025年新增3岁以下婴幼儿托位1200个。',
    );
    expect(pick(found, ['number', 'unit', 'kind', 'comparator', 'status'])).toEqual([
      { number: '6', unit: '%', kind: 'growth', comparator: 'gte', status: 'target' },
      { number: '7', unit: '%', kind: 'growth', comparator: 'lte', status: 'target' },
      { number: '120', unit: '万吨', kind: 'level', comparator: 'gte', status: 'target' },
      { number: '130', unit: '万吨', kind: 'level', comparator: 'lte', status: 'target' },
      { number: '1200', unit: '个', kind: 'count', comparator: 'eq', status: 'target' },
    ]);
  });

  it('reads the parts of a structure written with ratio colons', () => {
    const found = figures('三次产业结构调整为8.2︰41.6︰50.2。');
    expect(pick(found, ['number', 'kind'])).toEqual([
      { number: '8.2', kind: 'share' },
      { number: '41.6', kind: 'share' },
      { number: '50.2', kind: 'share' },
    ]);
  });

  it('gives list members the unit their last member spells out', () => {
    const found = figures('森林覆盖率和湿地保护率分别提高1.2个和0.8个百分点，水土流失面积净减少2.1万、1.4万平方公里。');
    expect(pick(found, ['unit', 'kind'])).toEqual([
      { unit: '个百分点', kind: 'growth' },
      { unit: '个百分点', kind: 'growth' },
      { unit: '万平方公里', kind: 'growth' },
      { unit: '万平方公里', kind: 'growth' },
    ]);
  });

  it('reads a count written with one numeral when it closes its clause, not a numbered label', () => {
    const found = figures(
      '全年新增上市企业五家，引进各类人才七万人；实现了两个确立，推进三项制度改革，这三家企业均已投产。',
    );
    expect(pick(found, ['number', 'value', 'unit', 'kind'])).toEqual([
      { number: '五', value: '5', unit: '家', kind: 'count' },
      { number: '七', value: '7', unit: '万人', kind: 'count' },
    ]);
  });

  it('reads 人均预期寿命 in years of age', () => {
    expect(pick(figures('人均预期寿命达到80.6岁。'), ['unit', 'kind'])).toEqual([{ unit: '岁', kind: 'level' }]);
  });
});

describe('status, kind and period of phrasings', () => {
  it('keeps a goal in brackets to itself: the rest of the estimate stays an estimate', () => {
    const found = figures('预计全年地区生产总值增长5.6%（年度目标为6%），增速居全省第5位；规上工业增加值增长7.1%。');
    expect(pick(found, ['number', 'kind', 'status', 'period'])).toEqual([
      { number: '5.6', kind: 'growth', status: 'estimate', period: '2023' },
      { number: '6', kind: 'growth', status: 'target', period: '2023' },
      { number: '5', kind: 'rank', status: 'estimate', period: '2023' },
      { number: '7.1', kind: 'growth', status: 'estimate', period: '2023' },
    ]);
  });

  it('goes on with the kind of the figure before when a clause adds only a bound or a resolve', () => {
    const found = figures(
      '二、2024年主要预期目标\n地区生产总值增速确保不低于5%，力争达到6%；固定资产投资增长不低于4%。',
    );
    expect(found.map((f) => f.kind)).toEqual(['growth', 'growth', 'growth']);
  });

  it('reads a bracketed goal after a rank as the goal of the growth before it', () => {
    const found = figures('固定资产投资增长14.2%，排名全市第1位（预期目标为10%以上）。');
    expect(pick(found, ['number', 'kind', 'comparator', 'status', 'period'])).toEqual([
      { number: '14.2', kind: 'growth', comparator: 'eq', status: 'actual', period: '2023' },
      { number: '1', kind: 'rank', comparator: 'eq', status: 'actual', period: '2023' },
      { number: '10', kind: 'growth', comparator: 'gte', status: 'target', period: '2023' },
    ]);
  });

  it('reads 增长 N 倍 as a growth, an excess over a plan as other, a ratio to a year as that year’s base', () => {
    const found = figures(
      '跨境电商交易额比上年增长1.3倍，高标准农田超额完成年度任务0.3万亩，进出口总额是2019年的1.8倍。',
    );
    expect(pick(found, ['kind', 'period'])).toEqual([
      { kind: 'growth', period: '2023' },
      { kind: 'other', period: '2023' },
      { kind: 'ratio', period: '2023' },
    ]);
  });

  it('reads 连续第四年 as a streak of four years', () => {
    const [streak] = figures('连续第四年入选全国综合实力百强市。');
    expect(pick([streak!], ['number', 'value', 'unit', 'kind', 'period'])).toEqual([
      { number: '四', value: '4', unit: '年', kind: 'count', period: '2020-2023' },
    ]);
  });
});

describe('subjects', () => {
  it('makes a division inside the region the subject of its ；-segment, through the region catalog', () => {
    const found = figures('漳浦县地区生产总值达到1,020亿元，在全国百强县中排名第68位；另有3个县入选全省十强县。');
    expect(found.map((f) => f.region)).toEqual(['350623', '350623', '350600']);
  });

  it('gives a benchmark in brackets after its scope that scope, and the gap the region', () => {
    const found = figures(
      '增速较上半年加快0.4个百分点，分别高出全国（5.2%）、全省（6.1%）平均水平1.1个和0.2个百分点。',
    );
    expect(pick(found, ['number', 'region'])).toEqual([
      { number: '0.4', region: '350600' },
      { number: '5.2', region: '全国' },
      { number: '6.1', region: '350000' },
      { number: '1.1', region: '350600' },
      { number: '0.2', region: '350600' },
    ]);
    expect([found[0], found[3], found[4]].map((f) => f!.kind)).toEqual(['growth', 'other', 'other']);
  });

  it('takes a port named after a place of the catalog as an entity, but no word ending in 港', () => {
    const found = figures('漳州港完成货物吞吐量5600万吨。新建临港道路12公里。');
    expect(found.map((f) => f.region)).toEqual(['漳州港', '350600']);
  });

  it('reads a region named before a rank as where the ranking is made', () => {
    const found = figures('增速居福建省第3位。');
    expect(found.map((f) => f.region)).toEqual(['350600']);
  });

  it('counts a class of companies for the region, and ends a port’s figures at a ；-clause on the year', () => {
    const found = figures('境内外上市公司达到15家；招银港区完成货物吞吐量1200万吨；全年新建城市道路12公里。');
    expect(found.map((f) => f.region)).toEqual(['350600', '招银港区', '350600']);
  });
});
