/**
 * Finds the numbers that state a figure in normalized text, with their unit, and leaves out the numbers
 * that do not (dates, section numbers, names, slogans, size classes). Classification comes later.
 */
import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numerals.ts';
import { clauseStart, sentenceStart } from './text-scope.ts';
import { isSizeClassUnit, UNIT_AFTER_NUMBER, unitClass } from './units.ts';

/** How the figure is written, which fixes part of its meaning. */
export type MentionShape = 'quantity' | 'rank' | 'top' | 'streak' | 'structure';

export interface Mention {
  shape: MentionShape;
  /** The number as written: "126", "千", "一" (of 第一), "首" (of 首位). */
  number: string;
  value: string;
  unit: string;
  numberStart: number;
  /** The quoted span: from 第/前/连续 or the number through the unit and a bound such as 以上. */
  start: number;
  end: number;
  /** The position of a part in a structure (2:26.6:71.4). */
  part?: number;
  /** 余/多 between number and unit, 以上 or 左右 after it. */
  suffixComparator?: 'approx' | 'gte' | 'lte';
}

/** 12,172.3 (thousands separated, as news items write amounts) or 126.5. */
const ARABIC = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?/g;
/** Between the bounds of a range (6.5%—7%, 6-7%) or before a signed number (增长-1.4%). */
const DASH = /[—–\-－~～]/;
const CHINESE = new RegExp(`[${CHINESE_NUMERAL_CHARS}]+`, 'g');
const NOT_A_RANK_AFTER =
  /^(届|批|次|期|代|季|轮|个|章|条|款|号|节|阶段|产业|时间|动力|要务|方|线|单元|安置区|课堂|书记|责任人|人)/;
const RANK_SCOPE_BEFORE =
  /((全市|全省|全国|全区|全球)[\u4e00-\u9fff]{0,8}|排名|位列|位居|稳居|居|列|升至|跃居|跃至|保持|名列|现状|改善|综合|中)$/;
/** Where a top group without a unit (位列全省前三) or a word rank (居全市县级医院榜首) is read from. */
const STANDING_BEFORE = /(全市|全省|全国|全区|全球|同类|同行业|居|列|排名|排在|保持)[\u4e00-\u9fff]{0,10}$/;
const BOUNDARY_AFTER = /^($|[，。；、：,.;！？）)\n和与及]|以|的)/;
const TOP_VERB = /(跻身|入选|入围|重回|进入|迈入|荣膺|晋级|位列|跃居|获评|跨入|跃升)/;
const LEVEL_VERB_BEFORE = /(突破|超过|超|过|达到|达|迈上|跨越|跃上|保持在|逾|近|至|到|实现)$/;
/** 2×100万千瓦 and 3*5: a unit's specification, not a figure. */
const ADJACENT_SYMBOL = /[A-Za-z+·\-/~～－—×*]/;

export function findMentions(text: string, quoted: readonly boolean[]): Mention[] {
  const mentions = [...arabicMentions(text), ...chineseMentions(text), ...wordRanks(text), ...structures(text)];
  return mentions
    .filter((m) => !quoted[m.numberStart])
    .sort((a, b) => a.numberStart - b.numberStart || a.start - b.start)
    .filter((m, i, all) => i === 0 || all[i - 1]!.numberStart !== m.numberStart)
    .reduceRight<Mention[]>((after, m) => [withListUnit(text, m, after[0]), ...after], []);
}

/**
 * 分别回落 1.8 个和 2.3 个百分点, 净减少 10.6 万、3.3 万平方公里: a list member written with the start of the unit
 * its last member spells out in full has that unit.
 */
function withListUnit(text: string, mention: Mention, next: Mention | undefined): Mention {
  if (
    !next ||
    mention.shape !== 'quantity' ||
    next.shape !== 'quantity' ||
    mention.unit === '' ||
    next.unit.length <= mention.unit.length ||
    !next.unit.startsWith(mention.unit) ||
    !/^[、和及与,]$/.test(text.slice(mention.end, next.start))
  )
    return mention;
  return { ...mention, unit: next.unit };
}

function arabicMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const match of text.matchAll(ARABIC)) {
    const written = match[0];
    const start = match.index;
    const end = start + written.length;
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    const value = written.replace(/,/g, '');
    if (DASH.test(before)) {
      out.push(...(rangeAt(text, out, start, end, written, value) ?? signedAt(text, start, end, written, value)));
      continue;
    }
    // 连续第三年入围: a streak, not a rank.
    if (before === '第' && text.slice(start - 3, start - 1) === '连续' && after === '年') {
      out.push(streak(written, value, start, start - 3));
      continue;
    }
    const number = written;
    if (before === '第') {
      const rank = rankAt(text, start - 1, number, value);
      if (rank) out.push(rank);
      continue;
    }
    if (
      ADJACENT_SYMBOL.test(before) ||
      before === ':' ||
      after === ':' ||
      after === '.' ||
      (after === '、' && !/\d/.test(text[end + 1] ?? ''))
    )
      continue;
    if (/[A-Za-z]/.test(after) && !isComputeUnit(text, end)) continue;
    if (ADJACENT_SYMBOL.test(after)) continue;
    if (text.slice(start - 2, start) === '连续' && after === '年') {
      out.push(streak(number, value, start, start - 2));
      continue;
    }
    const top = topAt(text, start, end, number, value);
    if (top) {
      out.push(top);
      continue;
    }
    const quantity = quantityAt(text, start, end, number, value);
    // 1905国际步行街: a year inside a name, not 1905 countries.
    if (quantity && !(/^(19|20)\d\d$/.test(number) && /^[国城届]$/.test(quantity.unit))) out.push(quantity);
  }
  return out;
}

function streak(number: string, value: string, numberStart: number, start: number): Mention {
  return { shape: 'streak', number, value, unit: '年', numberStart, start, end: numberStart + number.length + 1 };
}

/**
 * 增长 6.5%—7%, 6-7%: the upper bound of a range (at most) after its lower bound (at least), which takes the upper
 * bound's unit when written without one. A year range (2021—2025 年) has no unit, so no figure.
 */
function rangeAt(
  text: string,
  out: Mention[],
  start: number,
  end: number,
  number: string,
  value: string,
): Mention[] | undefined {
  const dashAt = DASH.test(text[start - 2] ?? '') ? start - 2 : start - 1;
  const upper = quantityAt(text, start, end, number, value);
  if (!upper || upper.suffixComparator) return undefined;
  const lower = out.at(-1);
  if (lower?.shape === 'quantity' && lower.end === dashAt) {
    if (unitClass(lower.unit) !== unitClass(upper.unit)) return undefined;
    out[out.length - 1] = { ...lower, suffixComparator: lower.suffixComparator ?? 'gte' };
    return [{ ...upper, suffixComparator: 'lte' as const }];
  }
  const bare = /(?<![\d.,])\d+(?:\.\d+)?$/.exec(text.slice(Math.max(0, dashAt - 12), dashAt));
  if (!bare || unitClass(upper.unit) === 'none') return undefined;
  const lowerStart = dashAt - bare[0].length;
  if (/[第前\d]/.test(text[lowerStart - 1] ?? '')) return undefined;
  return [
    {
      ...upper,
      number: bare[0],
      value: bare[0],
      numberStart: lowerStart,
      start: lowerStart,
      end: dashAt,
      suffixComparator: 'gte' as const,
    },
    { ...upper, suffixComparator: 'lte' as const },
  ];
}

/** 同比增长-1.4%, 自然增长率为-1.16‰: a minus sign after words (not after a number) makes the value negative. */
function signedAt(text: string, start: number, end: number, number: string, value: string): Mention[] {
  if (!/^[-－]$/.test(text[start - 1]!) || !/[\u4e00-\u9fff（(]/.test(text[start - 2] ?? '')) return [];
  const quantity = quantityAt(text, start, end, number, value);
  if (!quantity) return [];
  return [{ ...quantity, number: `-${number}`, value: `-${value}`, numberStart: start - 1, start: start - 1 }];
}

/** 2300P of computing power: a letter unit only when it closes the clause. */
function isComputeUnit(text: string, at: number): boolean {
  return /^P($|[，。；、,])/.test(text.slice(at, at + 2));
}

function chineseMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const match of text.matchAll(CHINESE)) {
    const run = match[0];
    const start = match.index;
    const before = text[start - 1] ?? '';
    if (before === '第' && text.slice(start - 3, start - 1) !== '连续') {
      const rank = rankAt(text, start - 1, run, parseChineseNumeral(run)!);
      if (rank) out.push(rank);
      continue;
    }
    const found =
      chineseStreak(text, start, run) ??
      chineseTop(text, start, run) ??
      chineseAmount(text, start, run) ??
      chineseCount(text, start, run) ??
      smallChineseCount(text, start, run);
    if (found) out.push(found);
  }
  return out;
}

function chineseStreak(text: string, start: number, run: string): Mention | undefined {
  if (text[start + run.length] !== '年') return undefined;
  // 连续三年, and 连续第三年 (the third year running).
  const opening =
    text.slice(start - 2, start) === '连续' ? start - 2 : text.slice(start - 3, start) === '连续第' ? start - 3 : -1;
  if (opening < 0) return undefined;
  return streak(run, parseChineseNumeral(run)!, start, opening);
}

function chineseTop(text: string, start: number, run: string): Mention | undefined {
  return topAt(text, start, start + run.length, run, parseChineseNumeral(run)!);
}

