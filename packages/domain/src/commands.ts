import { z } from 'zod';
import { DocumentMetadataSchema } from './document.ts';
import {
  CitationsFromOneDocumentSchema,
  FigureReportSchema,
  FigureValueSchema,
  ReasonSchema,
  type FigureReport,
} from './events.ts';
import { SeriesKeySchema } from './series-key.ts';
import { multilineText } from './text.ts';
import { parseOrThrow } from './validation.ts';

export const RegisterDocumentSchema = z.object({
  type: z.literal('RegisterDocument'),
  document: DocumentMetadataSchema,
  /** The raw text, exactly as published: citations are checked against it, and its sha256 must match. */
  text: multilineText().min(1, 'must not be empty').max(5_000_000, 'must be at most 5,000,000 characters'),
});

export const ReportFigureSchema = z.object({ type: z.literal('ReportFigure'), report: FigureReportSchema });

export const CorrectFigureSchema = z.object({
  type: z.literal('CorrectFigure'),
  seriesKey: SeriesKeySchema,
  figureId: z.uuid('must be a UUID'),
  correction: FigureValueSchema,
  reason: ReasonSchema,
  /** The evidence for the corrected value; the corrected figure's own citations when absent. */
  citations: CitationsFromOneDocumentSchema.optional(),
});

export const RetractFigureSchema = z.object({
  type: z.literal('RetractFigure'),
  seriesKey: SeriesKeySchema,
  figureId: z.uuid('must be a UUID'),
  reason: ReasonSchema,
});

export const CommandSchema = z.discriminatedUnion('type', [
  RegisterDocumentSchema,
  ReportFigureSchema,
  CorrectFigureSchema,
  RetractFigureSchema,
]);
export type Command = z.infer<typeof CommandSchema>;
export type RegisterDocument = z.infer<typeof RegisterDocumentSchema>;
export type ReportFigure = z.infer<typeof ReportFigureSchema>;
export type CorrectFigure = z.infer<typeof CorrectFigureSchema>;
export type RetractFigure = z.infer<typeof RetractFigureSchema>;

// Commands known to satisfy CommandSchema: parsed by parseCommand, or built by reportFigureCommand from a parsed report.
const parsedCommands = new WeakSet<object>();

/** A command, parsed by CommandSchema unless it is known to satisfy it already (parsing it again checks nothing new). */
export function parseCommand(input: unknown): Command {
  if (typeof input === 'object' && input !== null && parsedCommands.has(input)) return input as Command;
  const command = parseOrThrow(CommandSchema, input);
  parsedCommands.add(command);
  return command;
}

/**
 * The command to report a figure whose report was parsed by FigureReportSchema (or a stricter schema, such as the
 * API's request body): its branded types say so, and parseCommand will not parse it again.
 */
export function reportFigureCommand(report: FigureReport): ReportFigure {
  const command = { type: 'ReportFigure' as const, report };
  parsedCommands.add(command);
  return command;
}
