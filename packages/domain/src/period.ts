import { lineText } from './text.ts';

/**
 * The reference period a figure describes, as a string: "2022", "2021-2025" (a span such as 十四五 or 近五年),
 * "cumulative" (累计 with no stated start) or "" (not stated).
 */
export type Period = string & { readonly __brand: 'Period' };

const PERIOD_PATTERN = /^(\d{4}(-\d{4})?|cumulative|)$/;

export const PeriodSchema = lineText()
  .regex(PERIOD_PATTERN, 'must be "YYYY", "YYYY-YYYY", "cumulative" or ""')
  .refine((p) => !/^\d{4}-\d{4}$/.test(p) || p.slice(0, 4) <= p.slice(5), 'a range must not end before it starts')
  .transform((p) => p as Period);
