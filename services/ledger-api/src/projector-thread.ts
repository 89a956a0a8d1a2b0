import { Worker } from 'node:worker_threads';
import type { LedgerConfig } from '@ledger/config';
import type { LedgerCommands } from '@ledger/ledger-commands';
import { ProjectionFailedError } from '@ledger/projections';
import { createProjectorWake, markAppended, type ProjectorWake } from './projector-wake.ts';

/** What the API tells the projector's thread. */
export type ToProjector = { type: 'stop' } | { type: 'appended' };

/** What the projector's thread tells the API. */
export type FromProjector =
  | { type: 'caught-up'; checkpoint: number }
  | { type: 'applied'; position: number }
  | { type: 'failed'; position?: number; message: string }
  | { type: 'stopped' };

/** What the projector's thread starts with. */
export interface ProjectorThreadData {
  config: LedgerConfig;
  wake: ProjectorWake;
}

/** How long a write waits for the read models to show it before it is answered anyway. */
const PROJECTED_WAIT_MS = 5_000;

export interface ProjectorThread {
  /** Resolves once the thread stopped after `signal`; rejects with the error that stopped it otherwise. */
  done: Promise<void>;
  /** Wakes the thread: this process appended events. */
  appended(): void;
  /**
   * Resolves once the read models hold `position`: at once while they are still catching up or once the projector
   * stopped, and after PROJECTED_WAIT_MS in any case.
   */
  projected(position: number): Promise<void>;
}

/**
 * The embedded projector on a worker thread with its own connections to the stores: applying a batch (synchronous
 * SQLite calls, milliseconds for a hundred figures) never holds up the event loop that serves requests, and runs on
 * another core meanwhile. A ProjectionFailedError from the thread names the event it could not apply.
 */
export function startProjectorThread(options: {
  config: LedgerConfig;
  signal: AbortSignal;
  onCaughtUp: (checkpoint: number) => void;
}): ProjectorThread {
  const { config, signal, onCaughtUp } = options;
  // The heap limit the projector service runs with (infra/README.md): V8 would otherwise grow it lazily.
  const wake = createProjectorWake();
  const worker = new Worker(new URL('./projector-thread-main.ts', import.meta.url), {
    workerData: { config, wake } satisfies ProjectorThreadData,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  let caughtUp = false;
  let applied = 0;
  let ending: FromProjector | undefined;
  const waiters = new Set<{ position: number; resolve: () => void }>();
  const release = (all: boolean) => {
    for (const waiter of waiters)
      if (all || waiter.position <= applied) {
        waiters.delete(waiter);
        waiter.resolve();
      }
  };
  worker.on('message', (message: FromProjector) => {
    if (message.type === 'caught-up') {
      caughtUp = true;
      applied = Math.max(applied, message.checkpoint);
      onCaughtUp(message.checkpoint);
    } else if (message.type === 'applied') applied = Math.max(applied, message.position);
    else ending = message;
    release(ending !== undefined);
  });
  const send = (message: ToProjector) => worker.postMessage(message);
  const stop = () => send({ type: 'stop' });
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  const done = new Promise<void>((resolve, reject) => {
    worker.once('error', (error) => {
      ending ??= { type: 'failed', message: error.message };
      reject(error);
    });
    worker.once('exit', (code) => {
      signal.removeEventListener('abort', stop);
      release(true);
      if (ending?.type === 'stopped') resolve();
      else if (ending?.type === 'failed')
        reject(
          ending.position === undefined
            ? new Error(ending.message)
            : new ProjectionFailedError(ending.position, new Error(ending.message)),
        );
      else reject(new Error(`the projector thread exited (code ${code}) without being stopped`));
    });
  });
  return {
    done,
    appended() {
      if (markAppended(wake)) send({ type: 'appended' });
    },
    projected(position) {
      if (!caughtUp || ending || position <= applied) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const waiter = { position, resolve };
        waiters.add(waiter);
        setTimeout(() => waiters.delete(waiter) && resolve(), PROJECTED_WAIT_MS).unref();
      });
    },
  };
}

/**
 * Commands answered once the read models show what they appended, as when the projector ran on the thread that
 * answers: a client that writes and then reads finds its write.
 */
export function answeredWhenProjected(commands: LedgerCommands, thread: ProjectorThread): LedgerCommands {
  const shown = async (positions: ReadonlyArray<number | undefined>) => {
    const last = Math.max(0, ...positions.map((position) => position ?? 0));
    if (last === 0) return;
    thread.appended();
    await thread.projected(last);
  };
  return {
    ...commands,
    async execute(command, options) {
      const result = await commands.execute(command, options);
      await shown([result.position]);
      return result;
    },
    async executeAll(inputs, options) {
      const results = await commands.executeAll(inputs, options);
      await shown(results.map((result) => result.position));
      return results;
    },
  };
}
