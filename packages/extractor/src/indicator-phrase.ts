/**
 * The indicator a figure measures, read from the words before the number (完成一般公共预算收入 126 亿元)
 * or, for counts, the noun after the unit (开工济滨高铁等 62 个新项目), then resolved against the catalog.
 */
import {
  INDICATORS,
  normalizeIndicatorPhrase,
  resolveIndicator,
  resolveRegion,
  type FigureKind,
  type ResolvedIndicator,
} from '@ledger/domain';
import { PREFIX_BOUNDS } from './cues.ts';
import type { Mention } from './mentions.ts';
import { matchesOf } from './pattern-scan.ts';
import { clauseEnd, clauseStart, sentenceStart } from './text-scope.ts';

/**
 * Words that open a clause without naming what is measured: time, place, stance, reference back to the subject
 * (这是该区), and verbs of carrying out work (谋划推进, 安排, 实施, 承担) that say nothing about what is counted.
 * Verbs that do (引进, 开工, 新增, 签约) stay part of the phrase.
 */
const LEADING_FILLER =
  /^(其中|同时|此外|今年|全年|年内|目前|截至目前|截至|\d{4}年度?|本年度|本年|当年|年底|去年|明年|每年|预计|力争|有望|初步|这是|该区|该项目|被视为|全区|全县|全市|我区|我县|我市|区|共|已经|已|累计|实现|完成|达到|总计|合计|共计|规划|计划|将|并|还|又|并且|对|为(?!民)|通过|近五年|近\d+年|五年|\d+年来|一年来|从|由|在|的|谋划推进|推进|安排|部署|实施|布局|承担着?|组织开展|开展|落实|比上年|较上年|比去年|较去年|同口径|按年|同比|年末|确保|争取|力求)+/;
/** Filler and gazetted region names (德清县, 洛阳市, through the region catalog) opening a phrase. */
function withoutLeadingFiller(phrase: string): string {
  let current = phrase;
  for (let previous = ''; previous !== current;) {
    previous = current;
    current = current.replace(LEADING_FILLER, '');
    current = current.slice(leadingRegionName(current).length);
  }
  return current;
}

const REGION_NAME_ENDINGS = new Set(['省', '市', '区', '县', '州', '旗', '盟']);
/** The endings as code units: reading a code unit allocates no one-character string. */
const REGION_NAME_ENDING_CODES = new Set(Array.from(REGION_NAME_ENDINGS, (c) => c.charCodeAt(0)));

function leadingRegionName(phrase: string): string {
  for (let length = Math.min(phrase.length - 1, 10); length >= 2; length--) {
    if (!REGION_NAME_ENDING_CODES.has(phrase.charCodeAt(length - 1))) continue;
    const prefix = phrase.slice(0, length);
    if (resolveRegion(prefix).length > 0) return prefix;
  }
  return '';
}

/** Words that close the phrase before the number: verbs of reaching, growth words, bounds, rank scope. */
const TRAILING_FILLER =
  /((?:较|比|从|由|到)?\d{4}年(?:末|底)?的?|控制在|控制|确保|不低于|不少于|不超过|不高于|迈上|净增|总数|由|增至|增加至|增长到|同口径|按年|比上年|较上年|分别|均|为|达到|达|了|已|保持在|稳定在|在|直达|超过|突破|超|逾|约|近|将近|接近|不到|不足|高于|低于|共计|共|合计|提高到|提高至|提升到|提升至|提高|提升|增加到|增至|降至|下降|降低|减少|压减至|压缩至|缩短至|缩短到|压减|改善|增长率|增长|增速|增幅|增加|年均|平均|年平均|同比|可比|全市|全省|全国|全区|全球|排名|位列|位居|稳居|居|列|升至|跃居|跃至|保持|前|五年|近五年|实现|完成|提供|从|大幅|攀升至|攀升到|有望|预计|(?<!经济)总量|的)+$/;
/** What ends the counted noun after a unit: a list mark, 的 before a slogan (民生实事的“幸福账单”), a clause end, an adverb or number opening the predicate. */
const STOP_AFTER =
  /(和|及|与|、|的(?=“)|的同时|等|之一|分别|均(?![衡匀])|全部|正在|顺利|有序|超额|[，。；：\n]|(?<=[\u4e00-\u9fff])\d(?![\d.]*强))/g;
/**
 * Verbs of a project's stage that stay with the noun when examples stand between them (开工济滨高铁等 62 个新项目),
 * also after adverbs of manner or sequence (已先后成功签约…等四十多个重点项目): signed, started and finished projects
 * are different groups.
 */
