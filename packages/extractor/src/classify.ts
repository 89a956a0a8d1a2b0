/** Kind, bound, status, period and subject of one mention, read from the words around it. */
import type { Comparator, FigureKind, FigureStatus } from '@ledger/domain';
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
import { clauseEnd, clauseStart, fullSentenceStart, sentenceStart } from './text-scope.ts';
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
  const cue = clause.replace(LINKING_WORDS, '');
  const growth = GROWTH_WORD.test(cue);
  // 提升 20 处公厕 is an amount of work done; only 增长/增加/减少 make a count or amount a change.
  const countGrowth = /(增长|增加|减少|下降)$/.test(cue);
  switch (unitClass(mention.unit)) {
    case 'times':
      return 'ratio';
    case 'points':
      return GAP_WORD.test(clause) ? 'other' : growth ? 'growth' : 'other';
    case 'percent':
      if (growth) return 'growth';
      // 达全国平均增速的 116.5%: a ratio to a benchmark; 占全区工业总产值的 25.32%: a share.
      return /的$/.test(cue) && !clause.includes('占') && /(是|达|相当于|为|完成)/.test(clause) ? 'ratio' : 'share';
    case 'count':
      // 较上年前移 5 位: a move in a ranking.
      if (/^[位名]$/.test(mention.unit) && /(前移|后移|上升|前进|后退|提升|下降)$/.test(cue)) return 'other';
      return countGrowth ? 'growth' : 'count';
    default:
      if (countGrowth) return 'growth';
      // 112.6 万农村贫困人口: a bare magnitude before people or households counts them.
      return /^[万亿]$/.test(mention.unit) && COUNTED_PEOPLE.test(text.slice(mention.end, clauseEnd(text, mention.end)))
        ? 'count'
        : 'level';
  }
}

const COUNTED_PEOPLE = /^[\u4e00-\u9fff]{0,6}(人口|人|户|群众|居民|家庭|职工|学生)/;

