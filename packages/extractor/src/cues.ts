/** Cue words of report language, shared by the classifiers. */

/** Bounds written before the number, longest first so that 不超过 is not read as 超过. */
export const PREFIX_BOUNDS: ReadonlyArray<[RegExp, 'gt' | 'gte' | 'lt' | 'lte' | 'approx']> = [
  [/(不超过|不高于|最多)$/, 'lte'],
  [/(不低于|不少于|至少|迈上|站上|跃上|跨上)$/, 'gte'],
  [/(不到|不足|低于|少于)$/, 'lt'],
  [/(超过|突破|高于|多于|逾|超|(?<![通经越度不])过)$/, 'gt'],
  [/(将近|接近|大约|约|近)$/, 'approx'],
];

/** Words between a cue and its number that carry no meaning of their own. */
export const LINKING_WORDS =
  /(分别|均|为|控制在|定在|目标|达到|达|了|已|保持在|稳定在|在|超过|突破|超|逾|约|近|将近|接近|不到|不足|高于|低于|不低于|不少于|不超过|不高于|确保|力争|争取|力求|共计|共|合计)+$/;

/** A change, not a level: 增长 6.8%, 增速达 77.2%, 下降 48.6% (but 提高到 730 元 is a level). */
export const GROWTH_WORD =
  /(增长率|增长|增速|增幅|涨幅|降幅|净增|增加|提高|提升|下降|降低|减少|压减|改善|回落|回升|收窄|加快|放缓|上涨|递增|比增)$/;

/** A gap to a benchmark, in percentage points: 高出全省平均增速 70.2 个百分点. */
export const GAP_WORD = /(高出|高于|低于|快于|慢于|领先|超出)/;

export const ESTIMATE_CUE = /(预计|有望|初步|预估|估计)/g;

/** Goal cues that cover the rest of the sentence: 预期目标是：…, 力争…. */
export const SENTENCE_TARGET_CUE = /(预期目标|目标是|目标为|力争|力求|确保)/g;

/** A list of goals that runs over several sentences, to the end of its paragraph: 主要预期目标是：…。…。 */
export const GOAL_LIST_OPENER = /(预期目标|主要目标)(是|为)?[：:]/g;

/** Goal cues that cover their own clause only: 年度计划投资 1005 亿元, 市级重点项目 29 个 stays actual. */
export const CLAUSE_TARGET_CUE =
  /(计划(?=投资|实施|新建|完成|建设|开工|引进|新增|推进|用)|将(?=达到|突破|新增|实现|建成|完成|实施|新建|建设|开工|引进|推进|打造|力争)|年内)/g;

/** Statements of what exists now, inside a plan part: 我们有…优势, 目前已储备…. */
export const PRESENT_STATE_CUE = /(我们有|拥有|聚集了|现有|目前已|已储备)/;

export const TIME_CUE = /(今年|年内|年底|年末|年度|明年|\d{4}年)/;

export const ANNUAL_AVERAGE = /(年均|年平均|[一二三四五六七八九十\d]年平均)/;

/** Name endings of companies, parks, facilities and organisations that figures are reported about. */
/**
 * Name endings that make a clause's opening noun an entity whatever verb follows (海川智能科技股份有限公司全年营业收入,
 * 后海金融总部基地实现税收, 龙门石窟景区年接待游客).
 */
export const FACILITY_SUFFIX =
  /(公司|集团|基地|机场|园区|商务区|功能区|示范区|试验区|产业园|生态园|科技园|开发区|高新区|新区|景区|度假区|科教城|商务城|科学城|陆港|港区|医院|大学)$/;

export const ENTITY_SUFFIX =
  /(集团|公司|制药|重工|中心|大厅|医院|[一二三四五六七八九十]中|中学|小学|大学城|研究院|实验室|银行|产业园|项目)$/;
