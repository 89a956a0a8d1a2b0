import { z } from 'zod';
import { RegionCodeSchema } from './region.ts';
import { PeriodSchema } from './period.ts';
import { lineText } from './text.ts';

/**
 * When a source became public, to the precision known: "2023-01-07" (day), "2021-06" (month) or "2023" (year).
 * Point-in-time views use the END of that interval, so a figure never shows before its source could have been public.
 */
export const PublicationDateSchema = lineText()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be "YYYY", "YYYY-MM" or "YYYY-MM-DD"')
  .refine((s) => s.length === 4 || isRealDate(s), 'is not a calendar date');

/** A day that exists, YYYY-MM-DD: 2024-02-29 but not 2023-02-30 (which Date.parse would roll over to March). */
export const CalendarDateSchema = lineText()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'is not a calendar date');

function isRealDate(s: string): boolean {
  const [y, m, d = 1] = s.split('-').map(Number) as [number, number, number?];
  if (m < 1 || m > 12) return false;
  return d >= 1 && d <= daysInMonth(y, m);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type DatePrecision = 'day' | 'month' | 'year';

export function precisionOf(published: string): DatePrecision {
  return published.length === 10 ? 'day' : published.length === 7 ? 'month' : 'year';
}

/** The last day of the publication interval, as YYYY-MM-DD: the earliest date at which the source is certainly public. */
export function availableFrom(published: string): string {
  const [y, m, d] = published.split('-').map(Number) as [number, number?, number?];
  if (d !== undefined) return published;
  const month = m ?? 12;
  return `${y}-${String(month).padStart(2, '0')}-${String(daysInMonth(y, month)).padStart(2, '0')}`;
}

export const DocumentKindSchema = z.enum(['work-report', 'development-report', 'news-article', 'other']);

export const DocumentIdSchema = lineText()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');

export const DocumentMetadataSchema = z.object({
  documentId: DocumentIdSchema,
  fileName: lineText().min(1).max(200),
  title: lineText().min(1, 'must not be empty').max(300),
  kind: DocumentKindSchema,
  publisher: lineText().min(1, 'must not be empty').max(200),
  speaker: lineText().max(100).optional(),
  regionCode: RegionCodeSchema,
  published: PublicationDateSchema,
  periodCovered: PeriodSchema,
  sha256: lineText().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256'),
  /** sha256 of the bytes as received (GBK text, an HTML page), when the stored text was decoded from other bytes. */
  originalSha256: lineText()
    .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256')
    .optional(),
  /** What the bytes were: `text/plain; charset=gb18030`, `text/html; charset=utf-8`. */
  mediaType: lineText()
    .regex(/^text\/(plain|html); charset=[a-z0-9_-]+$/, 'must be "text/plain; charset=…" or "text/html; charset=…"')
    .optional(),
});
export type DocumentMetadata = z.infer<typeof DocumentMetadataSchema>;
