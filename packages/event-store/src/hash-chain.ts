import { canonicalJson, sha256Hex } from '@ledger/canonical';
import type { Position, RecordedEvent, VerifyResult } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type HashedContent = Omit<RecordedEvent, 'hash' | 'prevHash'>;

/** Data and metadata as canonical JSON, serialised once per event when the append is validated. */
export interface CanonicalEventJson {
  data: string;
  metadata: string;
}

/**
 * The hash of an event: its whole content chained to the previous event's hash in global order. Given `json` (the
 * canonical JSON of exactly this event's data and metadata), the canonical JSON of the whole is composed from it
 * instead of serialising data again: the same bytes, keys in the order canonicalJson sorts them.
 */
export function eventHash(prevHash: string, event: HashedContent, json?: CanonicalEventJson): string {
  const { eventId, type, stream, revision, position, data, metadata, recordedAt } = event;
  const content = json
    ? `{"data":${json.data},"eventId":${JSON.stringify(eventId)},"metadata":${json.metadata},"position":${JSON.stringify(position)},"recordedAt":${JSON.stringify(recordedAt)},"revision":${JSON.stringify(revision)},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)}}`
    : canonicalJson({ eventId, type, stream, revision, position, data, metadata, recordedAt });
  return sha256Hex(`${prevHash}\n${content}`);
}

/** Walks events in global order; the first event whose position, link or hash does not hold is named. */
export async function verifyChain(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expected: Position = 1;
  let checked = 0;
  for await (const event of events) {
    const broken = (reason: string): VerifyResult => ({ ok: false, checked, brokenAt: event.position, reason });
    if (event.position !== expected)
      return {
        ok: false,
        checked,
        brokenAt: expected,
        reason: `position ${expected} is missing (next stored is ${event.position})`,
      };
    if (event.prevHash !== prevHash) return broken("does not link to the previous event's hash");
    if (eventHash(prevHash, event) !== event.hash) return broken('content does not match its hash');
    prevHash = event.hash;
    expected++;
    checked++;
  }
  return { ok: true, checked, headHash: prevHash };
}
