/**
 * Names for figures whose shape says what they measure beyond the plain phrase: a rank in a scope
 * (一般公共预算收入总量全市排名), a top group (全国综合实力百强区), a streak, a structure, a ratio, a gap.
 */
import type { FigureKind } from '@ledger/domain';
import type { Mention } from './mentions.ts';
import { clauseBefore } from './classify.ts';
import { GAP_WORD } from './cues.ts';
import { clauseEnd, sentenceStart } from './text-scope.ts';

const SCOPE = /(全市|全省|全国|全球|全区)/g;
const STRUCTURE_SECTORS = ['第一产业增加值占比', '第二产业增加值占比', '第三产业增加值占比'];
const GROWTH_MEASURE = /(年均|年平均|平均)?(增幅|增速|增长率|增长)/g;
/** What a project or enterprise is measured by, when the clause names only the measure (年度计划投资 1005 亿元). */
const ATTRIBUTE = /^(年度|年)?(计划)?(投资额?|总投资|投资规模|营业收入|营收|销售收入)$/;
const COUNTED_HOLDER = /(项目|企业|主体|机构|园区)$/;

/**
 * phrase: the clause's own words for the indicator (may be "" or just 总量/增幅);
 * inherited: the indicator of the figure before it in the sentence.
 */
export function indicatorName(
  text: string,
  mention: Mention,
  kind: FigureKind,
  phrase: string,
  inherited: string,
): string {
  const clause = clauseBefore(text, mention);
  switch (mention.shape) {
    case 'rank':
      return rankName(text, mention, phrase, inherited);
    case 'top':
      return mention.unit === '强' ? topName(text, mention, clause) : rankName(text, mention, phrase, inherited);
    case 'streak':
      return `${phrase}${streakAchievement(text, mention)}连续年数`;
    case 'structure':
      return structureName(text, mention, phrase);
    default:
      if (kind === 'ratio') return ratioName(text, mention, phrase, inherited);
      if (kind === 'other' && GAP_WORD.test(clause)) return gapName(clause, phrase, inherited);
      return ownOrInherited(clause, phrase, inherited, kind);
  }
}

/** The base indicator a rank name is built on, to carry to the next figure of the sentence. */
export function rankBase(name: string): string {
  return name.replace(/(增幅|增速|增长率|增量)?(全市|全省|全国|全球|全区)?排名$/, '');
}

/** Rates that say nothing of what they measure until the figure before names it: 二级监管单位 493 家，覆盖率 83%. */
const RATE_OF_PREVIOUS = /^(占|(占比|比重|覆盖率|覆盖面|达标率|合格率|完成率|办结率)$)/;

/**
 * 总量达到 555 家: the total of what the sentence measured before (of 高新技术企业, after 新增高新技术企业 174 家);
 * 占比 80%, 覆盖率 83%: its share; 重点项目 196 个，年度计划投资 1005 亿元: the investment of those projects.
 */
function ownOrInherited(clause: string, phrase: string, inherited: string, kind: FigureKind): string {
  if (!inherited) return phrase;
  if (/^(总量|总数|数量|规模|总规模)?$/.test(phrase))
    return /(总量|总数)/.test(clause) ? inherited.replace(/^新增/, '') : inherited;
  if (kind === 'share' && RATE_OF_PREVIOUS.test(phrase)) return `${inherited}${phrase}`;
  if (ATTRIBUTE.test(phrase) && COUNTED_HOLDER.test(inherited)) return `${inherited}${phrase}`;
  return phrase;
}

/** 空气环境质量在全市考核第一单元 8 个区排名中，现状第 5: what the ranking named at the sentence's start ranks. */
const RANKED_SUBJECT = /(?:^|，)([\u4e00-\u9fff]{2,12}?)在[^，]*(?:排名|考核|评比|评价|测评)中，/g;

