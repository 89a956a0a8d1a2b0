/** Kind, bound, status, period and subject of one mention, read from the words around it. */
import { resolveRegion, type Comparator, type FigureKind, type FigureStatus } from '@ledger/domain';
import {
  ANNUAL_AVERAGE,
  CLAUSE_TARGET_CUE,
  ENTITY_SUFFIX,
  ESTIMATE_CUE,
  FACILITY_SUFFIX,
  GAP_WORD,
  GROWTH_WORD,
  LINKING_WORDS,
  PREFIX_BOUNDS,
  PRESENT_STATE_CUE,
  SENTENCE_TARGET_CUE,
  TIME_CUE,
} from './cues.ts';
import { parseChineseNumeral } from './chinese-numerals.ts';
import { namedPlanSpan, type DocumentContext } from './document-context.ts';
import type { Mention } from './mentions.ts';
import { cueIndex, lastBefore } from './cue-index.ts';
import { lastMatchIndex, matchesOf } from './pattern-scan.ts';
import { clauseEnd, clauseStart, fullSentenceStart, paragraphStart, sentenceStart } from './text-scope.ts';
import { unitClass } from './units.ts';

export type Subject = { type: 'region'; code: string } | { type: 'entity'; name: string; regionCode: string };

/** The text of the clause before the mention, where most of its cues are. */
export function clauseBefore(text: string, mention: Mention): string {
  return text.slice(clauseStart(text, mention.start), mention.start);
}

export function comparatorOf(text: string, mention: Mention): Comparator {
  if (mention.shape === 'top') return 'lte';
  if (mention.suffixComparator) return mention.suffixComparator;
  const before = text.slice(Math.max(0, mention.start - 4), mention.start);
  const prefix = PREFIX_BOUNDS.find(([pattern]) => pattern.test(before))?.[1];
  if (prefix) return prefix;
  // 约为全国平均水平的 30 倍: the bound opens the predicate, before the benchmark.
  return /(约|大约)(为|是|占|合)[^，。；\d]{0,14}的$/.test(clauseBefore(text, mention)) ? 'approx' : 'eq';
}

export function kindOf(text: string, mention: Mention): FigureKind {
  if (mention.shape === 'rank' || mention.shape === 'top') return 'rank';
  if (mention.shape === 'streak') return 'count';
  if (mention.shape === 'structure') return 'share';
  const clause = clauseBefore(text, mention);
  const cue = kindCue(text, mention);
  const growth = GROWTH_WORD.test(cue);
  // 提升 20 处公厕 is an amount of work done; only 增长/增加/减少 make a count or amount a change.
  const countGrowth = /(增长|增加|净增|减少|下降)$/.test(cue);
  switch (unitClass(mention.unit)) {
    case 'times':
      // 增长近 1.5 倍 is a growth; 是全国平均水平的两倍 a ratio.
      return growth ? 'growth' : 'ratio';
    case 'points':
      return GAP_WORD.test(clause) ? 'other' : growth ? 'growth' : 'other';
    case 'percent':
      if (growth) return 'growth';
      // 达全国平均增速的 116.5%: a ratio to a benchmark; 占全区工业总产值的 25.32%: a share.
      return /的$/.test(cue) && !clause.includes('占') && /(是|达|相当于|为|完成|恢复)/.test(clause)
        ? 'ratio'
        : 'share';
    case 'count':
      // 较上年前移 5 位: a move in a ranking.
      if (/^[位名]$/.test(mention.unit) && /(前移|后移|上升|前进|后退|提升|下降)$/.test(cue)) return 'other';
      return countGrowth ? 'growth' : 'count';
    default:
      if (countGrowth) return 'growth';
      // 超出年度任务 0.5 万亩: the excess over a plan, not an amount of its own.
      if (/超(出|额完成)?[^，]{0,4}(任务|计划|目标)$/.test(cue)) return 'other';
      // 112.6 万农村贫困人口: a bare magnitude before people or households counts them.
      return /^[万亿]$/.test(mention.unit) && COUNTED_PEOPLE.test(text.slice(mention.end, clauseEnd(text, mention.end)))
        ? 'count'
        : 'level';
  }
}