const STAGE_VERB =
  /^(?:先后|成功|陆续|顺利)*(新开工|开工|续建|新建|改建|扩建|竣工|投产|签约|引进|策划储备|谋划储备|储备|建成|培育)/;
/** 各类扶持资金 is the 扶持资金 of the ledger: "all kinds of" is never part of a statistic's name. */
const DETERMINERS = /各类|各项/g;
/** 列入某省 274 个重点项目: the verb of membership and the list's owner are not part of what is counted. */
const MEMBERSHIP = /^.*(列入|纳入|被评为|认定为)(全省|全市|全国|[\u4e00-\u9fff]{1,7}[省市])?$/;
const VERB_AFTER =
  /^(完成|实现|获得|获批|获评|入选|进入|被|达到|开展|落户|签约|上榜|竣工|投产|全部|超额|均|建成|入驻|通过)/;

export interface IndicatorReading {
  phrase: string;
  resolved: ResolvedIndicator;
}

/** The phrase naming what the figure measures, or "" when the clause leaves it to the previous figure. */
export function indicatorPhrase(
  text: string,
  mention: Mention,
  kind: FigureKind,
  options: { previousEnd?: number; listHead?: boolean } = {},
): string {
  const start = nameStart(text, mention.start);
  let before = text.slice(Math.max(start, options.previousEnd ?? 0), mention.start);
  // 引进亿元以上项目 160 个、10 亿元以上项目 10 个: the stage verb opening the clause governs every listed object.
  if (!options.listHead && before.includes('、')) {
    const segment = before.slice(before.lastIndexOf('、') + 1);
    const verb = STAGE_VERB.exec(withoutLeadingFiller(text.slice(start, mention.start)))?.[1];
    before = verb && !STAGE_VERB.test(segment) ? `${verb}${segment}` : segment;
  }
  // 设备更新贷款和 10 亿元产业发展资金: what stands before 和 is another item of the list.
  before = before
    .replace(/^.*[和及与]$/, '')
    .replace(MEMBERSHIP, '')
    .replace(DETERMINERS, '');
  before = strip(withoutLeadingFiller(before).replace(/连续[一二三四五六七八九十\d]+年/g, ''), TRAILING_FILLER);
  if (mention.shape !== 'quantity' || (kind !== 'count' && kind !== 'level')) return before;
  const after = textAfter(text, mention.end);
  // 开工济滨高铁等 62 个新项目: the stage verb before the examples, the noun after the unit;
  // 3 人入选国家级重点人才工程: the predicate says what is counted.
  const counted =
    after && !VERB_AFTER.test(after)
      ? `${before.replace(/[^，]*等$/, (examples) => STAGE_VERB.exec(examples)?.[1] ?? '')}${after}`
      : before || after;
  return withSharedNoun(counted, text, mention);
}

/**
 * 实施考古调查（勘探）30 项: a short gloss in brackets belongs to the name before it, not to a clause of its own.
 * A bracketed year (百强区（2022）) is a time reference, not a gloss.
 */
function nameStart(text: string, at: number): number {
  const start = clauseStart(text, at);
  const gloss = /[\u4e00-\u9fff][（(][\u4e00-\u9fff、]{1,8}[）)]$/.exec(text.slice(Math.max(0, start - 11), start));
  return gloss ? clauseStart(text, start - gloss[0].length + 1) : start;
}

const BARE_LEVEL = /^(国家|省|市|区|县)级(以上)?$/;
const LEVELLED_NOUN = /(?:国家|省|市|区|县)级(?:以上)?([\u4e00-\u9fff]+)/g;

/**
 * 其中 6 个省级、32 个市级重点项目 and 国家级标准化技术委员会秘书处 1 个、省级 10 个: a bare level counts
 * the noun its list neighbour names at another level.
 */
function withSharedNoun(phrase: string, text: string, mention: Mention): string {
  if (!BARE_LEVEL.test(phrase)) return phrase;
  const clause = text.slice(clauseStart(text, mention.start), clauseEnd(text, mention.end));
  const noun = [...clause.matchAll(LEVELLED_NOUN)].map((m) => m[1]!.slice(0, nounEnd(m[1]!))).find((n) => n !== '');
  return noun ? `${phrase}${noun}` : phrase;
}

/** 齐鲁安替实现工业总产值 40 亿元: the entity is the figure's subject, so its name is no part of the indicator. */
export function withoutEntity(phrase: string, entity: string | undefined): string {
  return entity && phrase.startsWith(entity) ? strip(phrase.slice(entity.length), TRAILING_FILLER) : phrase;
}

