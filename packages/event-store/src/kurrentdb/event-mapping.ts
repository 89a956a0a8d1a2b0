import { z } from 'zod';
import { jsonEvent, type EventData } from '@kurrent/kurrentdb-client';
import { canonicalJson } from '@ledger/canonical';
import type { StreamNames } from './stream-names.ts';
import type { RecordedEvent } from '../types.ts';

/** What the mapping reads of a record the client returns, from a stream or from $all. */
export interface StoredRecord {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata: unknown;
}

// One metadata property holds everything the ledger adds: multi-stream appends take string values only.
const LEDGER_PROPERTY = 'ledger';

const LedgerClaimsSchema = z.object({
  position: z.number().int().positive(),
  prevHash: z.string(),
  hash: z.string(),
  recordedAt: z.string(),
  metadata: z.record(z.string(), z.unknown()),
});

/** What a stored record claims about its place in the ledger, beside the writer's own metadata. */
export type LedgerClaims = z.infer<typeof LedgerClaimsSchema>;

export function encodeLedgerMetadata({
  position,
  prevHash,
  hash,
  recordedAt,
  metadata,
}: LedgerClaims): Record<string, string> {
  return { [LEDGER_PROPERTY]: canonicalJson({ position, prevHash, hash, recordedAt, metadata }) };
}

/** The ledger's claims in a record's metadata; undefined for records the ledger did not write. */
export function decodeLedgerMetadata(metadata: unknown): LedgerClaims | undefined {
  const encoded = jsonObject(metadata)?.[LEDGER_PROPERTY];
  if (typeof encoded !== 'string') return undefined;
  const claims = LedgerClaimsSchema.safeParse(parseJson(encoded));
  return claims.success ? claims.data : undefined;
}

/** The record that stores a ledger event: the event id is KurrentDB's id, the ledger's claims its metadata. */
export function toEventData(event: RecordedEvent): EventData {
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: encodeLedgerMetadata(event) });
}

/** The ledger event a record stores; undefined for anything else in the database (system, index, other namespaces, foreign writes). */
export function toLedgerEvent(record: StoredRecord, names: StreamNames): RecordedEvent | undefined {
  const stream = names.ledgerStream(record.streamId);
  if (stream === undefined) return undefined;
  const claims = decodeLedgerMetadata(record.metadata);
  const data = jsonObject(record.data);
  if (!claims || !data) return undefined;
  return { eventId: record.id, type: record.type, stream, revision: Number(record.revision), data, ...claims };
}

/** A JSON object, whether the client parsed it already or returned the bytes (it does for content not marked JSON). */
function jsonObject(value: unknown): Record<string, unknown> | undefined {
  const parsed = value instanceof Uint8Array ? parseJson(Buffer.from(value).toString('utf8')) : value;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
