import { lineText } from './text.ts';

/** A unit as written, with the base unit it scales to: 亿元 = 10^8 元. */
export interface Unit {
  symbol: string;
  base: string;
  exponent: number;
}

const MAGNITUDES: Array<[prefix: string, exponent: number]> = [
  ['万亿', 12],
  ['千亿', 11],
  ['百亿', 10],
  ['亿', 8],
  ['千万', 7],
  ['百万', 6],
  ['十万', 5],
  ['万', 4],
  ['千', 3],
  ['百', 2],
];

/** Base units that never take a magnitude prefix from the text. */
const ATOMIC = new Set(['%', '‰', '个百分点', '倍', '位', '名']);

/** Spellings folded onto one base, so that 万平米 and 万平方米 land in the same series. */
const BASE_SYNONYMS: Record<string, string> = { 平米: '平方米', 千米: '公里', 美金: '美元', 个工作日: '工作日' };

export function resolveUnit(written: string): Unit {
  const symbol = written.replace(/\s+/g, '');
  if (ATOMIC.has(symbol)) return { symbol, base: symbol, exponent: 0 };
  for (const [prefix, exponent] of MAGNITUDES) {
    if (symbol.startsWith(prefix) && symbol.length > prefix.length) {
      return { symbol, base: foldBase(symbol.slice(prefix.length)), exponent };
    }
  }
  return { symbol, base: foldBase(symbol), exponent: 0 };
}

function foldBase(base: string): string {
  return BASE_SYNONYMS[base] ?? base;
}

export const UnitSymbolSchema = lineText()
  .max(20, 'must be at most 20 characters')
  .regex(/^\S*$/, 'must not contain spaces');
