import { z } from 'zod';

/**
 * Who put an event into the ledger: `extractor@<version>` (figures read by the extractor), `token:<name>` (an API
 * writer, by the token's name, never its secret) or `cli` (an operator at the command line registering a document).
 */
export const RecordedBySchema = z
  .string()
  .regex(
    /^(extractor@[0-9A-Za-z.+-]{1,40}|token:[A-Za-z0-9_.-]{1,64}|cli)$/,
    'must be "extractor@<version>", "token:<name>" or "cli"',
  );
export type RecordedBy = z.infer<typeof RecordedBySchema>;

/** The metadata the ledger writes beside every event; not part of the event's content (its id ignores it). */
export const EventMetadataSchema = z.object({
  recordedBy: RecordedBySchema,
  /** The request (or command-line run) the event came from; the same id is in that request's log line. */
  correlationId: z.string().min(1).max(100).optional(),
  /** The event that caused this one: a figure extracted from a document names the document's registration. */
  causationId: z.uuid('must be an event id').optional(),
});
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

export const extractorRecorder = (version: string): RecordedBy => `extractor@${version}`;

/** Whether the extractor recorded an event; events from before provenance was kept say nothing, and count as a person's. */
export function isExtractorRecorded(metadata: Readonly<Record<string, unknown>>): boolean {
  return typeof metadata.recordedBy === 'string' && metadata.recordedBy.startsWith('extractor@');
}

/** Built once: zod compiles a schema on its first parse, and the relay reads provenance of every event it sends. */
const StoredMetadataSchema = EventMetadataSchema.partial();

/** Provenance as read back from a stored event's metadata: the known fields only, absent ones left out. */
export function provenanceOf(metadata: Readonly<Record<string, unknown>>): Partial<EventMetadata> {
  const parsed = StoredMetadataSchema.safeParse(metadata);
  if (!parsed.success) return {};
  const { recordedBy, correlationId, causationId } = parsed.data;
  return {
    ...(recordedBy && { recordedBy }),
    ...(correlationId && { correlationId }),
    ...(causationId && { causationId }),
  };
}