/** The words of the clause before the mention that may say what kind of figure it is, without linking words. */
export function kindCue(text: string, mention: Mention): string {
  return clauseBefore(text, mention).replace(LINKING_WORDS, '');
}

const COUNTED_PEOPLE = /^[\u4e00-\u9fff]{0,6}(人口|人|户|群众|居民|家庭|职工|学生)/;

export function statusOf(text: string, mention: Mention, context: DocumentContext): FigureStatus {
  // A closed aside (年度目标为 7%) states its own status and leaves the rest of the sentence alone.
  const sentence = withoutClosedAsides(text.slice(sentenceStart(text, mention.start), mention.start));
  // 预计 and 预期目标 cover a list of clauses joined by ； up to the full stop.
  const full = withoutClosedAsides(text.slice(fullSentenceStart(text, mention.start), mention.start));
  if (mention.start >= context.planStart) {
    // What exists now, or is expected rather than planned (预计今年…可达), inside the plan part.
    if (PRESENT_STATE_CUE.test(sentence)) return 'actual';
    return lastIndex(full, ESTIMATE_CUE) >= 0 && lastIndex(full, SENTENCE_TARGET_CUE) < 0 ? 'estimate' : 'target';
  }
  const clause = clauseBefore(text, mention);
  const estimate = lastIndex(full, ESTIMATE_CUE);
  const clauseCue = lastIndex(clause, CLAUSE_TARGET_CUE);
  const target = Math.max(
    lastIndex(full, SENTENCE_TARGET_CUE),
    clauseCue < 0 ? -1 : clauseCue + full.length - clause.length,
  );
  if (estimate < 0 && target < 0 && inGoalList(text, mention.start, full)) return 'target';
  if (estimate < 0 && target < 0) {
    // A January article on a work report: what it says of 今年 is the plan.
    const planYear =
      context.kind === 'news-article' && context.targetYear > context.reviewYear && /(今年|年内)/.test(sentence);
    return planYear ? 'target' : 'actual';
  }
  return target > estimate ? 'target' : 'estimate';
}

/** The text with every bracketed aside that closes inside it blanked out, so that offsets stay. */
function withoutClosedAsides(text: string): string {
  if (!text.includes('）') && !text.includes(')')) return text;
  return text.replace(/[（(][^（()）]*[）)]/g, (aside) => '　'.repeat(aside.length));
}

/** Whether `at` lies inside a bracketed aside of its sentence that names a goal: 增长 6.4%（年度目标为 7%）. */
export function inGoalAside(text: string, at: number): boolean {
  const before = text.slice(sentenceStart(text, at), at);
  const open = Math.max(before.lastIndexOf('（'), before.lastIndexOf('('));
  return open >= 0 && !/[）)]/.test(before.slice(open)) && /目标|计划/.test(before.slice(open));
}

/** After a goal list's opener in the paragraph, until a sentence of another status (预计…, 已…). */
function inGoalList(text: string, at: number, sentence: string): boolean {
  const { goalOpeners, estimateCues } = cueIndex(text);
  const opener = lastBefore(goalOpeners, at);
  if (opener < paragraphStart(text, at)) return false;
  return lastBefore(estimateCues, at) < opener && !/已/.test(sentence);
}

function lastIndex(text: string, cue: RegExp): number {
  return lastMatchIndex(text, cue);
}

