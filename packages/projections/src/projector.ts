import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { applyBatch } from './apply-batch.ts';
import { rebuildReadModels } from './rebuild.ts';
import { readCheckpoint, type ReadModelDb } from './schema.ts';

export interface ProjectorOptions {
  /** Events read and applied per transaction (a rebuild reads pages of this size, in one transaction). */
  batchSize?: number;
  /** Runs inside each batch's (or the rebuild's) transaction after the read-model writes, before the checkpoint moves: a seam for crash tests. */
  beforeCheckpoint?: () => void | Promise<void>;
}

export interface Projector {
  /** Applies every event after the checkpoint; resolves to the new checkpoint. */
  catchUp(store: EventStore): Promise<number>;
  /** Catches up, then applies new events as they are appended, until `signal` aborts. */
  follow(store: EventStore, signal?: AbortSignal): Promise<void>;
  /**
   * Drops and recreates every read model and replays the store from its start, in one transaction, so a crash leaves
   * them as before. Readers see the old answers until it commits on SQLite (WAL); on PostgreSQL, whose DROP TABLE
   * locks the tables, they wait for the commit: rebuild while the API is drained, or into a database of its own.
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

export function createProjector(db: ReadModelDb, options: ProjectorOptions = {}): Projector {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;

  async function catchUp(store: EventStore): Promise<number> {
    let checkpoint = await readCheckpoint(db);
    for (;;) {
      const page = await store.readAll({ fromPosition: checkpoint + 1, maxCount: batchSize });
      if (page.length === 0) return checkpoint;
      checkpoint = await applyPage(page);
    }
  }

  async function applyPage(page: readonly RecordedEvent[]): Promise<number> {
    try {
      return await db.transaction().execute((trx) => applyBatch(trx, page, options.beforeCheckpoint));
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
    } finally {
      signal?.removeEventListener('abort', stop);
      await subscription.close();
    }
  }

  const rebuild = (store: EventStore) =>
    rebuildReadModels(db, store, { pageSize: batchSize, beforeCheckpoint: options.beforeCheckpoint });

  return { catchUp, follow, rebuild };
}
