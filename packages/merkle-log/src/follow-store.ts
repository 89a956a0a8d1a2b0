import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '@ledger/event-store';
import { hashLeaf } from '@ledger/log-verifier';
import type { MerkleTree } from './merkle-tree.ts';
import type { LeafSource } from './leaf-source.ts';

/** Leaf i is the event at position i + 1; its leaf hash is SHA-256(0x00 ‖ the 32 bytes of its chain hash). */
export function leafHashOf(event: Pick<RecordedEvent, 'hash'>): Buffer {
  return hashLeaf(Buffer.from(event.hash, 'hex'));
}

export interface FollowOptions {
  /** Leaves read and appended per storage transaction. */
  batchSize?: number;
  /** Called after the tree grew (e.g. to sign a checkpoint). */
  onGrown?: (treeSize: number) => void | Promise<void>;
}

const DEFAULT_BATCH = 10_000;

/** Appends every event up to the source's head that the tree lacks, in global order; resolves to the new size. */
export async function catchUpTree(tree: MerkleTree, source: LeafSource, options: FollowOptions = {}): Promise<number> {
  const start = await tree.size();
  const head = await source.headPosition();
  let size = start;
  while (size < head) {
    const to = Math.min(head, size + (options.batchSize ?? DEFAULT_BATCH));
    const hashes = await source.chainHashes(size + 1, to);
    // Positions are dense; a gap would shift every later leaf.
    if (hashes.length !== to - size)
      throw new RangeError(`positions ${size + 1} to ${to} should hold ${to - size} events, found ${hashes.length}`);
    size = await tree.append(hashes.map((hash) => leafHashOf({ hash })));
  }
  if (size > start) await options.onGrown?.(size);
  return size;
}

/**
 * Catches up, then grows the tree until `signal` aborts, looking at the head every `intervalMs`. Working in batches
 * at an interval, not per append, keeps it off the writers' path: one read, one transaction and one signature cover
 * every event appended meanwhile (a checkpoint lags the head by at most about the interval).
 */
export async function followStore(
  tree: MerkleTree,
  source: LeafSource,
  signal: AbortSignal,
  options: FollowOptions & { intervalMs?: number } = {},
): Promise<void> {
  let size = await catchUpTree(tree, source, options);
  while (!signal.aborted) {
    await pause(options.intervalMs ?? DEFAULT_INTERVAL_MS, signal);
    if (!signal.aborted && (await source.headPosition()) > size) size = await catchUpTree(tree, source, options);
  }
}

const DEFAULT_INTERVAL_MS = 200;

/** Waits `ms`, or less when `signal` aborts (the loop then checks `signal.aborted`). */
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  sleep(ms, undefined, { signal }).catch(() => undefined);
