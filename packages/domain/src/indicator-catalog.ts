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
  // Output and public finance
  { code: 'GDP', name: '地区生产总值', synonyms: ['GDP', '经济总量', '生产总值', '地区GDP'] },
  {
    code: 'GPBR',
    name: '一般公共预算收入',
    synonyms: ['地方一般公共预算收入', '一般预算收入', '公共预算收入', '地方公共预算收入'],
  },
  // 财政(总)收入 adds the revenue passed up to higher levels: a different, larger series than 一般公共预算收入.
  { code: 'FISCAL_REVENUE', name: '财政总收入', synonyms: ['财政收入'] },
  { code: 'GPBE', name: '一般公共预算支出', synonyms: ['一般预算支出', '公共预算支出'] },
  { code: 'TAX', name: '税收收入', synonyms: ['税收'] },
  { code: 'LIVELIHOOD_SPENDING', name: '民生支出', synonyms: ['财政民生支出', '民生领域支出'] },
  { code: 'AGRI_VA', name: '农业增加值', synonyms: ['农林牧渔业增加值'] },
  { code: 'SERVICE_VA', name: '服务业增加值', synonyms: ['第三产业增加值'] },
  { code: 'FINANCE_VA', name: '金融业增加值', synonyms: [] },
  { code: 'NEW_ECONOMY_SHARE', name: '四新经济增加值占GDP比重', synonyms: ['四新经济占GDP比重', '四新经济增加值占比'] },
  { code: 'MODERN_SERVICE_SHARE', name: '现代服务业增加值占GDP比重', synonyms: ['现代服务业占GDP比重'] },
  // Industry
  { code: 'IVA_ABOVE', name: '规模以上工业增加值', synonyms: ['规上工业增加值', '规模工业增加值'] },
  {
    code: 'IND_OUTPUT',
    name: '规模以上工业总产值',
    synonyms: ['规上工业总产值', '规模以上工业产值', '规上工业产值', '工业总产值'],
  },
  {
    code: 'IND_REVENUE',
    name: '规模以上工业营业收入',
    synonyms: ['规上工业营业收入', '规模以上工业企业营业收入', '规上工业企业营业收入'],
  },
  { code: 'IND_ENTERPRISES', name: '规模以上工业企业', synonyms: ['规上工业企业'] },
  {
    code: 'SERVICE_REVENUE',
    name: '规模以上服务业营业收入',
    synonyms: ['规上服务业营业收入', '规模以上服务业企业营业收入', '规上服务业企业营业收入'],
  },
  {
    code: 'ENERGY_INTENSITY',
    name: '单位地区生产总值能耗',
    synonyms: ['单位GDP能耗', '万元GDP能耗', '单位GDP能源消耗'],
  },
  // Investment and projects
  { code: 'FAI', name: '固定资产投资', synonyms: ['全社会固定资产投资', '固投', '固定资产投资额'] },
  { code: 'IND_INVESTMENT', name: '工业投资', synonyms: [] },
  {
    code: 'TECH_RENOVATION_INVESTMENT',
    name: '工业技改投资',
    synonyms: ['技改投资', '工业技术改造投资', '技术改造投资'],
  },
  { code: 'KEY_PROJECTS', name: '重点项目', synonyms: ['重点建设项目'] },
  { code: 'PROVINCIAL_KEY_PROJECTS', name: '省级重点项目', synonyms: ['省重点项目'] },
  { code: 'CITY_KEY_PROJECTS', name: '市级重点项目', synonyms: ['市重点项目'] },
  { code: 'NEW_PROJECTS', name: '新开工项目', synonyms: ['开工新项目', '新开工重点项目'] },
  { code: 'ONGOING_PROJECTS', name: '续建项目', synonyms: [] },
  { code: 'RESERVE_PROJECTS', name: '储备项目', synonyms: ['策划储备项目', '谋划储备项目'] },
  { code: 'PROJECTS_100M', name: '引进亿元以上项目', synonyms: ['引进过亿元项目', '新引进亿元以上项目'] },
  { code: 'PROJECTS_1B', name: '引进10亿元以上项目', synonyms: ['引进十亿元以上项目', '引进过10亿元项目'] },
  {
    code: 'INVESTMENT_ATTRACTED',
    name: '招商引资到位资金',
    synonyms: ['到位资金', '实际到位资金', '招商引资实际到位资金'],
  },
  // Consumption and trade
  { code: 'RETAIL', name: '社会消费品零售总额', synonyms: ['社零额', '社会消费品零售额', '社零'] },
  { code: 'TRADE', name: '进出口总额', synonyms: ['外贸进出口', '进出口', '外贸进出口总额', '外贸进出口额'] },
  { code: 'CROSS_BORDER_ECOMMERCE', name: '跨境电商进出口额', synonyms: ['跨境电商交易额', '跨境电商业务进出口额'] },
  { code: 'FDI', name: '实际使用外资', synonyms: ['实际利用外资', '实际到账外资', '利用外资', '引进外资'] },
  // Enterprises and innovation
  { code: 'MARKET_ENTITIES', name: '市场主体', synonyms: ['市场主体数量', '各类市场主体'] },
  { code: 'HITECH_ENTERPRISES', name: '高新技术企业', synonyms: ['高企', '国家高新技术企业'] },
  { code: 'SCI_TECH_SMES', name: '科技型中小企业', synonyms: ['国家科技型中小企业', '入库科技型中小企业'] },
  { code: 'SRDI_ENTERPRISES', name: '专精特新企业', synonyms: ['专精特新中小企业', '省级专精特新企业'] },
  { code: 'LITTLE_GIANTS', name: '专精特新小巨人企业', synonyms: ['小巨人企业', '专精特新“小巨人”企业'] },
  { code: 'GAZELLES', name: '瞪羚企业', synonyms: [] },
  { code: 'HITECH_SHARE', name: '高新技术产业产值占比', synonyms: ['高新技术产业产值占规上工业总产值比重'] },
  {
    code: 'RND_SHARE',
    name: '研发经费投入强度',
    synonyms: [
      'R&D经费投入强度',
      '研发投入强度',
      '研发投入占GDP比重',
      '全社会研发投入占GDP比重',
      '研发经费投入占GDP比重',
    ],
  },
  { code: 'RND_SPENDING', name: '全社会研发投入', synonyms: ['研发投入', '研发经费投入', 'R&D经费投入'] },
  { code: 'TECH_CONTRACTS', name: '技术合同交易额', synonyms: ['技术合同成交额'] },
  { code: 'INVENTION_PATENTS', name: '有效发明专利', synonyms: ['发明专利拥有量', '有效发明专利拥有量'] },
  { code: 'BASE_STATIONS_5G', name: '5G基站', synonyms: ['5G基站数'] },
  // Rankings reported as membership of a top group
  { code: 'INVESTMENT_COMPETITIVENESS', name: '投资竞争力', synonyms: ['投资竞争力百强区'] },
  {
    code: 'TOP100_DISTRICTS',
    name: '全国综合实力百强区',
    synonyms: ['全国百强区', '综合实力百强区', '全国综合实力百强'],
  },
  { code: 'TOP100_INDUSTRIAL_DISTRICTS', name: '全国工业百强区', synonyms: ['中国工业百强区', '工业百强区'] },
  // Households, jobs and welfare
  { code: 'INCOME_URBAN', name: '城镇居民人均可支配收入', synonyms: ['城市居民人均可支配收入', '城镇人均可支配收入'] },
  { code: 'INCOME_RURAL', name: '农村居民人均可支配收入', synonyms: ['农民人均可支配收入', '农村人均可支配收入'] },
  { code: 'INCOME', name: '居民人均可支配收入', synonyms: ['全体居民人均可支配收入', '人均可支配收入'] },
  { code: 'URBAN_JOBS', name: '城镇新增就业', synonyms: ['新增城镇就业', '城镇新增就业人数'] },
  { code: 'AFFORDABLE_RENTALS', name: '保障性租赁住房', synonyms: ['保租房'] },
  { code: 'SHANTYTOWN_RENOVATION', name: '棚户区改造', synonyms: ['棚改'] },
  {
    code: 'OLD_COMMUNITY_RENOVATION',
    name: '老旧小区改造',
    synonyms: [
      '老旧小区整治改造',
      '老旧小区综合整治',
      '老旧小区改造提升',
      '改造老旧小区',
      '改造城镇老旧小区',
      '城镇老旧小区改造',
    ],
  },
  // Agriculture and environment
  { code: 'GRAIN_OUTPUT', name: '粮食总产量', synonyms: ['粮食产量'] },
  { code: 'HIGH_STANDARD_FARMLAND', name: '高标准农田', synonyms: ['高标准农田建设'] },
  { code: 'GOOD_AIR_DAYS', name: '优良天数', synonyms: ['空气质量优良天数'] },
  { code: 'PM25', name: 'PM2.5浓度', synonyms: ['PM2.5平均浓度', '细颗粒物浓度'] },
  { code: 'FOREST_COVERAGE', name: '森林覆盖率', synonyms: [] },
  { code: 'GREEN_COVERAGE', name: '建成区绿化覆盖率', synonyms: [] },
];

