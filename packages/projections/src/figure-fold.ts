import type { RecordedEvent } from '@ledger/event-store';
import { endFigure, figureFromEvent, ledgerEventOf, sourceDatesOf, type SourceDates } from './figure.ts';
import type { FigureView } from './read-model-types.ts';

/**
 * The rules of "current": how each ledger event changes the figures, written once. The read models' batch fold, the
 * in-memory replay (and through it the test oracle) all step through `figureStep`; which figure is best and whether
 * an observation is in conflict are the rules of observation.ts.
 */

/** What stepping an event needs to know of what came before it. */
export interface FigureLookup {
  source(documentId: string): SourceDates | undefined;
  figure(figureId: string): FigureView | undefined;
}

/** What one event changed: a registered source, and figures as they stand after it (a correction gives two). */
export interface FigureStep {
  registered?: { documentId: string; dates: SourceDates };
  figures: FigureView[];
  /** The figure the event created or ended, and the reason it gave: for the audit trail. */
  figureId: string | null;
  reason: string | null;
}

const NOTHING: FigureStep = Object.freeze({ figures: [], figureId: null, reason: null }) as FigureStep;

export function figureStep(recorded: RecordedEvent, lookup: FigureLookup): FigureStep {
  const event = ledgerEventOf(recorded);
  const { position } = recorded;
  const figureOf = (figureId: string): FigureView => {
    const figure = lookup.figure(figureId);
    if (!figure) throw new Error(`event at position ${position} ends figure ${figureId}, which is not known`);
    return figure;
  };
  const sourceOf = (documentId: string, fallback?: SourceDates): SourceDates => {
    const source = lookup.source(documentId) ?? fallback;
    if (!source) throw new Error(`event at position ${position} cites document ${documentId}, which is not registered`);
    return source;
  };
  switch (event?.type) {
    case 'DocumentRegistered':
      return {
        registered: { documentId: event.data.documentId, dates: sourceDatesOf(event.data.published) },
        figures: [],
        figureId: null,
        reason: null,
      };
    case 'FigureReported':
      return {
        figures: [figureFromEvent(event.data, recorded, sourceOf(event.data.citations[0]!.documentId))],
        figureId: event.data.figureId,
        reason: null,
      };
    case 'FigureCorrected': {
      const corrected = figureOf(event.data.supersedes);
      // A correction may cite evidence outside the registered documents: it is then dated as the figure it corrects.
      return {
        figures: [
          figureFromEvent(event.data, recorded, sourceOf(event.data.citations[0]!.documentId, corrected)),
          endFigure(corrected, { standing: 'superseded', by: event.data.figureId, position }),
        ],
        figureId: event.data.figureId,
        reason: event.data.reason,
      };
    }
    case 'FigureRetracted':
      return {
        figures: [endFigure(figureOf(event.data.figureId), { standing: 'retracted', position })],
        figureId: event.data.figureId,
        reason: event.data.reason,
      };
    default:
      return NOTHING;
  }
}

export interface Replay {
  /** Every figure as it stands after the events applied so far. */
  readonly figures: ReadonlyMap<string, FigureView>;
  /** Applies events in global order; events after `upToPosition` are ignored. */
  apply(events: Iterable<RecordedEvent>): void;
}

/** Steps the global order in memory, holding every figure, with no read model: the baseline of the rebuild bench. */
export function replay(upToPosition = Number.POSITIVE_INFINITY): Replay {
  const sources = new Map<string, SourceDates>();
  const figures = new Map<string, FigureView>();
  const lookup: FigureLookup = { source: (id) => sources.get(id), figure: (id) => figures.get(id) };
  return {
    figures,
    apply(events) {
      for (const recorded of events) {
        if (recorded.position > upToPosition) continue;
        const step = figureStep(recorded, lookup);
        if (step.registered) sources.set(step.registered.documentId, step.registered.dates);
        for (const figure of step.figures) figures.set(figure.figureId, figure);
      }
    },
  };
}