export function statusOf(text: string, mention: Mention, context: DocumentContext): FigureStatus {
  const sentence = text.slice(sentenceStart(text, mention.start), mention.start);
  if (mention.start >= context.planStart) return PRESENT_STATE_CUE.test(sentence) ? 'actual' : 'target';
  // 预计 and 预期目标 cover a list of clauses joined by ； up to the full stop.
  const full = text.slice(fullSentenceStart(text, mention.start), mention.start);
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

/** After a goal list's opener in the paragraph, until a sentence of another status (预计…, 已…). */
function inGoalList(text: string, at: number, sentence: string): boolean {
  const { goalOpeners, estimateCues } = cueIndex(text);
  const paragraphStart = text.lastIndexOf('\n', at - 1) + 1;
  const opener = lastBefore(goalOpeners, at);
  if (opener < paragraphStart) return false;
  return lastBefore(estimateCues, at) < opener && !/已/.test(sentence);
}

function lastIndex(text: string, cue: RegExp): number {
  let last = -1;
  for (const match of text.matchAll(cue)) last = match.index;
  return last;
}

export function periodOf(text: string, mention: Mention, status: FigureStatus, context: DocumentContext): string {
  // The parts of a structure (2.9:38.6:58.5) share the words before its first part.
  const start = mention.shape === 'structure' ? structureStart(text, mention.start) : mention.start;
  const sentence = text.slice(sentenceStart(text, start), start);
  const clause = text.slice(clauseStart(text, start), start);
  const explicit = lastExplicitYear(sentence);
  // 预计今年一季度…: 今年 is the year the document is published in, whatever its status.
  const fullStart = fullSentenceStart(text, start);
  const thisYearAt = explicit === undefined ? text.indexOf('今年', fullStart) : -1;
  const thisYear = thisYearAt >= 0 && thisYearAt < start ? context.targetYear : undefined;
  const base = explicit ?? thisYear ?? (status === 'target' ? context.targetYear : context.reviewYear);
  if (mention.shape === 'streak') return span(base - Number(mention.value) + 1, base);
  const yearsAgo = /([一二三四五六七八九十\d]+)年前$/.exec(clause)?.[1];
  if (yearsAgo) return String(base - Number(parseChineseNumeral(yearsAgo) ?? yearsAgo));
  // 由上年的 2.9:38.6:58.5 调整为…: the year before.
  if (/(上年|去年)(末|底)?的?$/.test(clause)) return String(base - 1);
  if (isMultiYear(clause, sentence)) {
    if (status !== 'target') return multiYear(sentence, base, context);
    return plannedYears(text.slice(fullStart, start), base, context);
  }
  // 已先后签约四十多个项目: a running total of what was done one after another so far, like 累计.
  if (/(累计|已先后)/.test(clause) || /(至今|以来)/.test(sentence)) {
    if (context.reviewedPlan && status === 'actual' && explicit === undefined)
      return span(context.reviewedPlan.from, context.reviewedPlan.to);
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
  // 五年累计完成投资…，实施项目 3860 个: the running total covers the clauses after it, but not a stock (达到 2368 家).
  if (/[二三四五六七八九十\d]年(来)?累计/.test(sentence) && !/(达到|达|突破|保持在?|稳定在)$/.test(clause)) return true;
  return ownClause.includes('平均') && ANNUAL_AVERAGE.test(sentence.replace(ANNUAL_MEAN_OF_YEAR, ''));
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

function lastExplicitYear(sentence: string): number | undefined {
  let year: number | undefined;
  for (const match of sentence.matchAll(/(\d{4})年(?!\d)/g)) {
    const value = Number(match[1]);
    // 由 2020 年的 612 家增至…: the year of the starting point, not of what follows it.
    const startingPoint = FROM_YEAR_TO.test(sentence.slice(match.index + match[0].length));
    if (value >= 1990 && value <= 2100 && !startingPoint) year = value;
  }
  return year;
}

const FROM_YEAR_TO =
  /^(末|底)?的?[\d.]+[^\d，。；]{0,6}?(增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|扩大到|扩大至|增加|到|至)/;

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
  const clause = clauseBefore(text, mention);
  const beforeVerb = clause.replace(/(荣膺|跻身|入选|入围|列入)[^，]*$/, '');
  // A region above the document's (its city, its province), named right before the figure, through the region catalog.
  for (const { code, names } of context.namedRegions) {
    if (names.some((name) => clause.endsWith(name) || (beforeVerb !== clause && beforeVerb.endsWith(name))))
      return { type: 'region', code };
  }
  const entity = entityOf(text, mention, clause, context.ownSubject);
  return entity
    ? { type: 'entity', name: entity, regionCode: context.regionCode }
    : { type: 'region', code: context.regionCode };
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

/** A subject noun phrase opening the text and ending like a company or facility name. */
function clauseSubject(text: string, ownSubject: RegExp): string | undefined {
  const stripped = text.replace(LEADING_TIME, '');
  const facility = facilityNoun(stripped);
  if (facility) return facility;
  if (ownSubject.test(stripped)) return undefined;
  const noun = SUBJECT_NOUN.exec(stripped)?.[0];
  return noun && ENTITY_SUFFIX.test(noun) && !/[等\d]/.test(noun) ? noun : undefined;
}

/**
 * The opening noun that ends like a facility's name and is followed by more of the clause (not by 等, 和): the
 * shortest, extended by a name ending right after it (某集团 + 公司).
 */
const FACILITY_FINALS = new Set(Array.from('司团地区园港院学城'));

function facilityNoun(text: string): string | undefined {
  let found: number | undefined;
  for (let end = 3; end <= Math.min(text.length - 1, 18); end++) {
    if (found !== undefined && end > found + 4) break;
    if (!/[\u4e00-\u9fffA-Za-z（）()]/.test(text[end - 1]!)) break;
    if (!FACILITY_FINALS.has(text[end - 1]!)) continue;
    const noun = text.slice(0, end);
    if (FACILITY_SUFFIX.test(noun) && !/^(全|我|各|其|该)/.test(noun) && /[\u4e00-\u9fff]/.test(text[end]!))
      found = end;
  }
  // 续建某产业园等 119 个项目, 联合某开发区和…: an example in a list, not the subject.
  return found === undefined || /[等和与及]/.test(text[found]!) ? undefined : text.slice(0, found);
}

/** A subject carries across ； to the end of its sentence. */
function scanSentenceStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !/[。！？!?\n]/.test(text[i - 1]!)) i--;
  return i;
}
