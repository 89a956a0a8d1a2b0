import type { LedgerEvent } from './events.ts';
import type { DocumentState, SeriesState } from './state.ts';

export function evolve(state: DocumentState, event: LedgerEvent): DocumentState;
export function evolve(state: SeriesState, event: LedgerEvent): SeriesState;
export function evolve(state: DocumentState | SeriesState, event: LedgerEvent): DocumentState | SeriesState {
  switch (event.type) {
    case 'DocumentRegistered': {
      const { schemaVersion: _v, text, ...document } = event.data;
      return { document, text };
    }
    case 'FigureReported': {
      const series = state as SeriesState;
      return { figures: { ...series.figures, [event.data.figureId]: { ...event.data, standing: 'active' } } };
    }
    case 'FigureCorrected': {
      const { figures } = state as SeriesState;
      const superseded = figures[event.data.supersedes];
      return {
        figures: {
          ...figures,
          ...(superseded && {
            [event.data.supersedes]: { ...superseded, standing: 'superseded', supersededBy: event.data.figureId },
          }),
          [event.data.figureId]: { ...event.data, standing: 'active' },
        },
      };
    }
    case 'FigureRetracted': {
      const { figures } = state as SeriesState;
      const retracted = figures[event.data.figureId];
      return retracted
        ? { figures: { ...figures, [event.data.figureId]: { ...retracted, standing: 'retracted' } } }
        : state;
    }
  }
}

/** Folds a stream's events into its state. */
export function fold<S extends DocumentState | SeriesState>(initial: S, events: Iterable<LedgerEvent>): S {
  let state = initial;
  for (const event of events) state = evolve(state as SeriesState, event) as S;
  return state;
}
