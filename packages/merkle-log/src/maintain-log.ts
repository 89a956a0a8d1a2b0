import { parseCheckpoint, parseNote } from '@ledger/log-verifier';
import { catchUpTree, followStore } from './follow-store.ts';
import type { LeafSource } from './leaf-source.ts';
import type { VerifiableLog } from './open-configured.ts';

export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  note: string;
}

export interface MaintainLogOptions {
  log: Pick<VerifiableLog, 'tree' | 'checkpointer'>;
  /** Where the chain hashes and the head are read (the log's own leaf source, or the event store). */
  source: LeafSource;
  signal: AbortSignal;
  /** Leaves per storage transaction. */
  batchSize?: number;
  onReady?: (treeSize: number) => void;
  onSigned?: (checkpoint: SignedCheckpoint) => void;
}

/**
 * Keeps the log up with the store: catches up, signs a checkpoint, calls `onReady`, then grows the tree as events
 * arrive and signs after each growth, until `signal` aborts. One writer at a time (see startLogFollower). A crash
 * loses nothing: nodes and the tree size are committed together, so the next run resumes from the stored tree.
 */
export async function maintainLog(options: MaintainLogOptions): Promise<void> {
  const { log, source, signal } = options;
  const sign = async () => {
    const note = await log.checkpointer.signLatest();
    const { origin, treeSize } = parseCheckpoint(parseNote(note).text);
    options.onSigned?.({ origin, treeSize, note });
  };
  const batch = options.batchSize === undefined ? {} : { batchSize: options.batchSize };
  const treeSize = await catchUpTree(log.tree, source, batch);
  await sign();
  options.onReady?.(treeSize);
  await followStore(log.tree, source, signal, { ...batch, onGrown: sign });
}