export function periodOf(text: string, mention: Mention, status: FigureStatus, context: DocumentContext): string {
  // The parts of a structure (2.9:38.6:58.5) share the words before its first part.
  const start = mention.shape === 'structure' ? structureStart(text, mention.start) : mention.start;
  const sentence = text.slice(sentenceStart(text, start), start);
  const clause = text.slice(clauseStart(text, start), start);
  const fullStart = fullSentenceStart(text, start);
  const full = text.slice(fullStart, start);
  // A goal's year (到 2026 年达到…；…比重达到 12%) holds over its ；-list; a review's year only over its clause list.
  const explicit = lastExplicitYear(status === 'target' ? full : sentence);
  // 预计今年一季度…: 今年 is the year the document is published in, whatever its status.
  // 晒出 2019 年成绩单 今年 GDP 预期增长 7%: the nearer of the two is the figure's.
  const thisYearAt = full.lastIndexOf('今年');
  const yearAt = explicit === undefined ? -1 : full.lastIndexOf(`${explicit}年`);
  const thisYear = thisYearAt > yearAt ? context.targetYear : undefined;
  // 同比增长 6.4%（年度目标为 7%）: the goal of the year under review.
  const reviewedGoal = status === 'target' && start < context.planStart && inGoalAside(text, start);
  const base = thisYear ?? explicit ?? (status === 'target' && !reviewedGoal ? context.targetYear : context.reviewYear);
  if (mention.shape === 'streak') return span(base - Number(mention.value) + 1, base);
  const yearsAgo = /([一二三四五六七八九十\d]+)年前$/.exec(clause)?.[1];
  if (yearsAgo) return String(base - Number(parseChineseNumeral(yearsAgo) ?? yearsAgo));
  // 由上年的 2.9:38.6:58.5 调整为…: the year before.
  if (/(上年|去年)(末|底)?的?$/.test(clause)) return String(base - 1);
  // 较 2016 年净增 118.6 亿元, 较五年前增长 38.2%: a change since a base year covers the years after it.
  const since = SINCE_YEAR.exec(clause)?.[1];
  if (since) return span(Number(since) + 1, base);
  const yearsBefore = SINCE_YEARS_AGO.exec(clause)?.[1];
  if (yearsBefore) return span(base - Number(parseChineseNumeral(yearsBefore) ?? yearsBefore) + 1, base);
  // 由 14.2 亿元增加到 23.9 亿元: the starting point is the year before what the section reviews.
  if (explicit === undefined && /(由|从)$/.test(clause) && FROM_VALUE_TO.test(text.slice(mention.end)))
    return String(base - (reviewsFiveYears(text, start) ? 5 : 1));
  if (isMultiYear(clause, full)) {
    if (status !== 'target') return multiYear(sentence, base, context);
    return plannedYears(full, base, context);
  }
  // 已先后签约四十多个项目: a running total of what was done one after another so far, like 累计.
  if (/(累计|已先后)/.test(clause) || /(至今|以来)/.test(sentence) || runsOnFromTotal(clause, full)) {
    if (context.reviewedPlan && status === 'actual' && explicit === undefined)
      return span(context.reviewedPlan.from, context.reviewedPlan.to);
    if (status === 'actual' && explicit === undefined && reviewsFiveYears(text, start)) return span(base - 4, base);
    return explicit !== undefined ? String(explicit) : 'cumulative';
  }
  if (context.reviewedPlan && status === 'actual' && explicit === undefined && /^(新增|新建)/.test(clause)) {
    return span(context.reviewedPlan.from, context.reviewedPlan.to);
  }
  if (/明年/.test(sentence) && status === 'target') return String(context.targetYear + 1);
  // An article's plans without a time word (布局…人才公寓) have no stated period, unless the article reports the
  // new year's work report (published in January or February), whose goals are that year's.
  const yearOpening = context.targetYear > context.reviewYear;
  if (
    status === 'target' &&
    explicit === undefined &&
    context.kind === 'news-article' &&
    !yearOpening &&
    !TIME_CUE.test(sentence)
  )
    return '';
  return String(base);
}

/**
 * 年均 / 近五年 in the clause; 五年累计 anywhere in the sentence before; a bare 平均 only when the sentence is about
 * an annual average (达全国平均增速的 116.5%). 年均浓度 is a mean over one year.
 */
