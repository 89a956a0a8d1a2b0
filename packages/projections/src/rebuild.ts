import type { EventStore } from '@ledger/event-store';
import { createFold, settleObservations } from './batch.ts';
import { insertRows } from './insert-rows.ts';
import { appliedEventToRow, documentToRow, figureToRow, observationToRow, seriesToRow } from './rows.ts';
import { dropReadModelTables, executeAll, readModelIndexes, readModelTables, type ReadModelDb } from './schema.ts';

export interface RebuildOptions {
  /** Events read per page. */
  pageSize: number;
  /** Runs after every read-model write, before the checkpoint is written: a seam for crash tests. */
  beforeCheckpoint?: () => void | Promise<void>;
}

/**
 * Rebuilds every read model from position 0 in one transaction, so until it commits the read models stay as they
 * were, and a crash leaves them so (their checkpoint with them). The whole history is folded in memory by the same
 * fold as incremental batches, from nothing stored; each row is then appended once to tables with no index but their
 * position or document key, and every other index (the keys of series, figures and observations too) is built
 * afterwards by one sort: writing into indexes in random key order, and rewriting their pages at every commit, was
 * most of an incremental rebuild's time.
 */
export async function rebuildReadModels(db: ReadModelDb, store: EventStore, options: RebuildOptions): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await dropReadModelTables(trx);
    await executeAll(trx, readModelTables(trx));
    const fold = createFold({ sources: new Map(), figures: new Map() });
    let position = 0;
    for (;;) {
      const page = await store.readAll({ fromPosition: position + 1, maxCount: options.pageSize });
      if (page.length === 0) break;
      position = page.at(-1)!.position;
      fold.apply(page);
      // Documents and applied events are final once folded, and come in position order: written now, not held.
      await insertRows(trx, 'documents', fold.changes.documents.splice(0), documentToRow);
      await insertRows(trx, 'applied_events', fold.changes.applied.splice(0), appliedEventToRow);
    }

    const { series, figures, touched } = fold.changes;
    await insertRows(trx, 'series', [...series], ([key, reported]) => seriesToRow(key, reported));
    const all = [...figures.values()];
    await insertRows(trx, 'figures', all, figureToRow);
    const { present } = settleObservations(
      touched,
      all.filter((f) => f.standing === 'active'),
    );
    await insertRows(trx, 'observations', present, observationToRow);
    await executeAll(trx, readModelIndexes(trx));

    await options.beforeCheckpoint?.();
    await trx.updateTable('checkpoint').set({ position }).where('id', '=', 1).execute();
    return position;
  });
}
