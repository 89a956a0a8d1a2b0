export type * from './read-model-types.ts';
export { openSqliteReadModels, openPostgresReadModels, type ReadModels } from './read-models.ts';
export type { Projector, ProjectorOptions } from './projector.ts';
export { ProjectionFailedError } from './projector.ts';
export { replay, figureStep, type Replay, type FigureLookup, type FigureStep } from './figure-fold.ts';
export {
  bestOf,
  compareForBest,
  observationOf,
  observationsOf,
  differences,
  isConflicting,
  distinctReadings,
} from './observation.ts';
export { supersededFromDates, vintagesOf } from './vintages.ts';
export { publishedByDay } from './point-in-time.ts';
export { nodeSqliteDialect } from './node-sqlite-dialect.ts';
export { openConfiguredReadModels } from './open-configured.ts';
export { observationKeyOf, type ObservationOutbox, type ObservationValue, type OutboxEntry } from './outbox.ts';
export {
  revisionsOf,
  type SeriesRevisions,
  type ObservationRevisions,
  type Revision,
  type RevisionValue,
  type TargetAttainment,
} from './revisions.ts';
