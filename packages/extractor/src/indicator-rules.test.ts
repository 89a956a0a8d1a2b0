import { describe, it, expect } from '@jest/globals';
import { INDICATORS, namesOfIndicator, resolveIndicator, type DocumentMetadata } from '@ledger/domain';
import { extractFigures, type ExtractedFigure } from './extract.ts';

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
} as DocumentMetadata;

function figures(raw: string): ExtractedFigure[] {
  return extractFigures({ metadata: METADATA, raw });
}

const codes = (raw: string): string[] => figures(raw).map((f) => f.indicatorCode);
const names = (raw: string): string[] => figures(raw).map((f) => f.indicator);

describe('phrase boundaries', () => {
  it('drops verbs of carrying out work, time words and determiners, keeps verbs that say what is counted', () => {
    expect(codes('谋划推进重点项目 279 个。')).toEqual(['KEY_PROJECTS']);
    expect(names('本年度已审议合作项目 71 个。')).toEqual(['审议合作项目']);
    expect(names('承担 10 项本级便民服务事项。')).toEqual(['本级便民服务事项']);
    expect(names('向上争取各类扶持资金 6 亿元。')).toEqual(['向上争取扶持资金']);
    expect(codes('实施 60 万平方米老旧小区整治改造。')).toEqual(['OLD_COMMUNITY_RENOVATION']);
  });

  it('keeps the stage verb before examples and shares a clause-opening verb across a list', () => {
    expect(codes('开工某某大道等 12 个新项目，续建某某园等 30 个项目，策划储备某某街等 9 个项目。')).toEqual([
      'NEW_PROJECTS',
      'ONGOING_PROJECTS',
      'RESERVE_PROJECTS',
    ]);
    expect(codes('引进亿元以上项目 50 个、10 亿元以上项目 5 个。')).toEqual(['PROJECTS_100M', 'PROJECTS_1B']);
  });

  it('reads the counted noun after the unit up to the predicate, joining nouns that share a head', () => {
    expect(codes('对全区 96 个重点项目分别安排部署。')).toEqual(['KEY_PROJECTS']);
    expect(names('还承担着 9 项帮办事项和街道级事项。')).toEqual(['帮办事项和街道级事项']);
    expect(names('5 个口袋公园和 3 个体育公园。')).toEqual(['口袋公园', '体育公园']);
    expect(names('用好专项贷款和 10 亿元产业发展资金。')).toEqual(['产业发展资金']);
    expect(names('作为列入山东省 27 个补短板重点项目之一。')).toEqual(['补短板重点项目']);
    expect(figures('组建 300 支服务队伍近 2 万名队员。').map((f) => [f.indicator, f.comparator])[0]).toEqual([
      '组建服务队伍',
      'eq',
    ]);
  });

  it('keeps 为民 in a service name, ends a noun before a slogan and drops the verb of shortening a time limit', () => {
    expect(names('全年为民服务突破 5 万件次。')).toEqual(['为民服务']);
    expect(names('完成 16 件民生实事的“幸福账单”。')).toEqual(['民生实事']);
    expect(figures('审批时限压减至 3 个工作日。')[0]).toMatchObject({
      indicator: '审批时限',
      unit: '个工作日',
      kind: 'level',
    });
    expect(figures('建设工期缩短 2 个月。')[0]).toMatchObject({ unit: '个月', kind: 'level' });
  });

  it('leaves the entity that is the subject out of the indicator', () => {
    expect(figures('其中齐鲁安替实现工业总产值 40 亿元。')[0]).toMatchObject({
      region: '齐鲁安替',
      indicatorCode: 'IND_OUTPUT',
    });
  });
});

describe('figures that would otherwise share one series', () => {
  it('gives the additions of a period their own series beside the stock, catalogued or not', () => {
    expect(codes('新增高新技术企业 174 家、总量达到 555 家。')).toEqual([
      'HITECH_ENTERPRISES_NEW',
      'HITECH_ENTERPRISES',
    ]);
    expect(names('全年新增市场主体 3 万户，总数超过 20 万户。')).toEqual(['新增市场主体', '市场主体']);
    expect(codes('新增口袋公园 5 个，口袋公园 40 个。')).toEqual(['X-新增口袋公园', 'X-口袋公园']);
    expect(codes('新增城镇就业 1.7 万人。')).toEqual(['URBAN_JOBS']);
    expect(namesOfIndicator('HITECH_ENTERPRISES_NEW')).toContain('新增高企');
  });

  it('keeps the stage verb of projects behind adverbs, and reads 已先后 as a running total', () => {
    const found = figures(
      '已先后成功签约某某平台、某某基地等 40 余个重点项目。全年成功签约某某总部等 56 个重点项目，83 个重点项目全部开工。',
    );
    expect(found.map((f) => [f.indicator, f.period])).toEqual([
      ['签约重点项目', 'cumulative'],
      ['签约重点项目', '2022'],
      ['重点项目', '2022'],
    ]);
  });

  it('completes a bare level with the noun its list neighbour names', () => {
    expect(codes('其中 6 个省级、32 个市级重点项目均超额完成。')).toEqual([
      'PROVINCIAL_KEY_PROJECTS',
      'CITY_KEY_PROJECTS',
    ]);
    expect(names('承担国家级标准化技术委员会秘书处 1 个、省级 10 个。')).toEqual([
      '国家级标准化技术委员会秘书处',
      '省级标准化技术委员会秘书处',
    ]);
  });

  it('names a rate by what the figure before counted', () => {
    expect(names('检查一级单位 700 家，覆盖率 60%，二级单位 400 家，覆盖率 80%。')).toEqual([
      '检查一级单位',
      '检查一级单位覆盖率',
      '二级单位',
      '二级单位覆盖率',
    ]);
  });

  it('keeps a bracketed gloss with the name before it', () => {
    expect(names('实施保护工程 3 项；实施考古调查（勘探）30 项。')).toEqual(['保护工程', '考古调查(勘探)']);
  });

  it('ranks the state, the improvement and the overall score of one subject apart', () => {
    expect(names('空气质量在全市考核排名中，现状第 5，改善第 2，综合第 4。')).toEqual([
      '空气质量现状排名',
      '空气质量改善排名',
      '空气质量综合排名',
    ]);
  });
});

