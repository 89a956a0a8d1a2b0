import { canonicalJson } from '@ledger/canonical';
import type { CanonicalEventJson } from './hash-chain.ts';
import type { RecordedEvent } from './types.ts';

/** An event as the SQL adapters store it: data and metadata as the canonical JSON that was hashed. */
export interface EventRow {
  position: string | number; // PostgreSQL bigint arrives as a string
  event_id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

export function recordedFromRow(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    position: Number(row.position),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The columns of EventRow in order: a SELECT of them can return each row as an array (recordedFromValues). */
export const EVENT_COLUMNS =
  'position, event_id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash' as const;

/** recordedFromRow for a row read as an array of EVENT_COLUMNS: no object per row to build (node:sqlite). */
export function recordedFromValues(values: unknown[]): RecordedEvent {
  const [position, eventId, stream, revision, type, data, metadata, recordedAt, prevHash, hash] = values as [
    number,
    string,
    string,
    number,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    eventId,
    type,
    stream,
    revision,
    position: Number(position),
    data: JSON.parse(data),
    metadata: JSON.parse(metadata),
    recordedAt,
    prevHash,
    hash,
  };
}

// The canonical JSON an append plan hashed for each event it recorded: the row is written with those very strings.
const planned = new WeakMap<RecordedEvent, CanonicalEventJson>();

/** Keeps the canonical JSON of a planned event's data and metadata (the plan's own, never changed afterwards). */
export function rememberCanonicalJson(event: RecordedEvent, json: CanonicalEventJson): void {
  planned.set(event, json);
}

/** The values of one row, in the column order of EventRow: data and metadata as the canonical JSON that was hashed. */
export function rowValuesOf(
  event: RecordedEvent,
): [number, string, string, number, string, string, string, string, string, string] {
  const json = planned.get(event);
  return [
    event.position,
    event.eventId,
    event.stream,
    event.revision,
    event.type,
    json?.data ?? canonicalJson(event.data),
    json?.metadata ?? canonicalJson(event.metadata),
    event.recordedAt,
    event.prevHash,
    event.hash,
  ];
}
