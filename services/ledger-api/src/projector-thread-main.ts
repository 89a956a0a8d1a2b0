// The embedded projector's worker thread (started by startProjectorThread): its own connections, its own event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openLedgerEventStore } from '@ledger/ledger-commands';
import { openConfiguredReadModels, ProjectionFailedError } from '@ledger/projections';
import type { FromProjector, ProjectorThreadData, ToProjector } from './projector-thread.ts';
import { beginCatchUp, mayWait } from './projector-wake.ts';

/** Appends by other processes (a restored backup, a second writer) wake no one here: they are looked for this often. */
const LOOK_EVERY_MS = 100;

const { config, wake: appendedState } = workerData as ProjectorThreadData;
const port = parentPort!;
const post = (message: FromProjector) => port.postMessage(message);
let stopping = false;
// Woken while catching up: look again at once, since the batch read may have missed that append.
let woken = false;
let wake: () => void = () => void (woken = true);
port.on('message', (message: ToProjector) => {
  if (message.type === 'stop') stopping = true;
  wake();
});

/**
 * Resolves when woken (an append here, a stop) or after `ms`. A plain callback: a signal combined per wait with
 * `AbortSignal.any` stays referenced by the long-lived one, and at hundreds of wakes a second that grew the heap.
 */
function wakeOrAfter(ms: number): Promise<void> {
  if (woken) {
    woken = false;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => wake(), ms);
    wake = () => {
      clearTimeout(timer);
      wake = () => void (woken = true);
      resolve();
    };
  });
}

// It only reads the log, in order.
const store = await openLedgerEventStore(config, { readsInOrder: true });
const readModels = await openConfiguredReadModels(config, {
  onApplied: (position) => post({ type: 'applied', position }),
});
try {
  post({ type: 'caught-up', checkpoint: await readModels.projector.catchUp(store) });
  while (!stopping) {
    // Waits unless this process appended while it caught up; woken by its appends, by a stop, or after a while.
    if (mayWait(appendedState)) await wakeOrAfter(LOOK_EVERY_MS);
    if (stopping) break;
    beginCatchUp(appendedState);
    await readModels.projector.catchUp(store);
  }
  post({ type: 'stopped' });
} catch (error) {
  post(
    error instanceof ProjectionFailedError
      ? { type: 'failed', position: error.position, message: (error.cause as Error)?.message ?? String(error.cause) }
      : { type: 'failed', message: (error as Error)?.message ?? String(error) },
  );
} finally {
  await readModels.close();
  await store.close();
  port.close();
}