describe('anaphora within a sentence', () => {
  it('gives 总量 and 增幅 ranks to the indicator stated before', () => {
    expect(codes('完成一般公共预算收入 126 亿元，可比增长 6.8%，总量全市第三、增幅全市第二。')).toEqual([
      'GPBR',
      'GPBR',
      'GPBR_RANK_CITY',
      'GPBR_GROWTH_RANK_CITY',
    ]);
    expect(codes('规上工业营业收入增长率居全市第二。')).toEqual(['IND_REVENUE_GROWTH_RANK_CITY']);
  });

  it('carries a streak subject to the figures after it', () => {
    const found = figures('地方公共预算收入连续 4 年突破百亿大关，总量跃至全省第 4 位。');
    expect(found.map((f) => f.indicatorCode)).toEqual([
      'X-一般公共预算收入突破百亿元连续年数',
      'GPBR',
      'GPBR_RANK_PROVINCE',
    ]);
  });

  it('names the measure of a counted holder, a share of the amount, a ratio and a gap of the growth before', () => {
    expect(names('安排重点项目 100 个，年度计划投资 500 亿元，市级重点项目 20 个，年计划投资 300 亿元。')).toEqual([
      '重点项目',
      '重点项目年度计划投资',
      '市级重点项目',
      '市级重点项目年度计划投资',
    ]);
    expect(names('民生支出 40 亿元，占比 80%。')).toEqual(['民生支出', '民生支出占比']);
    expect(names('GDP 年均增速达 6%，达全国平均增速的 110%。')[1]).toBe('地区生产总值年均增速相当于全国平均增速的比例');
    expect(figures('技改投资增速达 50%，高出全省平均增速 20 个百分点。')[1]).toMatchObject({
      kind: 'other',
      indicator: '工业技改投资增速高于全省平均增速',
    });
  });

  it('names every part of a three-sector structure', () => {
    expect(names('三次产业结构调整为 3:30.5:66.5。')).toEqual([
      '第一产业增加值占比',
      '第二产业增加值占比',
      '第三产业增加值占比',
    ]);
  });
});

describe('the catalog', () => {
  it('resolves synonyms and spelling variants to one code', () => {
    expect(resolveIndicator('规上工业营收').code).toBe('IND_REVENUE');
    expect(resolveIndicator('四新经济占GDP的比重').code).toBe(resolveIndicator('四新经济占GDP比重').code);
    expect(resolveIndicator('年计划投资').code).toBe(resolveIndicator('年度计划投资').code);
    expect(resolveIndicator('老旧小区整治改造').code).toBe('OLD_COMMUNITY_RENOVATION');
  });

  it('gives a ranking one series whatever the wording and document', () => {
    expect(resolveIndicator('一般公共预算收入总量全市排名').code).toBe(resolveIndicator('公共预算收入全市排名').code);
    expect(resolveIndicator('一般公共预算收入增幅全市排名').code).toBe('GPBR_GROWTH_RANK_CITY');
    expect(namesOfIndicator('GPBR_GROWTH_RANK_CITY')[0]).toBe('一般公共预算收入增速全市排名');
    const inTwoDocuments = ['投资竞争力入围全国百强区第 37 位。', '投资竞争力居全国百强区第 37 位。'].map(
      (raw) => codes(raw)[0],
    );
    expect(inTwoDocuments).toEqual([
      'INVESTMENT_COMPETITIVENESS_RANK_NATION',
      'INVESTMENT_COMPETITIVENESS_RANK_NATION',
    ]);
  });

  it('keeps uncatalogued derived names on the standard base name', () => {
    expect(resolveIndicator('经济总量突破千亿元连续年数').code).toBe(
      resolveIndicator('地区生产总值突破千亿元连续年数').code,
    );
  });

  it('has short uppercase codes, each phrase naming one indicator', () => {
    for (const indicator of INDICATORS) expect(indicator.code).toMatch(/^[A-Z0-9_]{2,28}$/);
    const phrases = INDICATORS.flatMap((i) => [i.name, ...i.synonyms].map((p) => resolveIndicator(p).code === i.code));
    expect(phrases.every(Boolean)).toBe(true);
  });
});
