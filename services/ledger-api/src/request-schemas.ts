import { z } from 'zod';
import {
  CalendarDateSchema,
  CitationSchema,
  DocumentIdSchema,
  FigureReportSchema,
  FigureValueSchema,
  lineText,
  ReasonSchema,
  RegionCodeSchema,
  RegisterDocumentSchema,
  SeriesKeySchema,
} from '@ledger/domain';
import { cursorParam } from './paging.ts';

const Revision = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must not be negative');
const Limit = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000');
const Offset = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(1_000_000);

export const PointInTimeQuery = z.strictObject({
  asOf: CalendarDateSchema.optional(),
  recordedAtPosition: z.coerce.number({ error: 'must be a number' }).int().min(0, 'must not be negative').optional(),
  recordedAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z' }).optional(),
});

export const SeriesQuery = z.strictObject({
  region: RegionCodeSchema.optional(),
  indicator: lineText().min(1).max(120).optional(),
  q: lineText().min(1, 'must not be empty').max(100).optional(),
  limit: Limit.optional(),
  offset: Offset.optional(),
});

/** A region snapshot, paged: the cursor holds the last observation's key (series, period, track). */
export const SnapshotQuery = PointInTimeQuery.extend({
  limit: Limit.optional(),
  cursor: cursorParam(z.tuple([z.string().max(400), z.string().max(40), z.enum(['result', 'target'])])).optional(),
});

/** A document's figures, paged: the cursor holds the last figure's position. */
export const DocumentFiguresQuery = z.strictObject({
  limit: Limit.optional(),
  cursor: cursorParam(z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)])).optional(),
});

export const RegionSearchQuery = z.strictObject({
  q: z.string({ error: 'is required: a name, short name or code' }).trim().min(1, 'must not be empty').max(50),
  limit: Limit.optional(),
});

export const PageQuery = z.strictObject({ limit: Limit.optional(), offset: Offset.optional() });

export const EventsQuery = z.strictObject({
  from: z.coerce
    .number({ error: 'must be a position' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER)
    .optional(),
  limit: Limit.optional(),
});

/** Metadata of a raw document body; each is read from the text when absent. `extract=false` registers only. */
export const DocumentIntakeQuery = z.strictObject({
  region: z.string().min(1, 'must not be empty').max(100).optional(),
  published: z.string().min(1, 'must not be empty').max(20).optional(),
  kind: z.string().min(1, 'must not be empty').max(40).optional(),
  title: z.string().min(1, 'must not be empty').max(300).optional(),
  extract: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});
export const DocumentQuery = z.strictObject({ text: z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional() });
export const NoQuery = z.strictObject({});

export const DocumentIdParam = z.object({ documentId: DocumentIdSchema });
export const SeriesKeyParam = z.object({ seriesKey: SeriesKeySchema });
export const RegionParam = z.object({ code: RegionCodeSchema });
export const FigureIdParam = z.object({ figureId: z.uuid('must be a UUID') });

export const RegisterDocumentBody = RegisterDocumentSchema.omit({ type: true }).strict();
export const ReportFigureBody = FigureReportSchema.strict();
/** The most figures one batch may carry: all are appended in one transaction, or none. */
export const FIGURES_PER_BATCH = 1000;
export const ReportFiguresBody = z.strictObject({
  figures: z
    .array(ReportFigureBody)
    .min(1, 'must hold at least one figure')
    .max(FIGURES_PER_BATCH, `must hold at most ${FIGURES_PER_BATCH} figures`),
});
export const CorrectionBody = z.strictObject({
  correction: FigureValueSchema,
  reason: ReasonSchema,
  citations: z.array(CitationSchema).min(1).max(100).optional(),
  expectedRevision: Revision.optional(),
});
export const RetractionBody = z.strictObject({
  reason: ReasonSchema,
  expectedRevision: Revision.optional(),
});

/** If-Match carries the stream revision the client last saw, as a number or an ETag ("3"). */
export const IfMatchHeader = lineText()
  .regex(/^(W\/)?"?\d+"?$/, 'must be the stream revision, e.g. "3"')
  .transform((s) => Number(s.replace(/\D/g, '')))
  .pipe(
    z
      .number({ error: 'is larger than any stream revision' })
      .max(Number.MAX_SAFE_INTEGER, 'is larger than any stream revision'),
  );
