import { canonicalJson, sha256Hex } from '@ledger/canonical';
import type { Position, RecordedEvent, VerifyResult } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type HashedContent = Omit<RecordedEvent, 'hash' | 'prevHash'>;

/** The hash of an event: its whole content chained to the previous event's hash in global order. */
export function eventHash(prevHash: string, event: HashedContent): string {
  const { eventId, type, stream, revision, position, data, metadata, recordedAt } = event;
  return sha256Hex(
    `${prevHash}\n${canonicalJson({ eventId, type, stream, revision, position, data, metadata, recordedAt })}`,
  );
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