/** What a sentence opens with, before its first verb: 经济总量连跨四个百亿级台阶 -> 经济总量. */
export function sentenceTopic(text: string, at: number): string {
  const opening = withoutLeadingFiller(text.slice(sentenceStart(text, at), at));
  return (
    /^[\u4e00-\u9fffA-Za-z]{2,12}?(?=连续|连跨|实现|完成|达到|达|保持|突破|超过|超|增长|提升|位居|稳居|居|是|较)/.exec(
      opening,
    )?.[0] ?? ''
  );
}

function strip(phrase: string, pattern: RegExp): string {
  let current = phrase;
  for (let previous = ''; previous !== current;) {
    previous = current;
    current = withoutLeadingFiller(current.replace(pattern, ''));
  }
  return current;
}

function textAfter(text: string, at: number): string {
  const rest = text.slice(at, clauseEnd(text, at)).replace(/^的/, '');
  // 直达 23 国 52 城: a figure right after the unit is the next figure, not a noun.
  if (
    !/^[\u4e00-\u9fff“A-Za-z0-9]/.test(rest) ||
    /^[\d.]+[\u4e00-\u9fff%]{0,2}$/.test(rest) ||
    /^(新台阶|大关|台阶)/.test(rest)
  )
    return '';
  // 2200 支志愿服务队伍近 10 万名志愿者: a bound opening the next figure is not part of this noun.
  return withoutTrailingBound(
    normalizeIndicatorPhrase(rest.slice(0, Math.min(nounEnd(rest), 14))).replace(DETERMINERS, ''),
  );
}

/** A noun without the bound it ends with, which belongs to the number after it: the words that bound a number. */
function withoutTrailingBound(noun: string): string {
  const bound = PREFIX_BOUNDS.map(([pattern]) => pattern.exec(noun)).find(Boolean);
  return bound ? noun.slice(0, bound.index) : noun;
}

/** 97 项帮办代办事项和街道级事项: 和 joins two nouns of one count when both end in the same head noun. */
function nounEnd(rest: string): number {
  const stops = matchesOf(rest, STOP_AFTER);
  for (const [i, stop] of stops.entries()) {
    const next = stops[i + 1]?.index ?? rest.length;
    const sameHead = rest[stop.index - 1] === rest[next - 1];
    if (/^[和及与]$/.test(stop[0]) && sameHead && !/\d/.test(rest.slice(stop.index, next))) continue;
    return stop.index;
  }
  return rest.length;
}

const CATALOG_NAMES = INDICATORS.flatMap((i) =>
  [i.name, ...i.synonyms].map((name) => normalizeIndicatorPhrase(name)),
).sort((a, b) => b.length - a.length);
/** The catalog names by their last character, longest first as above: a phrase is only tried against names it can end with. */
const CATALOG_NAMES_BY_LAST = Map.groupBy(CATALOG_NAMES, (name) => name.at(-1) ?? '');

/** What may stand before a catalog name without changing it, but for 新增, which makes the additions of a period. */
const NAME_PREFIX = /^(新增)?(?:地方|全社会)?$/;

/**
 * Catalog first, then the catalog name that ends the phrase after filler (预计实现地区生产总值 -> GDP;
 * 实现新增高新技术企业 -> the additions to 高新技术企业).
 */
export function resolvePhrase(phrase: string): ResolvedIndicator {
  const direct = resolveIndicator(phrase);
  if (direct.catalogued) return direct;
  for (const name of CATALOG_NAMES_BY_LAST.get(phrase.at(-1) ?? '') ?? []) {
    const prefix = phrase.endsWith(name)
      ? NAME_PREFIX.exec(withoutLeadingFiller(phrase.slice(0, phrase.length - name.length)))
      : null;
    if (prefix) return resolveIndicator(`${prefix[1] ?? ''}${name}`);
  }
  return direct;
}

/** 城乡居民人均可支配收入分别增长 4%和 7%: the i-th of n listed subjects gets the i-th figure. */
export function distributeListSubject(phrase: string, index: number, count: number): string {
  if (phrase.startsWith('城乡') && count === 2) return `${index === 0 ? '城镇' : '农村'}${phrase.slice(2)}`;
  const parts = phrase.split(/[、和及与]/).filter((p) => p !== '');
  if (parts.length !== count) return phrase;
  const last = parts[count - 1]!;
  const part = parts[index]!;
  // 规上贸易物流业、规上新兴服务业营业收入: the measure named once at the end belongs to each part.
  const measure =
    /((?:居民)?人均可支配收入|营业收入|增加值|总产值|产值|规模|收入|投资|销售额|比重|人数|起数|数量)$/.exec(last)?.[0];
  return measure && !part.endsWith(measure) ? `${part}${measure}` : part;
}
