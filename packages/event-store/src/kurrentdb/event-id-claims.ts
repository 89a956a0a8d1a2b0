import { z } from 'zod';
import { jsonEvent, type EventData } from '@kurrent/kurrentdb-client';

/*
 * KurrentDB only recognises a repeated event id within its idempotency window, and only in the same stream.
 * The ledger's rule is exact (an id names one event, forever, in any stream), so every event id gets a claim stream,
 * created with expected state no_stream in the event's own atomic append: a stored id is one stream read away.
 */

export const EVENT_ID_CLAIMED = 'EventIdClaimed';

const ClaimSchema = z.object({ stream: z.string(), revision: z.number().int().min(0) });

/** Where the event that holds an id is stored: its ledger stream and revision. */
export type EventIdClaim = z.infer<typeof ClaimSchema>;

export const eventIdClaimRecord = (claim: EventIdClaim): EventData =>
  jsonEvent({ type: EVENT_ID_CLAIMED, data: { stream: claim.stream, revision: claim.revision } });

/** The claim a record holds; throws if it is not one: claim streams are the adapter's own. */
export function decodeEventIdClaim(data: unknown): EventIdClaim {
  const claim = ClaimSchema.safeParse(data);
  if (!claim.success) throw new Error(`malformed ledger event id claim: ${claim.error.issues[0]!.message}`);
  return claim.data;
}
