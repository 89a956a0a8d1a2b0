import { verifyChain } from '../hash-chain.ts';
import type { Position, RecordedEvent, VerifyResult } from '../types.ts';

/**
 * The ledger's events from `fromPosition`, given the records that claim ledger positions in $all order.
 * The adapter writes each position once, in order, so the first record to claim a position holds it. $all is
 * append-only: a later record claiming a position already passed was written behind the ledger's back (a forgery,
 * or history rewritten after a scavenge); it is skipped and reported to `onReclaim`.
 */
export async function* firstClaims(
  records: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
  fromPosition: Position,
  onReclaim: (record: RecordedEvent) => void = () => {},
): AsyncGenerator<RecordedEvent> {
  let next = fromPosition;
  for await (const record of records) {
    if (record.position >= next) {
      yield record;
      next = record.position + 1;
    } else if (record.position >= fromPosition) {
      onReclaim(record);
    }
  }
}

/**
 * Verifies the chain over the first claims, and names a position claimed again later: an append-only log cannot be
 * changed in place, so a second claim is how tampering shows. (A reclaim that lies in $all beyond the first break of
 * the chain is not looked for: the ledger is already reported broken.)
 */
export async function verifyClaims(
  records: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
): Promise<VerifyResult> {
  let reclaimed: RecordedEvent | undefined;
  const chain = await verifyChain(
    firstClaims(records, 1, (record) => {
      if (!reclaimed || record.position < reclaimed.position) reclaimed = record;
    }),
  );
  if (!reclaimed || (!chain.ok && chain.brokenAt <= reclaimed.position)) return chain;
  return {
    ok: false,
    checked: reclaimed.position - 1,
    brokenAt: reclaimed.position,
    reason: `claimed again later in the log by event ${reclaimed.eventId} in stream "${reclaimed.stream}"`,
  };
}
