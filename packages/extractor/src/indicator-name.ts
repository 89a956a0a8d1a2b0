/**
 * Names for figures whose shape says what they measure beyond the plain phrase: a rank in a scope
 * (一般公共预算收入总量全市排名), a top group (全国综合实力百强区), a streak, a structure, a ratio.
 */
import type { FigureKind } from '@ledger/domain';
import type { Mention } from './mentions.ts';
import { clauseBefore } from './classify.ts';
import { clauseEnd } from './text-scope.ts';

const SCOPE = /(全市|全省|全国|全球|全区)/g;
const STRUCTURE_SECTORS = ['第一产业增加值占比', '第二产业增加值占比', '第三产业增加值占比'];

/**
 * phrase: the clause's own words for the indicator (may be "" or just 总量/增幅);
 * inherited: the indicator of the figure before it in the sentence.
 */
export function indicatorName(text: string, mention: Mention, kind: FigureKind, phrase: string, inherited: string): string {
  const clause = clauseBefore(text, mention);
  switch (mention.shape) {
    case 'rank':
      return rankName(clause, phrase, inherited);
    case 'top':
      return mention.unit === '强' ? topName(text, mention, clause) : rankName(clause, phrase, inherited);
    case 'streak':
      return `${phrase}${text.slice(mention.end, clauseEnd(text, mention.end)).replace(/新台阶|大关|台阶/g, '')}连续年数`;
    case 'structure':
      return structureName(clause, phrase, mention.part ?? 0);
    default:
      if (kind === 'ratio') return ratioName(clause, phrase, inherited, mention.unit);
      // 总量达到 555 家: the total of what the sentence measured before.
      return /^(总量|总数|数量|规模|总规模)?$/.test(phrase) && inherited ? inherited : phrase;
  }
}

/** The base indicator a rank name is built on, to carry to the next figure of the sentence. */
export function rankBase(name: string): string {
  return name.replace(/(增幅|增速|增长率|增量)?(全市|全省|全国|全球|全区)?排名$/, '');
}

function rankName(clause: string, phrase: string, inherited: string): string {
  const scope = [...clause.matchAll(SCOPE)].at(-1)?.[0] ?? '';
  // 总量全市第三、增幅全市第二: rank of the amount, rank of the growth.
  const measure = /(增幅|增速|增长率|增量)/.exec(clause.slice(clause.lastIndexOf('、') + 1))?.[0] ?? '';
  const own = phrase.replace(/(入围|跻身|入选|进入|在).*$/, '').replace(/^(总量|数量|规模|增幅|增速|增长率|增量|监测评价|现状|改善|综合)$/, '');
  return `${own || `${inherited}${measure}`}${scope}排名`;
}

function structureName(clause: string, phrase: string, part: number): string {
  if (/三次产业|产业结构/.test(clause)) return STRUCTURE_SECTORS[part] ?? `产业结构第${part + 1}项`;
  return `${phrase}第${part + 1}项`;
}

function topName(text: string, mention: Mention, clause: string): string {
  const verb = [...clause.matchAll(/(跻身|入选|入围|重回|进入|迈入|荣膺|晋级|位列|跃居|获评|跨入|跃升)/g)].at(-1);
  const group = verb ? clause.slice(verb.index + verb[0].length) : '';
  const suffix = /^[区县市]/.exec(text.slice(mention.end))?.[0] ?? '';
  return `${group}${mention.number}强${suffix}`;
}

function ratioName(clause: string, phrase: string, inherited: string, unit: string): string {
  const benchmark = /(?:是|达|相当于|为)([^，]*?)的$/.exec(clause.replace(/两$|\d+$/, ''))?.[1] ?? '';
  const subject = phrase && !phrase.includes(benchmark) ? phrase : inherited;
  return `${subject}相当于${benchmark}的${unit === '倍' ? '倍数' : '比例'}`;
}
