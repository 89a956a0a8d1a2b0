import type { LedgerEventType } from '@ledger/domain';
import { applyBatch } from './apply-batch.ts';
import { clusterFigures, loadPage, settleAllObservations } from './bulk-load.ts';
import { READ_MODEL_TABLES, readModelIndexes, readModelTables, type ReadModelDatabase } from './schema.ts';
import type { ProjectionDefinition } from './projection-definition.ts';

/**
 * The ledger's read models as one projection. Version 1: the tables before the outbox (no best figure per
 * observation). Version 2: observations name their best figure, and changes go to the outbox. Version 3: figures are
 * indexed by document and position, for reading a document's figures a page at a time.
 */
export const readModelProjection: ProjectionDefinition<ReadModelDatabase> = {
  name: 'read-models',
  version: 3,
  canHandle: ['DocumentRegistered', 'FigureReported', 'FigureCorrected', 'FigureRetracted'] satisfies LedgerEventType[],
  tables: READ_MODEL_TABLES,
  createTables: readModelTables,
  createIndexes: readModelIndexes,
  handle: applyBatch,
  bulk: { load: loadPage, cluster: clusterFigures, finish: settleAllObservations },
};
