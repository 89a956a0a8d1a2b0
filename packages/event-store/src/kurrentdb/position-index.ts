import { z } from 'zod';
import { jsonEvent, type EventData, type Position as NativePosition } from '@kurrent/kurrentdb-client';
import { GENESIS_HASH } from '../hash-chain.ts';

/*
 * KurrentDB orders everything in $all by commit position: large, sparse numbers shared with every other stream.
 * The ledger's positions must be dense (1..N): the hash chain and consumers' gap detection rely on it.
 * So the adapter assigns them itself and keeps an index stream in which revision r is the entry of position r + 1,
 * written in the same atomic multi-stream append as the event. The entry holds the event's hash (what the next batch
 * chains to) and the $all position of the index entry read before the batch was planned: the whole batch comes after
 * it in $all, because appends are serialised on the index's revision. Reading from position p is then one index read
 * and a $all read from there, skipping what precedes p.
 */

export const POSITION_ASSIGNED = 'PositionAssigned';

const Digits = z.string().regex(/^\d+$/);
const NativePositionSchema = z.object({ commit: Digits, prepare: Digits });
const EntrySchema = z.object({ hash: z.string(), batchStartsAfter: NativePositionSchema.nullable() });

export interface PositionIndexEntry {
  hash: string;
  /** Where in $all to start reading for this position; undefined: from the start. */
  batchStartsAfter: NativePosition | undefined;
}

/** The last position the index holds: what the next batch chains to, and where in $all it will come after. */
export interface IndexHead {
  position: number;
  hash: string;
  /** The $all position of the last index entry; undefined while the ledger is empty. */
  nativePosition: NativePosition | undefined;
}

export const EMPTY_INDEX: IndexHead = { position: 0, hash: GENESIS_HASH, nativePosition: undefined };

// bigint is not JSON: commit and prepare positions are stored as decimal strings.
const encodeNativePosition = ({ commit, prepare }: NativePosition) => ({
  commit: commit.toString(),
  prepare: prepare.toString(),
});
const decodeNativePosition = ({ commit, prepare }: { commit: string; prepare: string }): NativePosition => ({
  commit: BigInt(commit),
  prepare: BigInt(prepare),
});

export function positionIndexRecord({ hash, batchStartsAfter }: PositionIndexEntry): EventData {
  return jsonEvent({
    type: POSITION_ASSIGNED,
    data: { hash, batchStartsAfter: batchStartsAfter ? encodeNativePosition(batchStartsAfter) : null },
  });
}

/** The entry an index record holds; throws if it is not one: the index is the adapter's own and must not be malformed. */
export function decodePositionIndexEntry(data: unknown): PositionIndexEntry {
  const entry = EntrySchema.safeParse(data);
  if (!entry.success) throw new Error(`malformed ledger position index entry: ${entry.error.issues[0]!.message}`);
  const { hash, batchStartsAfter } = entry.data;
  return { hash, batchStartsAfter: batchStartsAfter ? decodeNativePosition(batchStartsAfter) : undefined };
}

/** The index head from its last record, as the client read it (`position` is its place in $all). */
export function indexHeadFrom(record: { revision: bigint; data: unknown; position?: NativePosition }): IndexHead {
  // Reported by every server since 22.6; without it no later batch could say where it starts.
  if (!record.position)
    throw new Error(
      'KurrentDB did not report the $all position of the ledger position index (server older than 22.6?)',
    );
  return {
    position: Number(record.revision) + 1,
    hash: decodePositionIndexEntry(record.data).hash,
    nativePosition: record.position,
  };
}