/** 千亿元, 百亿大关, 两倍: a magnitude written in words, after a verb such as 突破 or before 倍. */
function chineseAmount(text: string, start: number, run: string): Mention | undefined {
  const end = start + run.length;
  if (text[end] === '倍') {
    const mention: Mention = {
      shape: 'quantity',
      number: run,
      value: parseChineseNumeral(run)!,
      unit: '倍',
      numberStart: start,
      start,
      end: end + 1,
    };
    return /^[多余]/.test(text.slice(end + 1)) ? { ...mention, end: end + 2, suffixComparator: 'approx' } : mention;
  }
  const magnitude = /[万亿]$/.exec(run)?.[0];
  if (!magnitude || run.length < 2 || !LEVEL_VERB_BEFORE.test(text.slice(clauseStart(text, start), start)))
    return undefined;
  const digits = run.slice(0, -1);
  if (!/^[一二两三四五六七八九十百千]+$/.test(digits)) return undefined;
  const money = /^(美元|元)/.exec(text.slice(end))?.[0];
  const unit = `${magnitude}${money ?? '元'}`; // 百亿大关: the yuan is implied
  return withBound(text, {
    shape: 'quantity',
    number: digits,
    value: parseChineseNumeral(digits)!,
    unit,
    numberStart: start,
    start,
    end: end + (money?.length ?? 0),
  });
}

/** 四十多个, 二十余家: a count in words; single digits in words are too often part of phrases (一批, 三大). */
function chineseCount(text: string, start: number, run: string): Mention | undefined {
  if (!run.includes('十') || /[百千万亿]/.test(run)) return undefined;
  const end = start + run.length;
  const unit = UNIT_AFTER_NUMBER.exec(text.slice(end));
  if (!unit?.groups?.base || unit.groups.magnitude || !/^[个家项件人名所处条座场次]/.test(unit.groups.base))
    return undefined;
  const approx = unit.groups.approxBefore ?? unit.groups.approxAfter;
  const mention: Mention = {
    shape: 'quantity',
    number: run,
    value: parseChineseNumeral(run)!,
    unit: unit.groups.base,
    numberStart: start,
    start,
    end: end + unit[0].length,
  };
  if (approx) mention.suffixComparator = 'approx';
  return mention;
}

/**
 * 新增上市企业五家，引进人才七万人。: a count written with one numeral, as news items write small numbers, only when it
 * closes its clause (两个确立, 三项制度改革 and 一批 name things; 一 is too often an article).
 */
function smallChineseCount(text: string, start: number, run: string): Mention | undefined {
  if (!/^[二两三四五六七八九]万?$/.test(run) || /[\d这那每]/.test(text[start - 1] ?? '')) return undefined;
  const end = start + run.length;
  const base = /^(个|家|项|件|人|名|所|座)(?=$|[，。；、）)])/.exec(text.slice(end))?.[1];
  if (!base) return undefined;
  const digit = run[0]!;
  return {
    shape: 'quantity',
    number: digit,
    value: parseChineseNumeral(digit)!,
    unit: `${run.slice(1)}${base}`,
    numberStart: start,
    start,
    end: end + base.length,
  };
}

/** 第 N (位|名), 第一: a rank unless the ordinal numbers a session, batch, section or idiom. */
function rankAt(text: string, ordinalAt: number, number: string, value: string): Mention | undefined {
  const numberStart = ordinalAt + 1;
  let end = numberStart + number.length;
  const rest = text.slice(end);
  if (NOT_A_RANK_AFTER.test(rest) && !/^(位|名)/.test(rest)) return undefined;
  const unit = /^(位|名)/.exec(rest)?.[0] ?? '';
  end += unit.length;
  if (unit === '' && !BOUNDARY_AFTER.test(text.slice(end))) return undefined;
  if (unit === '' && !RANK_SCOPE_BEFORE.test(text.slice(clauseStart(text, ordinalAt), ordinalAt))) return undefined;
  return { shape: 'rank', number, value, unit, numberStart, start: ordinalAt, end };
}

/** 首位, 榜首: a rank of one, when it follows a scope (全市首位) or 居. */
function wordRanks(text: string): Mention[] {
  const out: Mention[] = [];
  for (const match of text.matchAll(/首位|榜首/g)) {
    const start = match.index;
    // 榜首地位 is a title, not a ranking; 把民生放在首位 is a priority.
    if (/^(地位|位置|的位置)/.test(text.slice(start + 2))) continue;
    if (!STANDING_BEFORE.test(text.slice(clauseStart(text, start), start))) continue;
    const unit = match[0] === '首位' ? '位' : '';
    out.push({
      shape: 'rank',
      number: '首',
      value: '1',
      unit,
      numberStart: match[0] === '首位' ? start : start + 1,
      start,
      end: start + 2,
    });
  }
  return out;
}

