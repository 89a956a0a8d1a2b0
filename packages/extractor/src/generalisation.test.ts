/** Categories of report language beyond the seeds, on sentences written for these tests (a county of 安徽, 2025). */
import { describe, it, expect } from '@jest/globals';
import type { DocumentMetadata } from '@ledger/domain';
import { extractFigures, type ExtractedFigure } from './extract.ts';

const METADATA = {
  documentId: 'generalisation',
  fileName: 'generalisation.txt',
  title: '肥西县政府工作报告',
  kind: 'work-report',
  publisher: '肥西县人民政府',
  regionCode: '340123',
  published: '2025-01-12',
  periodCovered: '2024-2025',
  sha256: '0'.repeat(64),
} as DocumentMetadata;

function figures(raw: string): ExtractedFigure[] {
  return extractFigures({ metadata: METADATA, raw });
}

const pick = (found: readonly ExtractedFigure[], keys: ReadonlyArray<keyof ExtractedFigure>) =>
  found.map((f) => Object.fromEntries(keys.map((k) => [k, f[k]])));

describe('traditional characters', () => {
  it('read like simplified ones, with quotes and offsets on the raw text', () => {
    const raw = '全縣地區生產總值達到1.23萬億元，增長5.8%，連續三年位居全省榜首。';
    const found = figures(raw);
    expect(pick(found, ['number', 'unit', 'kind', 'indicatorCode'])).toEqual([
      { number: '1.23', unit: '万亿元', kind: 'level', indicatorCode: 'GDP' },
      { number: '5.8', unit: '%', kind: 'growth', indicatorCode: 'GDP' },
      { number: '三', unit: '年', kind: 'count', indicatorCode: expect.any(String) },
      { number: '首', unit: '', kind: 'rank', indicatorCode: expect.any(String) },
    ]);
    expect(found[0]!.quote).toBe('1.23萬億元');
    expect(raw.slice(found[1]!.charStart, found[1]!.charEnd)).toBe('5.8%');
  });

  it('keep a numeral as written: 兩倍 is number 兩, value 2', () => {
    const [ratio] = figures('研發投入強度是全省平均水平的兩倍。');
    expect(ratio).toMatchObject({ number: '兩', value: '2', unit: '倍', kind: 'ratio' });
  });
});

describe('units, bounds and ranks', () => {
  it('keeps compound units whole', () => {
    const found = figures(
      '全社会用电量86.4亿千瓦时，新增光伏装机32万千瓦，能耗总量212万吨标准煤，接待游客1460万人次。',
    );
    expect(found.map((f) => f.unit)).toEqual(['亿千瓦时', '万千瓦', '万吨标准煤', '万人次']);
    expect(found.at(-1)!.kind).toBe('count');
  });

  it('reads bounds after and before the number, and shares them across a list', () => {
    const found = figures(
      '今年主要预期目标是：城镇调查失业率控制在5.5%以内，研发投入强度不低于3%，粮食产量稳定在60万吨以上，城乡居民收入分别增长5%和6%左右，两大产业营业收入分别突破800亿元、500亿元。',
    );
    expect(found.map((f) => f.comparator)).toEqual(['lte', 'gte', 'gte', 'approx', 'approx', 'gt', 'gt']);
    expect(new Set(found.map((f) => f.status))).toEqual(new Set(['target']));
  });

  it('reads 首位 and 榜首 after a standing, not as a priority or a title', () => {
    const found = figures(
      '增速居全市县区首位，税收总量位列全省同类县榜首。我们始终把民生放在首位，巩固全国百强县榜首地位。',
    );
    expect(pick(found, ['number', 'value', 'unit', 'kind'])).toEqual([
      { number: '首', value: '1', unit: '位', kind: 'rank' },
      { number: '首', value: '1', unit: '', kind: 'rank' },
    ]);
  });

  it('reads a top group without a unit after a scope, but not 前三季度', () => {
    const found = figures('营商环境评价位列全省前五，前三季度完成投资12亿元。');
    expect(pick(found, ['number', 'kind', 'comparator'])).toEqual([
      { number: '五', kind: 'rank', comparator: 'lte' },
      { number: '12', kind: 'level', comparator: 'eq' },
    ]);
  });

  it('leaves size classes in names alone: 主营业务收入超10亿元企业 8 家', () => {
    expect(figures('培育主营业务收入超10亿元企业8家。').map((f) => f.number)).toEqual(['8']);
  });
});

describe('status and period', () => {
  it('lets 预计 cover every clause of a ；-list up to the full stop, and no further', () => {
    const found = figures('预计全年地区生产总值增长6%；规上工业增加值增长8%；社零总额增长5%。全年新增就业1.2万人。');
    expect(found.map((f) => f.status)).toEqual(['estimate', 'estimate', 'estimate', 'actual']);
  });

  it('lets a list of goals run over several sentences to the end of its paragraph', () => {
    const raw = [
      '二、2025年工作安排',
      '今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。一般公共预算收入增长4%。',
      '固定资产投资增长8%，城镇新增就业1.1万人以上。',
    ].join('\n');
    const found = figures(raw);
    expect(pick(found, ['number', 'status', 'period'])).toEqual([
      { number: '6', status: 'target', period: '2025' },
      { number: '4', status: 'target', period: '2025' },
      { number: '8', status: 'target', period: '2025' },
      { number: '1.1', status: 'target', period: '2025' },
    ]);
  });

  it('dates a starting point to its year and what follows to the review year', () => {
    const found = figures('高新技术企业由2020年的126家增至2024年的318家，科技型中小企业达到560家。');
    expect(found.map((f) => f.period)).toEqual(['2020', '2024', '2024']);
  });

  it('reads 五年累计 as the years reviewed, and 年均浓度 as one year', () => {
    const found = figures('五年累计完成投资2100亿元，实施项目860个。PM2.5年均浓度31微克/立方米。');
    expect(found.map((f) => f.period)).toEqual(['2020-2024', '2020-2024', '2024']);
    expect(found.at(-1)!.unit).toBe('微克/立方米');
  });
});

describe('subjects and indicators', () => {
  it('makes a park, base or company the subject of its figures', () => {
    const found = figures(
      '合肥高新区肥西片区实现营业收入320亿元；中科新材料基地新增企业26家；安庆环新集团公司全年营业收入58亿元。',
    );
    expect(found.map((f) => f.region)).toEqual(['合肥高新区', '中科新材料基地', '安庆环新集团公司']);
  });

  it('resolves the province or city named before a figure through the region catalog', () => {
    const found = figures('12个项目列入安徽省260个重大项目，3个列入合肥市120个重点项目；总量占安徽省的4.2%。');
    expect(found.map((f) => f.region)).toEqual(['340123', '340000', '340123', '340100', '340123']);
  });

  it('keeps 财政收入 apart from 一般公共预算收入', () => {
    const found = figures('财政收入86亿元，一般公共预算收入52亿元。');
    expect(found.map((f) => f.indicatorCode)).toEqual(['FISCAL_REVENUE', 'GPBR']);
  });

  it('states a clause repeated word for word on one line once', () => {
    const found = figures('全县地区生产总值达到456亿元，全县地区生产总值达到456亿元，增长6.1%。');
    expect(found.map((f) => f.number)).toEqual(['456', '6.1']);
  });
});
