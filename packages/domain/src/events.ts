import { z } from 'zod';
import { DecimalSchema } from './decimal.ts';
import { lineText, multilineText } from './text.ts';
import { UnitSymbolSchema } from './unit.ts';
import { ComparatorSchema, FigureStatusSchema } from './vocabulary.ts';
import { PeriodSchema } from './period.ts';
import { SeriesIdentitySchema, SeriesKeySchema } from './series-key.ts';
import { CitationSchema } from './citation.ts';
import { DocumentMetadataSchema } from './document.ts';

const FigureIdSchema = z.uuid('must be a UUID');
export const ReasonSchema = multilineText().trim().min(3, 'must say why (at least 3 characters)').max(2000);

export const SeriesSchema = SeriesIdentitySchema.extend({
  indicatorName: lineText().min(1, 'must not be empty').max(200),
});

/** The measured part of a figure: what a correction may change. */
export const FigureValueSchema = z.object({
  period: PeriodSchema,
  value: DecimalSchema,
  unit: UnitSymbolSchema,
  comparator: ComparatorSchema,
  status: FigureStatusSchema,
});

export const CitationsFromOneDocumentSchema = z
  .array(CitationSchema)
  .min(1, 'must hold at least one citation')
  .max(100)
  .refine((cs) => cs.every((c) => c.documentId === cs[0]!.documentId), 'must all cite the same document');

export const FigureReportSchema = FigureValueSchema.extend({
  series: SeriesSchema,
  /** The number exactly as written in the source (一, 1265, ２.５). */
  numberAsWritten: lineText().min(1).max(40),
  citations: CitationsFromOneDocumentSchema,
  note: multilineText().max(2000).optional(),
});
export type FigureReport = z.infer<typeof FigureReportSchema>;

const v1 = { schemaVersion: z.literal(1) };

export const DocumentRegisteredSchema = DocumentMetadataSchema.extend({ ...v1, text: multilineText().min(1) });
export const FigureReportedSchema = FigureReportSchema.extend({
  ...v1,
  figureId: FigureIdSchema,
  seriesKey: SeriesKeySchema,
});
export const FigureCorrectedSchema = FigureValueSchema.extend({
  ...v1,
  figureId: FigureIdSchema,
  seriesKey: SeriesKeySchema,
  supersedes: FigureIdSchema,
  reason: ReasonSchema,
  citations: CitationsFromOneDocumentSchema,
});
export const FigureRetractedSchema = z.object({
  ...v1,
  figureId: FigureIdSchema,
  seriesKey: SeriesKeySchema,
  reason: ReasonSchema,
});

/** Every event type of the ledger with the schema of its data; the version field lets later schemas upcast old events. */
export const EVENT_SCHEMAS = {
  DocumentRegistered: DocumentRegisteredSchema,
  FigureReported: FigureReportedSchema,
  FigureCorrected: FigureCorrectedSchema,
  FigureRetracted: FigureRetractedSchema,
} as const;

export type LedgerEventType = keyof typeof EVENT_SCHEMAS;
export type LedgerEvent = {
  [T in LedgerEventType]: { type: T; data: z.infer<(typeof EVENT_SCHEMAS)[T]> };
}[LedgerEventType];
export type EventData<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>['data'];

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.hasOwn(EVENT_SCHEMAS, type);
}