/** 前 10 名 and 百强 / 500 强: membership of a top group, kept as a rank bounded above. */
function topAt(text: string, start: number, end: number, number: string, value: string): Mention | undefined {
  if (text[start - 1] === '前' && /^(名|位|强)/.test(text.slice(end))) {
    return { shape: 'top', number, value, unit: text[end]!, numberStart: start, start: start - 1, end: end + 1 };
  }
  // 位列全省前三: a top group without a unit, after a scope; 前三季度 is a time.
  if (
    text[start - 1] === '前' &&
    BOUNDARY_AFTER.test(text.slice(end)) &&
    !/^[以的]/.test(text.slice(end)) &&
    STANDING_BEFORE.test(text.slice(clauseStart(text, start - 1), start - 1))
  ) {
    return { shape: 'top', number, value, unit: '', numberStart: start, start: start - 1, end };
  }
  if (text[end] !== '强') return undefined;
  // 百强区第 37 位 gives the rank itself; 百强榜 names a list.
  if (/^强[区县市]?(第|榜)/.test(text.slice(end))) return undefined;
  const clause = text.slice(clauseStart(text, start), start);
  const verb = TOP_VERB.exec(clause);
  if (!verb) return undefined;
  // 10 家企业入围…100 强: the figure is the count of members, not the group.
  if (/\d+(家|个|名|人)/.test(clause.slice(0, verb.index))) return undefined;
  return { shape: 'top', number, value, unit: '强', numberStart: start, start, end: end + 1 };
}

function quantityAt(text: string, start: number, end: number, number: string, value: string): Mention | undefined {
  const unitMatch = UNIT_AFTER_NUMBER.exec(text.slice(end))!;
  const groups = unitMatch.groups ?? {};
  let unit = `${groups.magnitude ?? ''}${groups.base ?? ''}`;
  let unitLength = unitMatch[0].length;
  if (unit === '' && isComputeUnit(text, end)) {
    unit = 'P';
    unitLength = 1;
  }
  if (unit === '') return undefined;
  if (
    /^(小时|分钟)$/.test(groups.base ?? '') &&
    /^[\u4e00-\u9fff“]/.test(text.slice(end + unitLength)) &&
    !/^(完成|实现)/.test(text.slice(end + unitLength))
  ) {
    return undefined; // 24小时帮办中心, 15分钟生活圈: a service descriptor
  }
  // 3岁婴幼儿, 60岁老人: an age class before the people it describes.
  if (
    groups.base === '岁' &&
    /^[\u4e00-\u9fff]/.test(text.slice(end + unitLength)) &&
    !/^(以|左右)/.test(text.slice(end + unitLength))
  )
    return undefined;
  // 主营业务收入超 10 亿元企业: a size class inside a name, not an amount.
  if (isSizeClassUnit(unit) && /^(企业|项目|工程|大项目)/.test(text.slice(end + unitLength))) return undefined;
  const mention: Mention = { shape: 'quantity', number, value, unit, numberStart: start, start, end: end + unitLength };
  if (groups.approxBefore || groups.approxAfter) mention.suffixComparator = 'approx';
  if (unit === '倍' && /^[多余]/.test(text.slice(end + unitLength))) {
    mention.end += 1;
    mention.suffixComparator = 'approx';
  }
  const bounded = withBound(text, mention);
  if (!bounded) return undefined;
  return bounded;
}

/** Reads 以上/以下/左右 after the unit; 亿元以上项目 is a size class in a name, so no figure at all. */
function withBound(text: string, mention: Mention): Mention | undefined {
  const bound = /^(以上|以下|以内|左右|上下)/.exec(text.slice(mention.end))?.[0];
  if (!bound) return mention;
  const next = text[mention.end + bound.length] ?? '';
  if (
    (bound === '以上' || bound === '以下') &&
    isSizeClassUnit(mention.unit) &&
    /[\u4e00-\u9fff]/.test(next) &&
    !/[，。；、]/.test(next)
  ) {
    return undefined;
  }
  const comparator = bound === '以上' ? 'gte' : bound === '左右' || bound === '上下' ? 'approx' : 'lte';
  return { ...mention, end: mention.end + bound.length, suffixComparator: comparator };
}

/** 产业结构 2:26.6:71.4: each part is a share, unit implied. */
function structures(text: string): Mention[] {
  const out: Mention[] = [];
  for (const match of text.matchAll(/\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){2,}/g)) {
    if (!/(结构|比例)/.test(text.slice(sentenceStart(text, match.index), match.index))) continue;
    let at = match.index;
    for (const [index, part] of match[0].split(':').entries()) {
      out.push({
        shape: 'structure',
        number: part,
        value: part,
        unit: '',
        numberStart: at,
        start: at,
        end: at + part.length,
        part: index,
      });
      at += part.length + 1;
    }
  }
  return out;
}