/** Spellings reports use interchangeably inside a name: 营收 for 营业收入 (营收入 is its common slip), 年计划 for 年度计划. */
const VARIANTS: ReadonlyArray<[RegExp, string]> = [
  [/营收入?/g, '营业收入'],
  [/(^|[^度])年计划/g, '$1年度计划'],
  [/占(.+)的(比重|比例)$/, '占$1$2'],
];

/** Folds spacing, full-width letters, quotes and spelling variants so that 规 上 工业 and 规上工业 are one phrase. */
export function normalizeIndicatorPhrase(phrase: string): string {
  // The extractor asks this several times per figure: a phrase the folding and the variants leave as it is returns at once.
  if (PLAIN_PHRASE.test(phrase) && !ANY_VARIANT.test(phrase)) return phrase;
  const folded = phrase
    .normalize('NFKC')
    .replace(/[\s“”"'‘’《》]/g, '')
    .replace(/[:@]/g, '·');
  return VARIANTS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), folded);
}

/** CJK ideographs, ASCII letters and digits: NFKC keeps them, and none is spacing, a quote, `:` or `@`. */
const PLAIN_PHRASE = /^[\u4e00-\u9fffA-Za-z0-9]*$/;
/**
 * Whether any variant could apply; if none matches the phrase, none matches after another either. The patterns'
 * flags but g and y apply to all of them: that can only make the test match more often, never less.
 */
