/** Chinese numerals as reports write them (两倍, 十二, 四十, 千亿元), converted exactly to a decimal string. */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Readonly<Record<string, bigint>> = { 万: 10_000n, 亿: 100_000_000n };

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** "十二" -> "12", "两" -> "2", "千" -> "1000"; undefined for anything that is not a numeral. */
export function parseChineseNumeral(text: string): string | undefined {
  return text.length === 1 ? SINGLE_NUMERALS.get(text) : parseNumeral(text);
}

function parseNumeral(text: string): string | undefined {
  if (text === '' || [...text].some((c) => !CHINESE_NUMERAL_CHARS.includes(c))) return undefined;
  let total = 0n;
  let section = 0n; // below the current 万/亿
  let digit: number | undefined;
  for (const c of text) {
    if (c in DIGITS) {
      digit = DIGITS[c]!;
    } else if (c in SMALL_UNITS) {
      section += BigInt((digit ?? 1) * SMALL_UNITS[c]!); // a bare 十/百/千 means one of it
      digit = undefined;
    } else {
      section = section + BigInt(digit ?? 0);
      // 万 scales only its own section (一亿二千万); 亿 scales everything before it.
      if (c === '万') total += (section || 1n) * LARGE_UNITS[c]!;
      else total = (total + section || 1n) * LARGE_UNITS[c]!;
      section = 0n;
      digit = undefined;
    }
  }
  return String(total + section + BigInt(digit ?? 0));
}

/** Most numerals in a report are one character (一批, 第三, 十强): read once here instead of with big integers each time. */
const SINGLE_NUMERALS = new Map(Array.from(CHINESE_NUMERAL_CHARS, (c) => [c, parseNumeral(c)]));