function rankName(text: string, mention: Mention, phrase: string, inherited: string): string {
  const clause = clauseBefore(text, mention);
  const ranked = [...text.slice(sentenceStart(text, mention.start), mention.start).matchAll(RANKED_SUBJECT)].at(
    -1,
  )?.[1];
  const scope = [...clause.matchAll(SCOPE)].at(-1)?.[0] ?? '';
  // 总量全市第三、增幅全市第二: rank of the amount, rank of the growth; 营业收入增长率居全市第二 likewise.
  const measure = /(增幅|增速|增长率|增量)/.exec(clause.slice(clause.lastIndexOf('、') + 1))?.[0] ?? '';
  // 投资竞争力入围全国百强区第 37 位: the verb of standing and the list it is read from are no part of the name.
  const own = phrase
    .replace(/(入围|跻身|入选|进入|在|位居|位列|名列|居(?!民)|(?<![系序])列(?!入)).*$/, '')
    .replace(/^(总量|数量|规模|增幅|增速|增长率|增量|监测评价|现状|改善|综合)$/, '');
  // 现状第 5，改善第 2，综合第 4: the state, its improvement and the overall score of one subject are ranked apart.
  const aspect = /^(现状|改善|综合)$/.exec(clause)?.[0] ?? '';
  return `${own || ranked || inherited}${aspect}${measure}${scope}排名`;
}

/** 连续 4 年突破百亿大关: what was achieved each year; 百亿 there means 百亿元. */
function streakAchievement(text: string, mention: Mention): string {
  return text
    .slice(mention.end, clauseEnd(text, mention.end))
    .replace(/新台阶|大关|台阶/g, '')
    .replace(/([十百千万]亿)(?!元)/, '$1元');
}

/** 产业结构优化调整为 2:26.6:71.4: every part is named from the words before the first one. */
function structureName(text: string, mention: Mention, phrase: string): string {
  let start = mention.start;
  while (start > 0 && /[\d.:]/.test(text[start - 1]!)) start--;
  const part = mention.part ?? 0;
  if (/三次产业|产业结构/.test(text.slice(sentenceStart(text, start), start)))
    return STRUCTURE_SECTORS[part] ?? `产业结构第${part + 1}项`;
  return `${phrase}第${part + 1}项`;
}

function topName(text: string, mention: Mention, clause: string): string {
  const verb = [...clause.matchAll(/(跻身|入选|入围|重回|进入|迈入|荣膺|晋级|位列|跃居|获评|跨入|跃升)/g)].at(-1);
  const group = verb ? clause.slice(verb.index + verb[0].length) : '';
  const suffix = /^[区县市]/.exec(text.slice(mention.end))?.[0] ?? '';
  return `${group}${mention.number}强${suffix}`;
}

/** 年均增速达 6.1%，达全国平均增速的 116.5%: the ratio of the growth just stated to the benchmark's. */
function ratioName(text: string, mention: Mention, phrase: string, inherited: string): string {
  const clause = clauseBefore(text, mention);
  const benchmark = /(?:是|达|相当于|为)([^，]*?)的$/.exec(clause.replace(/两$|\d+$/, ''))?.[1] ?? '';
  let subject = phrase && !phrase.includes(benchmark) ? phrase : inherited;
  if (subject === inherited && /(增幅|增速|增长率|增长)$/.test(benchmark))
    subject += lastGrowthMeasure(text.slice(sentenceStart(text, mention.start), mention.start - clause.length));
  return `${subject}相当于${benchmark}的${mention.unit === '倍' ? '倍数' : '比例'}`;
}

function lastGrowthMeasure(text: string): string {
  return [...text.matchAll(GROWTH_MEASURE)].at(-1)?.[0] ?? '';
}

/** 增速达 77.2%，高出全省工业技改投资平均增速 70.2 个百分点: the gap of the growth just stated to a benchmark. */
function gapName(clause: string, phrase: string, inherited: string): string {
  const gap = GAP_WORD.exec(clause)!;
  const benchmark = clause.slice(gap.index + gap[0].length).replace(/(达到|达|了)$/, '');
  const own = phrase.indexOf(gap[0]);
  const subject = own > 0 ? phrase.slice(0, own) : inherited;
  const measure = /(增速|增幅|增长率|比重|占比)$/.exec(benchmark)?.[0] ?? '';
  return `${subject}${measure}${/(低于|慢于)/.test(gap[0]) ? '低于' : '高于'}${benchmark}`;
}
