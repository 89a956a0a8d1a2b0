/**
 * Indicators with a code, their standard Chinese name and the other names reports use for them.
 * A phrase not found here is kept as an uncatalogued indicator ("X-" + the phrase), never dropped.
 */
export interface IndicatorDefinition {
  code: string;
  name: string;
  synonyms: readonly string[];
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  { code: 'GDP', name: '地区生产总值', synonyms: ['GDP', '经济总量', '生产总值', '地区GDP'] },
  { code: 'GPBR', name: '一般公共预算收入', synonyms: ['地方一般公共预算收入', '一般预算收入', '公共预算收入', '地方公共预算收入', '财政收入'] },
  { code: 'GPBE', name: '一般公共预算支出', synonyms: ['一般预算支出', '公共预算支出'] },
  { code: 'TAX', name: '税收收入', synonyms: ['税收'] },
  { code: 'IVA_ABOVE', name: '规模以上工业增加值', synonyms: ['规上工业增加值', '规模工业增加值'] },
  { code: 'IND_OUTPUT', name: '规模以上工业总产值', synonyms: ['规上工业总产值', '规模以上工业产值', '规上工业产值', '工业总产值'] },
  { code: 'FAI', name: '固定资产投资', synonyms: ['全社会固定资产投资', '固投', '固定资产投资额'] },
  { code: 'RETAIL', name: '社会消费品零售总额', synonyms: ['社零额', '社会消费品零售额', '社零'] },
  { code: 'INCOME_URBAN', name: '城镇居民人均可支配收入', synonyms: ['城市居民人均可支配收入', '城镇人均可支配收入'] },
  { code: 'INCOME_RURAL', name: '农村居民人均可支配收入', synonyms: ['农民人均可支配收入', '农村人均可支配收入'] },
  { code: 'INCOME', name: '居民人均可支配收入', synonyms: ['全体居民人均可支配收入', '人均可支配收入'] },
  { code: 'MARKET_ENTITIES', name: '市场主体', synonyms: ['市场主体数量', '各类市场主体'] },
  { code: 'TRADE', name: '进出口总额', synonyms: ['外贸进出口', '进出口', '外贸进出口总额', '外贸进出口额'] },
  { code: 'FDI', name: '实际使用外资', synonyms: ['实际利用外资', '实际到账外资', '利用外资', '引进外资'] },
  { code: 'HITECH_ENTERPRISES', name: '高新技术企业', synonyms: ['高企', '国家高新技术企业'] },
  { code: 'HITECH_SHARE', name: '高新技术产业产值占比', synonyms: ['高新技术产业产值占规上工业总产值比重'] },
  { code: 'RND_SHARE', name: '研发经费投入强度', synonyms: ['R&D经费投入强度', '研发投入强度', '研发投入占GDP比重', '全社会研发投入占GDP比重', '研发经费投入占GDP比重'] },
  { code: 'INVESTMENT_COMPETITIVENESS', name: '投资竞争力', synonyms: ['投资竞争力百强区'] },
  { code: 'URBAN_JOBS', name: '城镇新增就业', synonyms: ['新增城镇就业', '城镇新增就业人数'] },
  { code: 'KEY_PROJECTS', name: '重点项目', synonyms: [] },
  { code: 'RND_SPENDING', name: '全社会研发投入', synonyms: ['研发投入', '研发经费投入', 'R&D经费投入'] },
  { code: 'SERVICE_VA', name: '服务业增加值', synonyms: ['第三产业增加值'] },
  { code: 'GRAIN_OUTPUT', name: '粮食总产量', synonyms: ['粮食产量'] },
  { code: 'TECH_CONTRACTS', name: '技术合同交易额', synonyms: ['技术合同成交额'] },
  { code: 'GOOD_AIR_DAYS', name: '优良天数', synonyms: ['空气质量优良天数'] },
];

const BY_PHRASE = new Map<string, IndicatorDefinition>();
for (const indicator of INDICATORS) {
  for (const phrase of [indicator.name, ...indicator.synonyms]) BY_PHRASE.set(normalizeIndicatorPhrase(phrase), indicator);
}

/** Folds spacing, full-width letters and quotes so that 规 上 工业 and 规上工业 are one phrase. */
export function normalizeIndicatorPhrase(phrase: string): string {
  return phrase
    .normalize('NFKC')
    .replace(/[\s“”"'‘’《》]/g, '')
    .replace(/[:@]/g, '·');
}

export interface ResolvedIndicator {
  code: string;
  name: string;
  catalogued: boolean;
}

export function resolveIndicator(phrase: string): ResolvedIndicator {
  const normalized = normalizeIndicatorPhrase(phrase);
  const found = BY_PHRASE.get(normalized);
  if (found) return { code: found.code, name: found.name, catalogued: true };
  return { code: `X-${normalized}`, name: normalized, catalogued: false };
}

/** Every name an indicator code is known by, for search. */
export function namesOfIndicator(code: string): readonly string[] {
  const found = INDICATORS.find((i) => i.code === code);
  return found ? [found.name, ...found.synonyms] : [code.replace(/^X-/, '')];
}
