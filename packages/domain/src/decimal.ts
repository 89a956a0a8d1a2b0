import { lineText } from './text.ts';

/**
 * An exact decimal kept as its written string ("30.24", "1265", "-0.5").
 * Reported figures are never turned into floats: 0.1 + 0.2 style drift would make equal reports disagree.
 */
export type Decimal = string & { readonly __brand: 'Decimal' };

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export const DecimalSchema = lineText()
  .regex(
    DECIMAL_PATTERN,
    'must be a plain decimal such as "126" or "30.24" (no exponent, no grouping, no leading zeros)',
  )
  .transform((s) => s as Decimal);

export function parseDecimal(text: string): Decimal {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) throw new RangeError(`not a plain decimal: "${text}"`);
  return trimmed as Decimal;
}

interface Scaled {
  digits: bigint; // the value times 10^scale
  scale: number;
}

function toScaled(d: Decimal): Scaled {
  const [intPart, fracPart = ''] = d.split('.');
  return { digits: BigInt(`${intPart}${fracPart}`.replace(/^(-?)0+(?=\d)/, '$1')), scale: fracPart.length };
}

function align(a: Scaled, b: Scaled): [bigint, bigint] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale)];
}

/** -1, 0 or 1, exactly: "6.80" equals "6.8". */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = align(toScaled(a), toScaled(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The shortest spelling of the same value: "6.80" -> "6.8", "-0" -> "0". */
export function normalizeDecimal(d: Decimal): Decimal {
  const [intPart, rawFraction = ''] = d.split('.');
  const fracPart = rawFraction.replace(/0+$/, '');
  const out = fracPart ? `${intPart}.${fracPart}` : intPart!;
  return (out === '-0' ? '0' : out) as Decimal;
}

/** Multiplies by 10^exponent by moving the decimal point: exact for any exponent. */
export function shiftDecimal(d: Decimal, exponent: number): Decimal {
  const negative = d.startsWith('-');
  const [intPart, fracPart = ''] = (negative ? d.slice(1) : d).split('.');
  const digits = `${intPart}${fracPart}`;
  const point = intPart!.length + exponent;
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  return normalizeDecimal(`${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}` as Decimal);
}

/** a − b, exactly: "1265" − "1200.5" = "64.5". */
export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(toScaled(a).scale, toScaled(b).scale);
  const [x, y] = align(toScaled(a), toScaled(b));
  const difference = x - y;
  const digits = (difference < 0n ? -difference : difference).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return normalizeDecimal(`${difference < 0n ? '-' : ''}${text}` as Decimal);
}
