import type { RecordedEvent } from '@ledger/event-store';
import { ledgerEventOf, observationKey, type SourceDates } from './figure.ts';
import { figureStep, type FigureLookup } from './figure-fold.ts';
import { bestOf, groupByObservation, isConflicting, type Contender } from './observation.ts';
import { documentRecordOf, type AppliedEvent, type DocumentRecord, type SeriesReported } from './rows.ts';
import type { FigureView, Track } from './read-model-types.ts';

export interface ObservationId {
  seriesKey: string;
  period: string;
  track: Track;
}

/** What a batch needs from the stored read models before it can be folded. */
export interface StoredState {
  /** Publication dates of the registered documents the batch's figures cite. */
  sources: ReadonlyMap<string, SourceDates>;
  /** The stored figures the batch corrects or retracts. */
  figures: ReadonlyMap<string, FigureView>;
}

export interface BatchChanges {
  documents: DocumentRecord[];
  series: Map<string, SeriesReported>;
  /** Figures created or ended by the batch, as they stand after it. */
  figures: Map<string, FigureView>;
  applied: AppliedEvent[];
  /** Observations whose standing figures changed. */
  touched: Map<string, ObservationId>;
}

/** The document ids and figure ids a batch refers to, for loading what the stored read models know of them. */
export function referencesOf(events: readonly RecordedEvent[]): { documentIds: Set<string>; figureIds: Set<string> } {
  const documentIds = new Set<string>();
  const figureIds = new Set<string>();
  for (const recorded of events) {
    const event = ledgerEventOf(recorded);
    if (event?.type === 'FigureReported' || event?.type === 'FigureCorrected')
      documentIds.add(event.data.citations[0]!.documentId);
    if (event?.type === 'FigureCorrected') figureIds.add(event.data.supersedes);
    if (event?.type === 'FigureRetracted') figureIds.add(event.data.figureId);
  }
  return { documentIds, figureIds };
}

const idOf = (f: FigureView): ObservationId => ({ seriesKey: f.seriesKey, period: f.period, track: f.track });

export interface Fold {
  /** Everything folded so far; a caller may take out rows it has written (documents, applied events). */
  readonly changes: BatchChanges;
  /** Folds the next events in global order. */
  apply(events: readonly RecordedEvent[]): void;
}

/** Folds a batch of events (in global order) onto what is stored: the rows to write, and the observations to settle. */
export function foldBatch(events: readonly RecordedEvent[], stored: StoredState): BatchChanges {
  const fold = createFold(stored);
  fold.apply(events);
  return fold.changes;
}

/** A fold that takes its events page by page: a rebuild folds the whole history through one, from nothing stored. */
export function createFold(stored: StoredState): Fold {
  const sources = new Map(stored.sources);
  const changes: BatchChanges = {
    documents: [],
    series: new Map(),
    figures: new Map(),
    applied: [],
    touched: new Map(),
  };
  const lookup: FigureLookup = {
    source: (documentId) => sources.get(documentId),
    // Both looked up rather than copied into one map: a rebuild folds a million figures through one fold.
    figure: (figureId) => changes.figures.get(figureId) ?? stored.figures.get(figureId),
  };

  const applyOne = (recorded: RecordedEvent) => {
    const step = figureStep(recorded, lookup);
    const { position, eventId, type, stream, recordedAt, hash } = recorded;
    for (const figure of step.figures) {
      changes.figures.set(figure.figureId, figure);
      changes.touched.set(observationKey(figure), idOf(figure));
    }
    // The rows beside the figures: a registered document, a series first reported.
    const event = ledgerEventOf(recorded);
    if (event?.type === 'DocumentRegistered') {
      sources.set(step.registered!.documentId, step.registered!.dates);
      changes.documents.push(documentRecordOf(event.data, position));
    }
    if (event?.type === 'FigureReported' && !changes.series.has(event.data.seriesKey))
      changes.series.set(event.data.seriesKey, event.data.series);
    changes.applied.push({
      position,
      eventId,
      type,
      stream,
      recordedAt,
      hash,
      figureId: step.figureId,
      reason: step.reason,
    });
  };
  return {
    changes,
    apply(events) {
      for (const recorded of events) applyOne(recorded);
    },
  };
}

/** An observation with standing figures: whether they disagree, and which is best. */
export type SettledObservation<F extends Contender> = ObservationId & { conflicting: boolean; best: F };

/**
 * Settles the touched observations: whether each still has standing figures, and whether they disagree.
 * `standing` holds the standing figures of the touched observations, stored and new.
 */
export function settleObservations<F extends Contender>(
  touched: ReadonlyMap<string, ObservationId>,
  standing: readonly F[],
): { present: Array<SettledObservation<F>>; emptied: ObservationId[] } {
  const groups = groupByObservation(standing);
  const present: Array<SettledObservation<F>> = [];
  const emptied: ObservationId[] = [];
  for (const [key, id] of touched) {
    const group = groups.get(key);
    if (group) present.push({ ...id, conflicting: isConflicting(group), best: bestOf(group)! });
    else emptied.push(id);
  }
  return { present, emptied };
}
