import {
  availableFrom,
  namesOfIndicator,
  parseSeriesKey,
  type Citation,
  type DocumentMetadata,
  type EventData,
  type FigureKind,
} from '@ledger/domain';
import type { Insertable, Selectable } from 'kysely';
import { rowMapping } from './columns.ts';
import type { ReadModelDatabase } from './schema.ts';
import {
  appliedEventColumns,
  documentColumns,
  figureColumns,
  observationColumns,
  seriesColumns,
  type AppliedEventFields,
  type DocumentFields,
} from './tables.ts';
import type { AuditEntry, DocumentView, FigureView, SeriesSummary, Track } from './read-model-types.ts';

type Row<T extends keyof ReadModelDatabase> = Selectable<ReadModelDatabase[T]>;
export type SeriesReported = EventData<'FigureReported'>['series'];

/** A recorded event as the projector keeps it: the audit trail, and the map from record time to position. */
export type AppliedEvent = AppliedEventFields;

export type DocumentRecord = DocumentFields;

/** The row mappings, generated from the declared columns (tables.ts). */
export const figureRows = rowMapping(figureColumns);
const documentRows = rowMapping(documentColumns);
const seriesRows = rowMapping(seriesColumns);
const observationRows = rowMapping(observationColumns);
const appliedEventRows = rowMapping(appliedEventColumns);

export const figureToRow: (f: FigureView) => Insertable<ReadModelDatabase['figures']> = figureRows.toRow;
export const figureFromRow: (r: Row<'figures'>) => FigureView = figureRows.fromRow;
export const documentToRow: (d: DocumentRecord) => Row<'documents'> = documentRows.toRow;

export function documentFromRow(r: Row<'documents'> & { figure_count: number | string | bigint | null }): DocumentView {
  return { ...documentRows.fromRow(r), figureCount: Number(r.figure_count ?? 0) };
}

export function documentRecordOf(d: DocumentMetadata, position: number): DocumentRecord {
  return {
    documentId: d.documentId,
    fileName: d.fileName,
    title: d.title,
    kind: d.kind,
    publisher: d.publisher,
    speaker: d.speaker ?? null,
    regionCode: d.regionCode,
    published: d.published,
    availableFrom: availableFrom(d.published),
    periodCovered: d.periodCovered,
    sha256: d.sha256,
    position,
  };
}

export function seriesToRow(seriesKey: string, s: SeriesReported): Row<'series'> {
  const entityName = s.subject.type === 'entity' ? s.subject.name : null;
  return seriesRows.toRow({
    seriesKey,
    subjectType: s.subject.type,
    regionCode: s.subject.type === 'region' ? s.subject.code : s.subject.regionCode,
    entityName,
    indicatorCode: s.indicatorCode,
    indicatorName: s.indicatorName,
    kind: s.kind,
    unitBase: s.unitBase,
    searchText: [...namesOfIndicator(s.indicatorCode), ...(entityName === null ? [] : [entityName])]
      .join('\n')
      .toLowerCase(),
  });
}

export function seriesFromRow(
  r: Row<'series'> & { observation_count: number | string | bigint | null },
): SeriesSummary {
  const series = seriesRows.fromRow(r);
  return {
    seriesKey: series.seriesKey,
    subject: parseSeriesKey(series.seriesKey).subject,
    indicatorCode: series.indicatorCode,
    indicatorName: series.indicatorName,
    indicatorNames: [...namesOfIndicator(series.indicatorCode)],
    kind: series.kind as FigureKind,
    unitBase: series.unitBase,
    observationCount: Number(r.observation_count ?? 0),
  };
}

export function observationToRow(o: {
  seriesKey: string;
  period: string;
  track: Track;
  conflicting: boolean;
  best: { figureId: string };
}): Row<'observations'> {
  return observationRows.toRow({
    seriesKey: o.seriesKey,
    period: o.period,
    track: o.track,
    conflicting: o.conflicting ? 1 : 0,
    bestFigureId: o.best.figureId,
  });
}

export const appliedEventToRow: (e: AppliedEvent) => Row<'applied_events'> = appliedEventRows.toRow;

/** An audit entry; a report or correction cites what its figure cites, a retraction cites nothing. */
export function auditEntryFromRow(r: Row<'applied_events'>, citations: Citation[]): AuditEntry {
  const event = appliedEventRows.fromRow(r);
  return {
    ...event,
    type: event.type as AuditEntry['type'],
    figureId: event.figureId!,
    citations: event.type === 'FigureRetracted' ? [] : citations,
  };
}
