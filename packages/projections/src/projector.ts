import { UnreadableEventError, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { readModelProjection } from './read-model-projection.ts';
import { readProjectionState, rebuildBeside } from './rebuild-beside.ts';
import { readCheckpoint, type ReadModelDb } from './schema.ts';
import { outboxOfSwap } from './swap-outbox.ts';

export interface ProjectorOptions {
  /** Events read and applied per transaction (a rebuild too): what the projector holds in memory. */
  batchSize?: number;
  /** Runs inside each batch's transaction after the read-model writes, before the checkpoint moves: a seam for crash tests. */
  beforeCheckpoint?: () => void | Promise<void>;
  /** Runs inside a rebuild's swap transaction before it commits: a seam for crash tests. */
  beforeSwap?: () => void | Promise<void>;
  /** Told the new checkpoint after each batch commits: readers of the read models now see it. */
  onApplied?: (position: number) => void;
  /** Runs a rebuild, for settings it alone needs (SQLite: a larger page cache for its sorts). */
  rebuildWith?: <T>(rebuild: () => Promise<T>) => Promise<T>;
}

export interface Projector {
  /**
   * Applies every event after the checkpoint; resolves to the new checkpoint. When the database holds another version
   * of the read models than this code writes, rebuilds them first (beside the old ones, which readers keep using).
   */
  catchUp(store: EventStore): Promise<number>;
  /** Catches up, then applies new events as they are appended, until `signal` aborts. */
  follow(store: EventStore, signal?: AbortSignal): Promise<void>;
  /**
   * Rebuilds every read model from the store's start into new tables beside the live ones, a batch per transaction,
   * then swaps them in in one transaction: readers answer from the old tables until then, and a crash leaves them
   * so (the next rebuild resumes the built tables from their own checkpoint).
   */
  rebuild(store: EventStore): Promise<number>;
}

/** An event the read models cannot take: the projector stops at it, and says where and why. */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
  /** The position of the first event that could not be applied; every event before it is applied. */
  readonly position: number;
  constructor(position: number, cause: unknown) {
    super(`cannot apply the event at position ${position}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.position = position;
  }
}

/** Large: every commit rewrites the index pages it touched, so fewer, bigger transactions write far less. */
const DEFAULT_BATCH = 20_000;

/** How often a projector following the log looks whether another version of the tables has been put in place. */
const VERSION_CHECK_MS = 1_000;

export function createProjector(db: ReadModelDb, options: ProjectorOptions = {}): Projector {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const projection = readModelProjection;

  async function rebuild(store: EventStore): Promise<number> {
    const before = await readProjectionState(db, projection.name);
    const run = () =>
      rebuildBeside(db, projection, store, {
        pageSize: batchSize,
        beforeCheckpoint: options.beforeCheckpoint,
        beforeSwap: options.beforeSwap,
        // Tables of version 1 name no best figure: all of theirs go out again.
        onSwap: (live, built, position) => outboxOfSwap(live, built, position, (before?.version ?? 0) >= 2),
      });
    return options.rebuildWith ? options.rebuildWith(run) : run();
  }

  // When the tables' version was last found to be this code's: a projector following the log catches up hundreds of
  // times a second, and looking again each time cost a query per catch-up.
  let versionCheckedAt = -Infinity;

  async function catchUp(store: EventStore): Promise<number> {
    if (performance.now() - versionCheckedAt >= VERSION_CHECK_MS) {
      if ((await readProjectionState(db, projection.name))?.version !== projection.version) await rebuild(store);
      versionCheckedAt = performance.now();
    }
    let checkpoint = await readCheckpoint(db);
    for (;;) {
      const page = await readPage(store, checkpoint);
      if (page.length === 0) return checkpoint;
      checkpoint = await applyPage(page);
      options.onApplied?.(checkpoint);
      // A short page was the end of the log when it was read: reading again would find nothing, or an event whose
      // append wakes the caller anyway.
      if (page.length < batchSize) return checkpoint;
    }
  }

  /**
   * The next page after the checkpoint. An event no reader can take (its upcast fails) stops the projector there, like
   * one it cannot apply: the events before it are applied first, so the checkpoint names the last good one.
   */
  async function readPage(store: EventStore, checkpoint: number): Promise<RecordedEvent[]> {
    try {
      return await store.readAll({ fromPosition: checkpoint + 1, maxCount: batchSize });
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      const before = error.position - checkpoint - 1;
      if (before > 0) await applyPage(await store.readAll({ fromPosition: checkpoint + 1, maxCount: before }));
      throw new ProjectionFailedError(error.position, error.cause);
    }
  }

  async function applyPage(page: readonly RecordedEvent[]): Promise<number> {
    try {
      return await db
        .transaction()
        .execute((trx) => projection.handle(trx, page, { outbox: true, beforeCheckpoint: options.beforeCheckpoint }));
    } catch (error) {
      if (page.length === 1) throw new ProjectionFailedError(page[0]!.position, error);
      // A batch fails as a whole: apply its events one at a time, up to the one that fails, to name it exactly.
      let checkpoint = page[0]!.position - 1;
      for (const event of page) checkpoint = await applyPage([event]);
      return checkpoint;
    }
  }

  async function follow(store: EventStore, signal?: AbortSignal): Promise<void> {
    let checkpoint = await catchUp(store);
    if (signal?.aborted) return;
    // The subscription only says that events arrived; catching up applies whatever is there by then in batches.
    const subscription = store.subscribeToAll({ fromPosition: checkpoint + 1 });
    const stop = () => void subscription.close();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const event of subscription) {
        if (event.position > checkpoint) checkpoint = await catchUp(store);
      }
    } catch (error) {
      // The live stream cannot read an event either: catching up applies what comes before it and names it.
      if (error instanceof UnreadableEventError) await catchUp(store);
      throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
      await subscription.close();
    }
  }

  return { catchUp, follow, rebuild };
}
