/**
 * The indicator a figure measures, read from the words before the number (完成一般公共预算收入 126 亿元)
 * or, for counts, the noun after the unit (开工济滨高铁等 62 个新项目), then resolved against the catalog.
 */
import { INDICATORS, normalizeIndicatorPhrase, resolveIndicator, type FigureKind, type ResolvedIndicator } from '@ledger/domain';
import type { Mention } from './mentions.ts';
import { clauseEnd, clauseStart, sentenceStart } from './text-scope.ts';

/** Words that open a clause without naming what is measured: time, place, stance, verbs of reporting. */
const LEADING_FILLER =
  /^(其中|同时|此外|今年|全年|年内|目前|截至目前|截至|\d{4}年度?|年底|去年|明年|预计|力争|有望|初步|全区|我区|历城区|长清区|区|共|已经|已|累计|实现|完成|达到|总计|合计|共计|规划|计划|将|并|还|又|并且|对|为|通过|近五年|近\d+年|五年|\d+年来|一年来|从|由|在|的)+/;
/** Words that close the phrase before the number: verbs of reaching, growth words, bounds, rank scope. */
const TRAILING_FILLER =
  /(分别|均|为|达到|达|了|已|保持在|稳定在|在|超过|突破|超|逾|约|近|将近|接近|不到|不足|高于|低于|共计|共|合计|提高到|提高至|提升到|提升至|提高|提升|增加到|增至|降至|下降|降低|减少|压减|改善|增长率|增长|增速|增幅|增加|年均|平均|年平均|同比|可比|全市|全省|全国|全区|全球|排名|位列|位居|稳居|居|列|升至|跃居|跃至|保持|前|五年|近五年|实现|完成|提供|从|大幅|攀升至|攀升到|有望|预计|(?<!经济)总量|的)+$/;
const STOP_AFTER = /(和|及|与|、|的同时|等|，|。|；|：|\n)/;
const VERB_AFTER = /^(完成|实现|获得|获批|获评|入选|进入|被|达到|开展|落户|签约|上榜|竣工|投产|全部|超额|均|建成|入驻|通过)/;

export interface IndicatorReading {
  phrase: string;
  resolved: ResolvedIndicator;
}

/** The phrase naming what the figure measures, or "" when the clause leaves it to the previous figure. */
export function indicatorPhrase(text: string, mention: Mention, kind: FigureKind, options: { previousEnd?: number; listHead?: boolean } = {}): string {
  let before = text.slice(Math.max(clauseStart(text, mention.start), options.previousEnd ?? 0), mention.start);
  if (!options.listHead) before = before.slice(before.lastIndexOf('、') + 1);
  before = strip(before.replace(LEADING_FILLER, '').replace(/连续[一二三四五六七八九十\d]+年/g, ''), TRAILING_FILLER);
  if (mention.shape !== 'quantity' || (kind !== 'count' && kind !== 'level')) return before;
  const after = textAfter(text, mention.end);
  // 开工济滨高铁等 62 个新项目: the verb before the examples, the noun after the unit.
  if (after && !VERB_AFTER.test(after)) return `${before.replace(/[^，]*等$/, '')}${after}`;
  // 3 人入选国家级重点人才工程: the predicate says what is counted.
  return before || after;
}

/** What a sentence opens with, before its first verb: 经济总量连跨四个百亿级台阶 -> 经济总量. */
export function sentenceTopic(text: string, at: number): string {
  const opening = text.slice(sentenceStart(text, at), at).replace(LEADING_FILLER, '');
  return /^[\u4e00-\u9fffA-Za-z]{2,12}?(?=连续|连跨|实现|完成|达到|达|保持|突破|超过|超|增长|提升|位居|稳居|居|是|较)/.exec(opening)?.[0] ?? '';
}

function strip(phrase: string, pattern: RegExp): string {
  let current = phrase;
  for (let previous = ''; previous !== current; ) {
    previous = current;
    current = current.replace(pattern, '').replace(LEADING_FILLER, '');
  }
  return current;
}

function textAfter(text: string, at: number): string {
  const rest = text.slice(at, clauseEnd(text, at)).replace(/^的/, '');
  if (!/^[\u4e00-\u9fff“A-Za-z0-9]/.test(rest) || /^(新台阶|大关|台阶)/.test(rest)) return '';
  const stop = STOP_AFTER.exec(rest);
  return normalizeIndicatorPhrase(rest.slice(0, Math.min(stop?.index ?? rest.length, 14)));
}

const CATALOG_NAMES = INDICATORS.flatMap((i) => [i.name, ...i.synonyms].map((name) => normalizeIndicatorPhrase(name)))
  .sort((a, b) => b.length - a.length);

/** Catalog first, then the catalog name that ends the phrase after filler (预计实现地区生产总值 -> GDP). */
export function resolvePhrase(phrase: string): ResolvedIndicator {
  const direct = resolveIndicator(phrase);
  if (direct.catalogued) return direct;
  const name = CATALOG_NAMES.find((n) => phrase.endsWith(n) && isFiller(phrase.slice(0, phrase.length - n.length)));
  return name ? resolveIndicator(name) : direct;
}

function isFiller(prefix: string): boolean {
  return prefix.replace(LEADING_FILLER, '').replace(/^(新增|地方|全社会)/, '') === '';
}

/** 城乡居民人均可支配收入分别增长 4%和 7%: the i-th of n listed subjects gets the i-th figure. */
export function distributeListSubject(phrase: string, index: number, count: number): string {
  if (phrase.startsWith('城乡') && count === 2) return `${index === 0 ? '城镇' : '农村'}${phrase.slice(2)}`;
  const parts = phrase.split(/[、和及与]/).filter((p) => p !== '');
  if (parts.length !== count) return phrase;
  const last = parts[count - 1]!;
  const part = parts[index]!;
  // 规上贸易物流业、规上新兴服务业营业收入: the measure named once at the end belongs to each part.
  const measure = /((?:居民)?人均可支配收入|营业收入|增加值|总产值|产值|规模|收入|投资|销售额|比重|人数|起数|数量)$/.exec(last)?.[0];
  return measure && !part.endsWith(measure) ? `${part}${measure}` : part;
}
