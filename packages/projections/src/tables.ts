import type { Citation, Comparator, FigureStatus } from '@ledger/domain';
import { bigint, integer, json, nullable, primaryKey, text, type RowOf, type ValueOf } from './columns.ts';

/**
 * The columns of the read-model tables, each declared once (see columns.ts): the stored rows, the tables' creation
 * and what the read models answer all come from these lists. Text and bigint columns only, flags as 0/1 integers
 * (node:sqlite cannot bind booleans), citations as JSON text. The order is the stored column order.
 */

/** Targets are kept apart from results (actuals and estimates) of the same period. */
export type Track = 'result' | 'target';

export const documentColumns = {
  documentId: primaryKey(text()),
  fileName: text(),
  title: text(),
  kind: text(),
  publisher: text(),
  speaker: nullable(text()),
  regionCode: text(),
  published: text(),
  availableFrom: text(),
  periodCovered: text(),
  sha256: text(),
  position: bigint(),
};

export const seriesColumns = {
  seriesKey: text(),
  subjectType: text(),
  /** The region's code, or the region an entity is located in: what a region search matches. */
  regionCode: text(),
  entityName: nullable(text()),
  indicatorCode: text(),
  indicatorName: text(),
  kind: text(),
  unitBase: text(),
  /** Indicator names, synonyms and the entity name, lower-cased, for substring search. */
  searchText: text(),
};

/**
 * One report of a value: a FigureReported or FigureCorrected event, and how it stands now. Three times stay apart:
 * the reference `period`, the publication date of its source (`published` as known, `availableFrom` the end of that
 * interval), and the record `position`/`recordedAt` at which the ledger appended the event.
 */
export const figureColumns = {
  figureId: text(),
  seriesKey: text(),
  period: text(),
  track: text<Track>(),
  value: text(),
  unit: text(),
  /** The value in the series' base unit (亿元 → 元), exact. */
  baseValue: text(),
  comparator: text<Comparator>(),
  status: text<FigureStatus>(),
  numberAsWritten: nullable(text()),
  documentId: text(),
  published: text(),
  availableFrom: text(),
  citations: json<Citation[]>(),
  position: bigint(),
  recordedAt: text(),
  /** active; superseded by a correction (`supersededBy`); or retracted. */
  standing: text<'active' | 'superseded' | 'retracted'>(),
  supersedes: nullable(text()),
  supersededBy: nullable(text()),
  /** The position of the correction or retraction that ended this figure, if any. */
  endedAtPosition: nullable(bigint()),
  reason: nullable(text()),
};

/** Every observation with a standing figure, and whether its sources disagree. */
export const observationColumns = {
  seriesKey: text(),
  period: text(),
  track: text<Track>(),
  conflicting: integer(),
  bestFigureId: text(),
};

/**
 * Every applied event, for the audit trail and for mapping a record time to a position. A figure row holds the
 * positions of the events that created and ended it, so the trail needs no index of its own here.
 */
export const appliedEventColumns = {
  position: primaryKey(bigint()),
  eventId: text(),
  type: text(),
  stream: text(),
  recordedAt: text(),
  hash: text(),
  /** The figure the event created or retracted. */
  figureId: nullable(text()),
  reason: nullable(text()),
};

/** The tables whose columns are declared here. */
export const READ_MODEL_COLUMNS = {
  documents: documentColumns,
  series: seriesColumns,
  figures: figureColumns,
  observations: observationColumns,
  applied_events: appliedEventColumns,
};

export type DocumentRow = RowOf<typeof documentColumns>;
export type SeriesRow = RowOf<typeof seriesColumns>;
export type FigureRow = RowOf<typeof figureColumns>;
export type ObservationRow = RowOf<typeof observationColumns>;
export type AppliedEventRow = RowOf<typeof appliedEventColumns>;

export type FigureFields = ValueOf<typeof figureColumns>;
export type DocumentFields = ValueOf<typeof documentColumns>;
export type AppliedEventFields = ValueOf<typeof appliedEventColumns>;