function isMultiYear(clause: string, sentence: string): boolean {
  const ownClause = clause.replace(ANNUAL_MEAN_OF_YEAR, '');
  if (ANNUAL_AVERAGE.test(ownClause) || /(近|过去)[一二三四五六七八九十\d]+年/.test(ownClause)) return true;
  // 五年来…累计达到 168.3 亿元: a running total over the years the sentence names.
  if (ownClause.includes('累计') && /([二三四五六七八九十\d]年来|(近|过去)[二三四五六七八九十\d]年)/.test(sentence))
    return true;
  // 五年累计完成投资…，实施项目 3860 个: the running total covers the clauses after it, but not a stock (达到 2368 家).
  if (/[二三四五六七八九十\d]年(来)?累计/.test(sentence) && !STOCK_VERB.test(clause)) return true;
  return ownClause.includes('平均') && ANNUAL_AVERAGE.test(sentence.replace(ANNUAL_MEAN_OF_YEAR, ''));
}

const STOCK_VERB = /(达到|达|突破|保持在?|稳定在)$/;
const CHANGE = '(?:分别)?(?:净增|增长|增加|提高|提升|下降|减少|降低)';
const SINCE_YEAR = new RegExp(`(?:较|比)(\\d{4})年(?:末|底)?${CHANGE}$`);
const SINCE_YEARS_AGO = new RegExp(`(?:较|比)([一二三四五六七八九十\\d]+)年前${CHANGE}$`);
const FROM_VALUE_TO =
  /^[^，。；\d]{0,6}?(增加到|增加至|增至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|扩大到|扩大至|到|至)/;

/** 累计新增就业 2.86 万人，新建学校 47 所: a sentence opening with 累计 totals its clauses after it too, but stocks. */
function runsOnFromTotal(clause: string, sentence: string): boolean {
  return /^[^，；]{0,8}累计/.test(sentence) && !STOCK_VERB.test(clause);
}

/** Whether the section holding `at` reviews five years (一、过去五年工作回顾; 本届政府). */
function reviewsFiveYears(text: string, at: number): boolean {
  const { sectionHeadings } = cueIndex(text);
  const heading = lastBefore(
    sectionHeadings.map((h) => h.at),
    at,
  );
  return sectionHeadings.find((h) => h.at === heading)?.fiveYears ?? false;
}

const ANNUAL_MEAN_OF_YEAR = /年均(浓度|值|气温|降水量?|降雨量?)/g;

/** A goal for an annual average runs over the coming plan: 今后五年, a named plan, or the one after the plan reviewed. */
function plannedYears(sentence: string, base: number, context: DocumentContext): string {
  const named = namedPlanSpan(sentence);
  if (named) return span(named.from, named.to);
  if (/(今后|未来)五年/.test(sentence)) return span(context.targetYear, context.targetYear + 4);
  if (context.reviewedPlan) return span(context.reviewedPlan.to + 1, context.reviewedPlan.to + 5);
  return span(base - 4, base);
}

const WRITTEN_YEAR = /(\d{4})年(?!\d)/g;

function lastExplicitYear(sentence: string): number | undefined {
  let year: number | undefined;
  for (const match of matchesOf(sentence, WRITTEN_YEAR)) {
    const value = Number(match[1]);
    // 由 2020 年的 612 家增至…: the year of the starting point, not of what follows it; 较 2016 年: a base.
    const startingPoint = FROM_YEAR_TO.test(sentence.slice(match.index + match[0].length));
    // 是 2017 年的 1.6 倍: the base of a ratio.
    const comparedWith =
      /[较比同与]$/.test(sentence.slice(0, match.index)) ||
      (/(是|为|相当于)$/.test(sentence.slice(0, match.index)) && sentence[match.index + match[0].length] === '的');
    if (value >= 1990 && value <= 2100 && !startingPoint && !comparedWith) year = value;
  }
  return year;
}

const FROM_YEAR_TO =
  /^(末|底)?的?[\d.:]+[^\d，。；]{0,6}?(调整为|优化为|变为|增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|扩大到|扩大至|增加|到|至)/;

function structureStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && /[\d.:]/.test(text[start - 1]!)) start--;
  return start;
}

