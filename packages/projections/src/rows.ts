import {
  availableFrom,
  namesOfIndicator,
  parseSeriesKey,
  type Citation,
  type Comparator,
  type DocumentMetadata,
  type EventData,
  type FigureKind,
  type FigureStatus,
} from '@ledger/domain';
import type { Insertable, Selectable } from 'kysely';
import type { ReadModelDatabase } from './schema.ts';
import type { AuditEntry, DocumentView, FigureView, SeriesSummary, Track } from './read-model-types.ts';

type Row<T extends keyof ReadModelDatabase> = Selectable<ReadModelDatabase[T]>;
export type SeriesReported = EventData<'FigureReported'>['series'];

/** A recorded event as the projector keeps it: the audit trail, and the map from record time to position. */
export interface AppliedEvent {
  position: number;
  eventId: string;
  type: string;
  stream: string;
  recordedAt: string;
  hash: string;
  figureId: string | null;
  reason: string | null;
}

export type DocumentRecord = Omit<DocumentView, 'figureCount'>;

export function figureToRow(f: FigureView): Insertable<ReadModelDatabase['figures']> {
  return {
    figure_id: f.figureId,
    series_key: f.seriesKey,
    period: f.period,
    track: f.track,
    value: f.value,
    unit: f.unit,
    base_value: f.baseValue,
    comparator: f.comparator,
    status: f.status,
    number_as_written: f.numberAsWritten,
    document_id: f.documentId,
    published: f.published,
    available_from: f.availableFrom,
    citations: JSON.stringify(f.citations),
    position: f.position,
    recorded_at: f.recordedAt,
    standing: f.standing,
    supersedes: f.supersedes,
    superseded_by: f.supersededBy,
    ended_at_position: f.endedAtPosition,
    reason: f.reason,
  };
}

export function figureFromRow(r: Row<'figures'>): FigureView {
  return {
    figureId: r.figure_id,
    seriesKey: r.series_key,
    period: r.period,
    track: r.track as Track,
    value: r.value,
    unit: r.unit,
    baseValue: r.base_value,
    comparator: r.comparator as Comparator,
    status: r.status as FigureStatus,
    numberAsWritten: r.number_as_written,
    documentId: r.document_id,
    published: r.published,
    availableFrom: r.available_from,
    citations: JSON.parse(r.citations) as Citation[],
    position: r.position,
    recordedAt: r.recorded_at,
    standing: r.standing as FigureView['standing'],
    supersedes: r.supersedes,
    supersededBy: r.superseded_by,
    endedAtPosition: r.ended_at_position,
    reason: r.reason,
  };
}

export function documentToRow(d: DocumentRecord): Row<'documents'> {
  return {
    document_id: d.documentId,
    file_name: d.fileName,
    title: d.title,
    kind: d.kind,
    publisher: d.publisher,
    speaker: d.speaker,
    region_code: d.regionCode,
    published: d.published,
    available_from: d.availableFrom,
    period_covered: d.periodCovered,
    sha256: d.sha256,
    position: d.position,
  };
}

export function documentFromRow(r: Row<'documents'> & { figure_count: number | string | bigint | null }): DocumentView {
  return {
    documentId: r.document_id,
    fileName: r.file_name,
    title: r.title,
    kind: r.kind,
    publisher: r.publisher,
    speaker: r.speaker,
    regionCode: r.region_code,
    published: r.published,
    availableFrom: r.available_from,
    periodCovered: r.period_covered,
    sha256: r.sha256,
    position: r.position,
    figureCount: Number(r.figure_count ?? 0),
  };
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
  return {
    series_key: seriesKey,
    subject_type: s.subject.type,
    region_code: s.subject.type === 'region' ? s.subject.code : s.subject.regionCode,
    entity_name: entityName,
    indicator_code: s.indicatorCode,
    indicator_name: s.indicatorName,
    kind: s.kind,
    unit_base: s.unitBase,
    search_text: [...namesOfIndicator(s.indicatorCode), ...(entityName === null ? [] : [entityName])]
      .join('\n')
      .toLowerCase(),
  };
}

export function seriesFromRow(
  r: Row<'series'> & { observation_count: number | string | bigint | null },
): SeriesSummary {
  return {
    seriesKey: r.series_key,
    subject: parseSeriesKey(r.series_key).subject,
    indicatorCode: r.indicator_code,
    indicatorName: r.indicator_name,
    indicatorNames: [...namesOfIndicator(r.indicator_code)],
    kind: r.kind as FigureKind,
    unitBase: r.unit_base,
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
  return {
    series_key: o.seriesKey,
    period: o.period,
    track: o.track,
    conflicting: o.conflicting ? 1 : 0,
    best_figure_id: o.best.figureId,
  };
}

export function appliedEventToRow(e: AppliedEvent): Row<'applied_events'> {
  return {
    position: e.position,
    event_id: e.eventId,
    type: e.type,
    stream: e.stream,
    recorded_at: e.recordedAt,
    hash: e.hash,
    figure_id: e.figureId,
    reason: e.reason,
  };
}

/** An audit entry; a report or correction cites what its figure cites, a retraction cites nothing. */
export function auditEntryFromRow(r: Row<'applied_events'>, citations: Citation[]): AuditEntry {
  return {
    position: r.position,
    eventId: r.event_id,
    type: r.type as AuditEntry['type'],
    stream: r.stream,
    recordedAt: r.recorded_at,
    hash: r.hash,
    figureId: r.figure_id!,
    reason: r.reason,
    citations: r.type === 'FigureRetracted' ? [] : citations,
  };
}
