import { Worker } from 'node:worker_threads';
import type { SignedCheckpoint } from './maintain-log.ts';
import type { LogLocation } from './open-configured.ts';

/** What the follower's thread is given: plain data (a worker receives no functions or connections). */
export interface FollowerThreadData {
  /** Where the nodes live and where the chain hashes are read: the thread opens its own connections to both. */
  location: LogLocation & { events: NonNullable<LogLocation['events']> };
  /** The signing key file (see signing-key.ts). */
  signingKeyFile: string;
  origin: string;
  /** Leaves per storage transaction. */
  batchSize?: number;
}

/** What the thread tells its parent. */
export type FollowerMessage =
  { type: 'ready'; treeSize: number } | { type: 'signed'; checkpoint: SignedCheckpoint } | { type: 'stopped' };

export interface FollowerThreadOptions extends FollowerThreadData {
  /** Stops the thread: it finishes the batch in hand, closes its connections and exits. */
  signal: AbortSignal;
  onReady?: (treeSize: number) => void;
  onSigned?: (checkpoint: SignedCheckpoint) => void;
}

export interface FollowerThread {
  /** Resolves once the thread stopped after `signal`; rejects with the error that stopped it otherwise. */
  done: Promise<void>;
  /** Ends the thread at once, as a crash would (a batch in hand is rolled back, never half-stored). */
  terminate(): Promise<void>;
}

/**
 * Runs maintainLog in a worker thread: hashing, node writes and signing never hold up the event loop that serves
 * appends, and on SQLite (synchronous calls) they run while the writer waits on its fsync. Appends never wait for it.
 */
export function startLogFollowerThread(options: FollowerThreadOptions): FollowerThread {
  const { signal, onReady, onSigned, ...data } = options;
  const worker = new Worker(new URL('./log-follower-thread-main.ts', import.meta.url), {
    workerData: data satisfies FollowerThreadData,
  });
  let stopped = false;
  worker.on('message', (message: FollowerMessage) => {
    if (message.type === 'ready') onReady?.(message.treeSize);
    else if (message.type === 'signed') onSigned?.(message.checkpoint);
    else stopped = true;
  });
  const stop = () => worker.postMessage('stop');
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  const done = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => {
      signal.removeEventListener('abort', stop);
      if (stopped) resolve();
      else reject(new Error(`the merkle log follower thread exited (code ${code}) without being stopped`));
    });
  });
  return {
    done,
    async terminate() {
      await worker.terminate();
    },
  };
}