const ANY_VARIANT = new RegExp(
  VARIANTS.map(([pattern]) => pattern.source).join('|'),
  [...new Set(VARIANTS.flatMap(([pattern]) => [...pattern.flags.replace(/[gy]/g, '')]))].join(''),
);

const BY_PHRASE = new Map<string, IndicatorDefinition>();
for (const indicator of INDICATORS) {
  for (const phrase of [indicator.name, ...indicator.synonyms])
    BY_PHRASE.set(normalizeIndicatorPhrase(phrase), indicator);
}

export interface ResolvedIndicator {
  code: string;
  name: string;
  catalogued: boolean;
}

const SCOPE_CODES: Readonly<Record<string, string>> = {
  全球: 'WORLD',
  全国: 'NATION',
  全省: 'PROVINCE',
  全市: 'CITY',
  全区: 'DISTRICT',
};

/**
 * A rank of a catalogued indicator: 一般公共预算收入总量全市排名 -> GPBR_RANK_CITY, 增幅全市排名 -> GPBR_GROWTH_RANK_CITY.
 * A rank of the total (总量) is the rank of the indicator itself; 增幅, 增速 and 增长率 all rank its growth.
 */
const RANK =
  /^(?<base>.+?)(?:总量|总额|规模)?(?<growth>增幅|增速|增长率|增长)?(?<scope>全球|全国|全省|全市|全区)?排名$/;

