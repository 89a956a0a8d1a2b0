import type { EventStore } from '@ledger/event-store';
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

/** Large: every commit rewrites the index pages it touched, so fewer, bigger transactions write far less. */
const DEFAULT_BATCH = 20_000;

export function createProjector(db: ReadModelDb, options: ProjectorOptions = {}): Projector {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;

  async function catchUp(store: EventStore): Promise<number> {
    let checkpoint = await readCheckpoint(db);
    for (;;) {
      const page = await store.readAll({ fromPosition: checkpoint + 1, maxCount: batchSize });
      if (page.length === 0) return checkpoint;
      checkpoint = await db.transaction().execute((trx) => applyBatch(trx, page, options.beforeCheckpoint));
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
