import type { CheckpointStore } from './checkpoint.ts';

/**
 * How often the events' checkpoint is written while sends are acknowledged. Written after every send, a thousandth of
 * the writes synced the file to disk and held up the relay's one thread, for 100 ms on a busy disk; a crash now
 * re-publishes at most this long's events, which delivery at least once allows.
 */
const CHECKPOINT_EVERY_MS = 1_000;

export interface CheckpointSaver {
  /** A send was acknowledged: the position is written now if the last write is old enough, else soon after. */
  published(): Promise<void>;
  /** Writes what is left. */
  close(): Promise<void>;
}

/**
 * Writes the published position to the checkpoint at most every `everyMs`, and what is left when closed; one write at
 * a time, so an older position never lands after a newer one.
 */
export function checkpointSaver(
  checkpoint: CheckpointStore,
  published: () => number,
  { everyMs = CHECKPOINT_EVERY_MS, onError }: { everyMs?: number; onError: (error: unknown) => void },
): CheckpointSaver {
  let saved = published();
  let lastSaveAt = -Infinity;
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const save = () =>
    (writing = writing.then(async () => {
      clearTimeout(timer);
      timer = undefined;
      const position = published();
      if (position === saved) return;
      lastSaveAt = performance.now();
      await checkpoint.save(position);
      saved = position;
    }));
  return {
    published() {
      const since = performance.now() - lastSaveAt;
      if (since >= everyMs) return save();
      timer ??= setTimeout(() => save().catch(onError), everyMs - since).unref();
      return Promise.resolve();
    },
    close: () => save(),
  };
}
