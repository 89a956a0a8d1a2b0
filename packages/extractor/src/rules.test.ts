import { describe, it, expect } from '@jest/globals';
import type { DocumentMetadata } from '@ledger/domain';
import { extractFigures, type ExtractedFigure } from './extract.ts';
import { parseChineseNumeral } from './chinese-numerals.ts';
import { normalizeText } from './normalize.ts';

/** A January work report of 历城区 unless a test says otherwise. */
interface Overrides {
  kind?: DocumentMetadata['kind'];
  published?: string;
  periodCovered?: string;
}

const METADATA = {
  documentId: 'test',
  fileName: 'test.txt',
  title: 't',
  kind: 'work-report',
  publisher: 'p',
  regionCode: '370112',
  published: '2023-01-07',
  periodCovered: '2022-2023',
  sha256: '0'.repeat(64),
};

function figures(raw: string, overrides: Overrides = {}): ExtractedFigure[] {
  return extractFigures({ metadata: { ...METADATA, ...overrides } as DocumentMetadata, raw });
}

function only(raw: string, metadata: Overrides = {}): ExtractedFigure {
  const found = figures(raw, metadata);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('numerals', () => {
  it('converts Chinese numerals exactly', () => {
    expect(parseChineseNumeral('两')).toBe('2');
    expect(parseChineseNumeral('十二')).toBe('12');
    expect(parseChineseNumeral('四十')).toBe('40');
    expect(parseChineseNumeral('千')).toBe('1000');
    expect(parseChineseNumeral('一亿二千万')).toBe('120000000');
  });

  it('reads 千亿元 as 1000 亿元 and 两倍 as a ratio', () => {
    expect(only('经济总量突破千亿元。')).toMatchObject({
      number: '千',
      value: '1000',
      unit: '亿元',
      comparator: 'gt',
      kind: 'level',
      indicatorCode: 'GDP',
    });
    expect(only('增速是全国平均水平的两倍。')).toMatchObject({ number: '两', value: '2', unit: '倍', kind: 'ratio' });
  });

  it('keeps decimals as written and a bare magnitude as the unit', () => {
    expect(only('新增学位 1.2 万。')).toMatchObject({ value: '1.2', unit: '万' });
    expect(only('完成投资 30.24 亿元。')).toMatchObject({ value: '30.24', unit: '亿元', kind: 'level' });
  });

  it('reads a number and unit broken across lines and pages', () => {
    const f = only('粮食总产量达到\n\n10.5 万\n\n3\n\n吨。');
    expect(f).toMatchObject({ value: '10.5', unit: '万吨', line: 3, quote: '10.5 万\n\n3\n\n吨' });
    expect(normalizeText('第一行\n\n12\n\n第二行').text).toBe('第一行第二行');
  });
});

describe('kinds and ranks', () => {
  it('tells level, growth, share, count and rank apart', () => {
    const found = figures('完成一般公共预算收入 126 亿元，可比增长 6.8%，总量全市第三、增幅全市第二。');
    expect(found.map((f) => [f.value, f.kind])).toEqual([
      ['126', 'level'],
      ['6.8', 'growth'],
      ['3', 'rank'],
      ['2', 'rank'],
    ]);
    expect(found.map((f) => f.indicatorCode).slice(0, 2)).toEqual(['GPBR', 'GPBR']);
    expect(new Set(found.slice(2).map((f) => f.indicator)).size).toBe(2);
    expect(only('现代服务业占 GDP 的比重达到 32%。').kind).toBe('share');
    expect(only('新增高新技术企业 174 家。')).toMatchObject({
      kind: 'count',
      indicatorCode: 'HITECH_ENTERPRISES_NEW',
      indicator: '新增高新技术企业',
    });
  });

  it('reads 第 N 位, 排名第六, 首位 and 前 N 名', () => {
    expect(only('投资竞争力列全省第 2 位。')).toMatchObject({ value: '2', unit: '位', kind: 'rank' });
    expect(only('监测评价排名第六。')).toMatchObject({ number: '六', value: '6', unit: '', kind: 'rank' });
    expect(only('总量稳居全市首位。')).toMatchObject({ number: '首', value: '1', unit: '位' });
    expect(only('跻身全省前 10 名。')).toMatchObject({ value: '10', kind: 'rank', comparator: 'lte' });
  });
});

describe('bounds', () => {
  it.each([
    ['减税降费超过 60 亿元。', 'gt'],
    ['融资突破 75 亿元。', 'gt'],
    ['农村居民人均可支配收入增长 5.5%以上。', 'gte'],
    ['开展活动近 900 场。', 'approx'],
    ['服务企业 3000 余家。', 'approx'],
    ['引进企业 20 家左右。', 'approx'],
    ['完成投资约 12 亿元。', 'approx'],
  ])('%s -> %s', (raw, comparator) => {
    expect(only(raw).comparator).toBe(comparator);
  });
});

describe('status and period', () => {
  it('a review figure is actual for the year before a January work report', () => {
    expect(only('一般公共预算收入增长 6.8%。')).toMatchObject({ status: 'actual', period: '2022' });
  });

  it('预计 covers its sentence; 有望 is an estimate too', () => {
    const found = figures('预计实现地区生产总值 1265 亿元，固定资产投资增长 14%。全年地区生产总值有望突破 400 亿元。');
    expect(found.map((f) => f.status)).toEqual(['estimate', 'estimate', 'estimate']);
  });

  it('the plan part of a work report sets goals for its own year', () => {
    const found = figures(
      '一、2022 年工作回顾\n\n重点项目 183 个。\n\n二、2023 年主要工作安排\n\n地区生产总值增长 6%，新增高新技术企业 84 家。',
    );
    expect(found.map((f) => [f.status, f.period])).toEqual([
      ['actual', '2022'],
      ['target', '2023'],
      ['target', '2023'],
    ]);
  });

  it('力争 and 计划投资 mark goals', () => {
    expect(only('力争规模以上工业增加值增长 7%。').status).toBe('target');
    const found = figures('安排重点项目 196 个，年度计划投资 1005 亿元，市级重点项目 29 个。');
    expect(found.map((f) => f.status)).toEqual(['actual', 'target', 'actual']);
  });

  it('gives the goals of an article without a time word the new year when it reports a January work report, else no period', () => {
    const goal = '力争规模以上工业增加值增长 7%。';
    expect(only(goal, { kind: 'news-article', published: '2026-01', periodCovered: '2021-2026' })).toMatchObject({
      status: 'target',
      period: '2026',
    });
    expect(only(goal, { kind: 'news-article', published: '2021', periodCovered: '2020-2021' })).toMatchObject({
      status: 'target',
      period: '',
    });
  });

  it('reads 年均 over 近五年, over 十四五, and 累计', () => {
    expect(
      only('近五年 GDP 年均增速达 6.1%。', { kind: 'development-report', published: '2023', periodCovered: '2022' })
        .period,
    ).toBe('2018-2022');
    expect(only('“十四五”期间，进出口总额年均增长 20%。', { published: '2026-01-28' }).period).toBe('2021-2025');
    expect(only('铁海联运班列累计到发 7200 标箱。').period).toBe('cumulative');
  });

  it('reads a streak 连续 N 年 as a count over the years it covers', () => {
    const found = figures('经济总量连续三年突破千亿元。', {
      kind: 'development-report',
      published: '2023',
      periodCovered: '2022',
    });
    expect(found[0]).toMatchObject({ number: '三', unit: '年', kind: 'count', period: '2020-2022' });
    expect(found[1]).toMatchObject({ number: '千', comparator: 'gt' });
  });
});

describe('lists', () => {
  it('分别 gives each listed subject its figure', () => {
    const found = figures('城乡居民人均可支配收入分别增长 4%和 7%。');
    expect(found.map((f) => [f.value, f.kind, f.indicatorCode])).toEqual([
      ['4', 'growth', 'INCOME_URBAN'],
      ['7', 'growth', 'INCOME_RURAL'],
    ]);
  });

  it('reads lists joined by 、', () => {
    const found = figures('数字经济、生物医药规模分别增长 30%、23%。');
    expect(found.map((f) => f.indicator)).toEqual(['数字经济规模', '生物医药规模']);
  });

  it('reads each listed figure by its own unit when the units measure different things', () => {
    expect(figures('拆除违建 59 处、4.6 万平方米。').map((f) => [f.unit, f.kind])).toEqual([
      ['处', 'count'],
      ['万平方米', 'level'],
    ]);
    expect(figures('航线直达 23 国 52 城。').map((f) => f.indicator)).toEqual(['航线', '航线']);
  });
});

describe('subjects', () => {
  it('names a company that is the subject, and the province when the text says so', () => {
    expect(only('其中齐鲁安替实现工业总产值 40 亿元。')).toMatchObject({ region: '齐鲁安替', regionCode: '370112' });
    expect(only('济钢集团重回全国 500 强。')).toMatchObject({ region: '济钢集团', kind: 'rank', comparator: 'lte' });
    expect(only('列入山东省 274 个重点项目。')).toMatchObject({ region: '370000' });
  });
});

describe('non-figures', () => {
  it.each([
    '2022 年 1 月 7 日召开会议。',
    '深入推进“1+4+4+N+X”发展模式。',
    '站在“十四五”圆满收官的节点。',
    '打造 5A 级物流企业和 3A 景区，建设 5G 网络，治理 PM2.5。',
    '办理 12345 市民热线诉求。',
    '引进亿元以上项目和 10 亿元以上项目。',
    '第一时间回应，选用第三方机构，召开第十九届会议。',
    '建设 24 小时线上帮办中心。',
    '聚焦六大主导产业。',
  ])('%s', (raw) => {
    expect(figures(raw)).toEqual([]);
  });

  it('drops stand-alone page numbers and section numbers', () => {
    expect(figures('1.生物医药做大做强。\n\n16\n\n（二）工作安排')).toEqual([]);
  });
});
