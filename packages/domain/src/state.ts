import type { DocumentMetadata } from './document.ts';
import type { EventData } from './events.ts';

export type FigureRecord = (EventData<'FigureReported'> | EventData<'FigureCorrected'>) & {
  /** active: the figure stands; superseded: a correction replaced it; retracted: withdrawn. */
  standing: 'active' | 'superseded' | 'retracted';
  supersededBy?: string;
};

/** A series stream folded: every figure ever reported in it, by id. Plain data, so it can be cached or logged. */
export interface SeriesState {
  figures: Record<string, FigureRecord>;
}

export interface DocumentState {
  document?: DocumentMetadata;
  text?: string;
}

export const initialSeriesState = (): SeriesState => ({ figures: {} });
export const initialDocumentState = (): DocumentState => ({});
