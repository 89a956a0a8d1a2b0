/** The units reports attach to numbers, and what kind of quantity each one measures. */

export type UnitClass = 'percent' | 'points' | 'times' | 'count' | 'amount' | 'top' | 'none';

/** Classifiers of discrete things: a number with one of these is a count (家, 个, 人次 …). */
const COUNT_UNITS = [
  '个次',
  '家次',
  '人次',
  '件次',
  '场次',
  '剂次',
  '车次',
  '户次',
  '台套',
  '批次',
  '个',
  '家',
  '项',
  '件',
  '人',
  '名',
  '位',
  '户',
  '所',
  '处',
  '条',
  '座',
  '场',
  '次',
  '期',
  '支',
  '只',
  '辆',
  '台',
  '套',
  '张',
  '间',
  '笔',
  '宗',
  '眼',
  '起',
  '门',
  '类',
  '栋',
  '列',
  '国',
  '城',
  '部',
  '款',
  '种',
  '份',
  '株',
  '床',
  '艘',
  '架',
  '届',
  '标箱',
  '头',
  '片',
];

/** Measurement units: a number with one of these is a level (亿元, 亩, 吨 …). */
const AMOUNT_UNITS = [
  '美元',
  '欧元',
  '元',
  '平方公里',
  '平方米',
  '平米',
  '公顷',
  '亩',
  '公里',
  '千米',
  '米',
  '吨标准煤',
  '吨',
  '微克/立方米',
  '微克',
  '千瓦时',
  '千瓦',
  '兆瓦',
  '立方米',
  '小时',
  '分钟',
  '天',
  '个工作日',
  '工作日',
  '个月',
  '岁',
  '公斤',
  '千克',
  '斤',
  '标准箱',
];

const MAGNITUDES = ['千万', '百万', '万亿', '万', '亿'];

/** Longest first, so that 个百分点 wins over 个 and 平方米 over 米. */
const BASE_UNITS = ['个百分点', '%', '‰', '倍', ...COUNT_UNITS, ...AMOUNT_UNITS].sort((a, b) => b.length - a.length);

const alternation = (words: readonly string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[%‰/]/g, '\\$&'))
    .join('|');

/**
 * After a number: an optional magnitude (万, 亿), 余/多 on either side of it (2 万余平方米, 3200 余万元),
 * then the base unit; a bare magnitude is a unit too (1.2 万).
 */
export const UNIT_AFTER_NUMBER = new RegExp(
  `^(?<approxBefore>余|多)?(?<magnitude>${alternation(MAGNITUDES)})?(?<approxAfter>余|多)?(?<base>${alternation(BASE_UNITS)})?`,
);

export function unitClass(unit: string): UnitClass {
  let found = UNIT_CLASSES.get(unit);
  if (found === undefined) {
    found = classOfUnit(unit);
    UNIT_CLASSES.set(unit, found);
  }
  return found;
}

/** Asked several times per figure, and units are few: each is classified once. */
const UNIT_CLASSES = new Map<string, UnitClass>();

function classOfUnit(unit: string): UnitClass {
  if (unit === '') return 'none';
  if (unit === '%' || unit === '‰') return 'percent';
  if (unit === '个百分点') return 'points';
  if (unit === '倍') return 'times';
  if (unit === '强') return 'top';
  const base = MAGNITUDES.reduce((u, m) => (u.startsWith(m) && u.length > m.length ? u.slice(m.length) : u), unit);
  return COUNT_UNITS.includes(base) ? 'count' : 'amount';
}

/** Amount units that, followed by 以上/以下 and a noun, name a size class (亿元以上项目), not a figure. */
export function isSizeClassUnit(unit: string): boolean {
  return /(元|亩|平方米|平米|吨|岁)$/.test(unit);
}