/** 年均 over 近五年, over a named plan (十四五), over the plan the document closes, or else the last five years. */
function multiYear(sentence: string, base: number, context: DocumentContext): string {
  const written =
    /(?:近|过去)([一二三四五六七八九十]{1,2}|\d{1,2})年|(?<![\d一二三四五六七八九十])([一二三四五六七八九十]{1,2}|\d{1,2})年(?:来|平均)/.exec(
      sentence,
    );
  const years = written?.[1] ?? written?.[2];
  if (years) return span(base - Number(parseChineseNumeral(years) ?? years) + 1, base);
  const named = namedPlanSpan(sentence) ?? context.reviewedPlan;
  if (named) return span(named.from, named.to);
  return span(base - 4, base);
}

function span(from: number, to: number): string {
  return from === to ? String(from) : `${from}-${to}`;
}

/** The district by default; the province or city when named right before the figure; an entity when it is the subject. */
export function subjectOf(text: string, mention: Mention, context: DocumentContext): Subject {
  // 分别高出全国（5.2%）、全区（7.3%）平均水平: a benchmark's own value, in brackets after its scope.
  const benchmark = /(全国|全省|全区|全市)[（(]$/.exec(text.slice(Math.max(0, mention.start - 3), mention.start))?.[1];
  if (benchmark === '全国') return { type: 'entity', name: benchmark, regionCode: context.regionCode };
  const scope = benchmark && context.scopes.get(benchmark);
  if (scope) return { type: 'region', code: scope };
  const clause = clauseBefore(text, mention);
  const beforeVerb = clause.replace(/(荣膺|跻身|入选|入围|列入)[^，]*$/, '');
  // 增速居襄阳市第 3 位: a region named right before a rank is where the ranking is made, not what is ranked.
  const scopeOnly = mention.shape === 'rank' || mention.shape === 'top';
  // A region above the document's (its city, its province), named right before the figure, through the region catalog.
  for (const { code, names } of context.namedRegions) {
    if (
      names.some(
        (name) => (clause.endsWith(name) && !scopeOnly) || (beforeVerb !== clause && beforeVerb.endsWith(name)),
      )
    )
      return { type: 'region', code };
  }
  const child = childRegionOf(text, mention, context);
  if (child) return { type: 'region', code: child };
  const entity = entityOf(text, mention, clause, context.ownSubject);
  return entity
    ? { type: 'entity', name: entity, regionCode: context.regionCode }
    : { type: 'region', code: context.regionCode };
}

/**
 * 晋江市地区生产总值达到…，在全国百强县中排名第 4 位: a division inside the document's region opening a clause of
 * the ；-segment, unless the document's own region takes over after it.
 */
function childRegionOf(text: string, mention: Mention, context: DocumentContext): string | undefined {
  if (!context.childSubject) return undefined;
  const clauses = text
    .slice(sentenceStart(text, mention.start), mention.start)
    .split(/[，,：:]/)
    .reverse();
  for (const clause of clauses) {
    const stripped = clause.replace(LEADING_TIME, '');
    const name = context.childSubject.exec(stripped)?.[0];
    if (name) return context.childRegions.get(name);
    if (context.ownSubject.test(stripped)) return undefined;
  }
  return undefined;
}

const LEADING_TIME = /^(其中|同时|今年|全年|目前|截至目前|截至\d{4}年|\d{4}年度?|拿)+/;
const SUBJECT_NOUN =
  /^[\u4e00-\u9fffA-Za-z（）()]{2,16}?(?=实现|完成|获|荣获|重回|升至|在|以|连续|居|位列|年|销量|被|成功|承担|聚集|发挥|累计|共|入选|建成|收入|营收|的)/;

function entityOf(text: string, mention: Mention, clause: string, ownSubject: RegExp): string | undefined {
  const sentence = text.slice(scanSentenceStart(text, mention.start), mention.start);
  // 该项目 refers back to the project the sentence named before.
  const referred = /^(该|这个|此)(项目|企业|公司)/.exec(clause)?.[2];
  if (referred)
    return [...sentence.matchAll(new RegExp(`(?:的|，|^)([\\u4e00-\\u9fff]{2,15}${referred})`, 'g'))].at(0)?.[1];
  const own = clauseSubject(clause, ownSubject);
  if (own) return own;
  if (/^其中(.+?)(实现|完成)/.test(clause)) return /^其中(.+?)(实现|完成)/.exec(clause)![1];
  if (ownSubject.test(clause.replace(LEADING_TIME, ''))) return undefined;
  // …旅客吞吐量 186.4 万人次；全年新建改造城市道路 68 公里: a ；-clause opening with the region's own words ends the
  // entity of the clauses before it.
  if (/^(全年|全市|全县|全区|我市|我县|我区)/.test(text.slice(sentenceStart(text, mention.start), mention.start)))
    return undefined;
  return latestSubject(sentence, ownSubject);
}

/** The subject of the latest earlier clause of the sentence that names one, unless the district took over since. */
function latestSubject(sentence: string, ownSubject: RegExp): string | undefined {
  const clauses = sentence
    .split(/[，,；;：:]/)
    .slice(0, -1)
    .reverse();
  for (const clause of clauses) {
    const partOf = /^其中(.+?)(实现|完成)/.exec(clause)?.[1];
    const subject = partOf ?? clauseSubject(clause, ownSubject);
    if (subject) return subject;
    if (ownSubject.test(clause.replace(LEADING_TIME, ''))) return undefined;
  }
  return undefined;
}

/** 柳州港完成货物吞吐量: a port named after a place of the region catalog (临港, 贸易港 are no port's name). */
function namedPort(text: string): string | undefined {
  const port = /^([\u4e00-\u9fff]{2,4})港(?=[\u4e00-\u9fff])/.exec(text);
  return port && resolveRegion(port[1]!).length > 0 ? port[0] : undefined;
}

/** 境内外上市公司, 规上工业企业: a class of companies, counted by the region, not one company. */
const GENERIC_HOLDER =
  /(^(境内外|境内|境外|各类|全部|重点|骨干|龙头|规上|规模以上|国有|民营|中小|新增|上市)|上市公司$)/;

/** A subject noun phrase opening the text and ending like a company or facility name. */
function clauseSubject(text: string, ownSubject: RegExp): string | undefined {
  const stripped = text.replace(LEADING_TIME, '');
  const port = namedPort(stripped);
  if (port) return port;
  const facility = facilityNoun(stripped);
  if (facility && !GENERIC_HOLDER.test(facility)) return facility;
  if (ownSubject.test(stripped)) return undefined;
  const noun = SUBJECT_NOUN.exec(stripped)?.[0];
  return noun && ENTITY_SUFFIX.test(noun) && !/[等\d]/.test(noun) && !GENERIC_HOLDER.test(noun) ? noun : undefined;
}

/**
 * The opening noun that ends like a facility's name and is followed by more of the clause (not by 等, 和): the
 * shortest, extended by a name ending right after it (某集团 + 公司).
 */
const FACILITY_FINALS = new Set(Array.from('司团地区园港院学城场', (c) => c.charCodeAt(0)));

/** CJK, Latin letters and brackets: what a name is written with. */
function isNameChar(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 0xff08 ||
    code === 0xff09 ||
    code === 40 ||
    code === 41
  );
}

function facilityNoun(text: string): string | undefined {
  let found: number | undefined;
  for (let end = 3; end <= Math.min(text.length - 1, 18); end++) {
    if (found !== undefined && end > found + 4) break;
    const last = text.charCodeAt(end - 1);
    if (!isNameChar(last)) break;
    if (!FACILITY_FINALS.has(last)) continue;
    const noun = text.slice(0, end);
    if (FACILITY_SUFFIX.test(noun) && !/^(全|我|各|其|该)/.test(noun) && /[\u4e00-\u9fff]/.test(text[end]!))
      found = end;
  }
  // 续建某产业园等 119 个项目, 联合某开发区和…: an example in a list, not the subject.
  return found === undefined || /[等和与及]/.test(text[found]!) ? undefined : text.slice(0, found);
}

/** A subject carries across ； to the end of its sentence. */
function scanSentenceStart(text: string, at: number): number {
  return fullSentenceStart(text, at);
}