/** Names the extractor derives from an indicator: streaks, ratios and gaps to a benchmark. */
const DERIVED_SUFFIX = /(连续年数|的比例|的倍数|[高低]于.+)$/;

/**
 * 新增高新技术企业 counts what was added in the period, a flow beside the stock 高新技术企业: a series of its own.
 * Names that contain 新增 themselves (城镇新增就业) are found in the catalog first.
 */
const ADDITION = /^新增(?<base>.+)$/;
const ADDITION_CODE = '_NEW';

export function resolveIndicator(phrase: string): ResolvedIndicator {
  const normalized = normalizeIndicatorPhrase(phrase);
  const found = BY_PHRASE.get(normalized);
  if (found) return { code: found.code, name: found.name, catalogued: true };
  const added = BY_PHRASE.get(ADDITION.exec(normalized)?.groups?.base ?? '');
  if (added) return { code: `${added.code}${ADDITION_CODE}`, name: `新增${added.name}`, catalogued: true };
  const rank = resolveRank(normalized);
  if (rank) return rank;
  // 地方公共预算收入突破百亿元连续年数 and 一般公共预算收入突破百亿元连续年数 are one series.
  const name = DERIVED_SUFFIX.test(normalized) ? withStandardBase(normalized) : normalized;
  return { code: `X-${name}`, name, catalogued: false };
}

function resolveRank(normalized: string): ResolvedIndicator | undefined {
  if (!normalized.endsWith('排名')) return undefined; // what RANK ends with, checked before its backtracking
  const groups = RANK.exec(normalized)?.groups;
  const base = groups && BY_PHRASE.get(groups.base!);
  if (!groups || !base) return undefined;
  const scope = groups.scope ?? '';
  return {
    code: [base.code, ...(groups.growth ? ['GROWTH'] : []), 'RANK', ...(scope ? [SCOPE_CODES[scope]!] : [])].join('_'),
    name: rankName(base, groups.growth !== undefined, scope),
    catalogued: true,
  };
}

/** The standard name for the longest catalogued name opening the phrase. */
function withStandardBase(normalized: string): string {
  for (let end = normalized.length - 1; end > 0; end--) {
    const base = BY_PHRASE.get(normalized.slice(0, end));
    if (base) return `${base.name}${normalized.slice(end)}`;
  }
  return normalized;
}

/** Every name an indicator code is known by, for search; additions (HITECH_ENTERPRISES_NEW) by 新增 + the base's names; a rank code (GPBR_RANK_CITY) by its own name and its base's names. */
export function namesOfIndicator(code: string): readonly string[] {
  const found = INDICATORS.find((i) => i.code === code);
  if (found) return [found.name, ...found.synonyms];
  const added = INDICATORS.find((i) => code === `${i.code}${ADDITION_CODE}`);
  if (added) return [added.name, ...added.synonyms].map((name) => `新增${name}`);
  const base = INDICATORS.filter((i) => code.startsWith(`${i.code}_`)).sort((a, b) => b.code.length - a.code.length)[0];
  const rank = base && /^_(GROWTH_)?RANK(_[A-Z]+)?$/.exec(code.slice(base.code.length));
  if (!base || !rank) return [code.replace(/^X-/, '')];
  const scope = Object.entries(SCOPE_CODES).find(([, c]) => rank[2] === `_${c}`)?.[0] ?? '';
  return [rankName(base, rank[1] !== undefined, scope), base.name, ...base.synonyms];
}

function rankName(base: IndicatorDefinition, growth: boolean, scope: string): string {
  return `${base.name}${growth ? '增速' : ''}${scope}排名`;
}
