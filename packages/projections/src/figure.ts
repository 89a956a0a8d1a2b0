import {
  availableFrom,
  isLedgerEventType,
  resolveUnit,
  shiftDecimal,
  type EventData,
  type FigureStatus,
  type LedgerEvent,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { FigureView, Track } from './read-model-types.ts';

export type FigureEventData = EventData<'FigureReported'> | EventData<'FigureCorrected'>;

/** When a source became public: as known, and the end of that interval (the earliest date it is certainly public). */
export interface SourceDates {
  published: string;
  availableFrom: string;
}

export const sourceDatesOf = (published: string): SourceDates => ({
  published,
  availableFrom: availableFrom(published),
});

export const trackOf = (status: FigureStatus): Track => (status === 'target' ? 'target' : 'result');

/** The identity of an observation as one string; series keys and periods hold no line breaks. */
export const observationKey = (f: { seriesKey: string; period: string; track: Track }): string =>
  `${f.seriesKey}\n${f.period}\n${f.track}`;

/**
 * A recorded event as a ledger event. The store validated it on append, so it is not parsed again here
 * (parsing a million events would dominate a rebuild); events of unknown types give undefined.
 */
export function ledgerEventOf(recorded: RecordedEvent): LedgerEvent | undefined {
  return isLedgerEventType(recorded.type) ? ({ type: recorded.type, data: recorded.data } as LedgerEvent) : undefined;
}

/** A figure as its report or correction created it: active, until a later event ends it. */
export function figureFromEvent(
  data: FigureEventData,
  recorded: Pick<RecordedEvent, 'position' | 'recordedAt'>,
  source: SourceDates,
): FigureView {
  const corrected = 'supersedes' in data;
  return {
    figureId: data.figureId,
    seriesKey: data.seriesKey,
    period: data.period,
    track: trackOf(data.status),
    value: data.value,
    unit: data.unit,
    baseValue: shiftDecimal(data.value, resolveUnit(data.unit).exponent),
    comparator: data.comparator,
    status: data.status,
    numberAsWritten: corrected ? null : data.numberAsWritten,
    documentId: data.citations[0]!.documentId,
    published: source.published,
    availableFrom: source.availableFrom,
    citations: data.citations,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
    standing: 'active',
    supersedes: corrected ? data.supersedes : null,
    supersededBy: null,
    endedAtPosition: null,
    reason: corrected ? data.reason : null,
  };
}

export type FigureEnding =
  { standing: 'superseded'; by: string; position: number } | { standing: 'retracted'; position: number };

/**
 * The figure after a correction or retraction ended it; an ended figure stays as its first ending left it.
 * `reason` stays the correction's own: a retraction's reason is in the audit trail, so the figure as it stood before stays recoverable.
 */
export function endFigure(figure: FigureView, ending: FigureEnding): FigureView {
  if (figure.standing !== 'active') return figure;
  return {
    ...figure,
    standing: ending.standing,
    supersededBy: ending.standing === 'superseded' ? ending.by : null,
    endedAtPosition: ending.position,
  };
}

/** The figure as it stood at record position P: an ending recorded after P had not happened yet. */
export function asStoodAt(figure: FigureView, position: number): FigureView {
  if (figure.endedAtPosition === null || figure.endedAtPosition <= position) return figure;
  return { ...figure, standing: 'active', supersededBy: null, endedAtPosition: null };
}
