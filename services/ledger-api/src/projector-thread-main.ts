// The embedded projector's worker thread (started by startProjectorThread): its own connections, its own event loop.
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { LedgerConfig } from '@ledger/config';
import { openLedgerEventStore } from '@ledger/ledger-commands';
import { openConfiguredReadModels, ProjectionFailedError } from '@ledger/projections';
import type { FromProjector, ToProjector } from './projector-thread.ts';

/** Appends by other processes (a restored backup, a second writer) wake no one here: they are looked for this often. */
const LOOK_EVERY_MS = 100;

const config = workerData as LedgerConfig;
const port = parentPort!;
const post = (message: FromProjector) => port.postMessage(message);
const stopping = new AbortController();
let wake = new AbortController();
port.on('message', (message: ToProjector) => {
  if (message.type === 'stop') stopping.abort();
  else wake.abort();
});

// It only reads the log, in order.
const store = await openLedgerEventStore(config, { readsInOrder: true });
const readModels = await openConfiguredReadModels(config, {
  onApplied: (position) => post({ type: 'applied', position }),
});
try {
  post({ type: 'caught-up', checkpoint: await readModels.projector.catchUp(store) });
  while (!stopping.signal.aborted) {
    // Woken by this process's appends, by a stop, or after a while in any case.
    await sleep(LOOK_EVERY_MS, undefined, { signal: AbortSignal.any([wake.signal, stopping.signal]) }).catch(() => {});
    if (stopping.signal.aborted) break;
    wake = new AbortController();
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
