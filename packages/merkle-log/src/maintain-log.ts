import type { EventStore } from '@ledger/event-store';
import { parseCheckpoint, parseNote } from '@ledger/log-verifier';
import { catchUpTree, followStore } from './follow-store.ts';
import type { VerifiableLog } from './open-configured.ts';

export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  note: string;
}

/**
 * Keeps the log up with the store: catches up, signs a checkpoint, calls `onReady`, then grows the tree as events
 * arrive and signs after each growth, until `signal` aborts. Runs wherever the projector runs, one writer at a time.
 */
export async function maintainLog(options: {
  log: Pick<VerifiableLog, 'tree' | 'checkpointer' | 'leafSource'>;
  store: EventStore;
  signal: AbortSignal;
  onReady?: (treeSize: number) => void;
  onSigned?: (checkpoint: SignedCheckpoint) => void;
}): Promise<void> {
  const { log, store, signal } = options;
  const sign = async () => {
    const note = await log.checkpointer.signLatest();
    const { origin, treeSize } = parseCheckpoint(parseNote(note).text);
    options.onSigned?.({ origin, treeSize, note });
  };
  const source = log.leafSource ?? undefined;
  const treeSize = await catchUpTree(log.tree, store, { ...(source && { source }) });
  await sign();
  options.onReady?.(treeSize);
  await followStore(log.tree, store, signal, { onGrown: sign, ...(source && { source }) });
}
