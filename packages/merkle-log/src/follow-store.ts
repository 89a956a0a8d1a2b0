import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { hashLeaf } from '@ledger/log-verifier';
import type { MerkleTree } from './merkle-tree.ts';

/** Leaf i is the event at position i + 1; its leaf hash is SHA-256(0x00 ‖ the 32 bytes of its chain hash). */
export function leafHashOf(event: Pick<RecordedEvent, 'hash'>): Buffer {
  return hashLeaf(Buffer.from(event.hash, 'hex'));
}

export interface FollowOptions {
  /** Events read and appended per storage transaction. */
  batchSize?: number;
  /** Called after the tree grew (e.g. to sign a checkpoint). */
  onGrown?: (treeSize: number) => void | Promise<void>;
}

const DEFAULT_BATCH = 5_000;

/** Appends every event the tree lacks, in global order; resolves to the new tree size. */
export async function catchUpTree(tree: MerkleTree, store: EventStore, options: FollowOptions = {}): Promise<number> {
  let size = await tree.size();
  const start = size;
  for (;;) {
    const page = await store.readAll({ fromPosition: size + 1, maxCount: options.batchSize ?? DEFAULT_BATCH });
    if (page.length === 0) break;
    page.forEach((event, i) => {
      // Positions are dense; a gap would shift every later leaf.
      if (event.position !== size + 1 + i)
        throw new RangeError(`the store skipped from position ${size + i} to ${event.position}`);
    });
    size = await tree.append(page.map(leafHashOf));
  }
  if (size > start) await options.onGrown?.(size);
  return size;
}

/** Catches up, then grows the tree as events are appended, until `signal` aborts (like the projector). */
export async function followStore(
  tree: MerkleTree,
  store: EventStore,
  signal: AbortSignal,
  options: FollowOptions = {},
): Promise<void> {
  let size = await catchUpTree(tree, store, options);
  if (signal.aborted) return;
  const subscription = store.subscribeToAll({ fromPosition: size + 1 });
  const stop = () => void subscription.close();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const event of subscription) {
      if (event.position > size) size = await catchUpTree(tree, store, options);
    }
  } finally {
    signal.removeEventListener('abort', stop);
    await subscription.close();
  }
}
