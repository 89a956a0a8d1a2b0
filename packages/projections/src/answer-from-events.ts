import type { RecordedEvent } from '@ledger/event-store';
import { endFigure, figureFromEvent, ledgerEventOf, sourceDatesOf, type SourceDates } from './figure.ts';
import { observationsOf } from './observation.ts';
import { cutoffOf, recordedAtIso } from './point-in-time.ts';
import type { FigureView, ObservationView, PointInTime } from './read-model-types.ts';

export interface Replay {
  /** Every figure as it stands after the events applied so far. */
  readonly figures: ReadonlyMap<string, FigureView>;
  /** Applies events in global order; events after `upToPosition` are ignored. */
  apply(events: Iterable<RecordedEvent>): void;
}

/** Replays the global order in memory, one event at a time, with no read model: the reference (and the baseline) for the projector. */
export function replay(upToPosition = Number.POSITIVE_INFINITY): Replay {
  const sources = new Map<string, SourceDates>();
  const figures = new Map<string, FigureView>();
  function applyOne(recorded: RecordedEvent): void {
    const event = ledgerEventOf(recorded);
    switch (event?.type) {
      case 'DocumentRegistered':
        sources.set(event.data.documentId, sourceDatesOf(event.data.published));
        break;
      case 'FigureReported':
        figures.set(
          event.data.figureId,
          figureFromEvent(event.data, recorded, sources.get(event.data.citations[0]!.documentId)!),
        );
        break;
      case 'FigureCorrected': {
        const corrected = figures.get(event.data.supersedes)!;
        const source = sources.get(event.data.citations[0]!.documentId) ?? corrected;
        figures.set(
          event.data.supersedes,
          endFigure(corrected, { standing: 'superseded', by: event.data.figureId, position: recorded.position }),
        );
        figures.set(event.data.figureId, figureFromEvent(event.data, recorded, source));
        break;
      }
      case 'FigureRetracted':
        figures.set(
          event.data.figureId,
          endFigure(figures.get(event.data.figureId)!, { standing: 'retracted', position: recorded.position }),
        );
        break;
    }
  }
  return {
    figures,
    apply(events) {
      for (const recorded of events) if (recorded.position <= upToPosition) applyOne(recorded);
    },
  };
}

/**
 * The reference answer to `observations(seriesKey, at)`, computed by replaying the events (in global order) up to the
 * point in time: slow and obviously right, for checking the read models against.
 */
export function answerFromEvents(
  events: readonly RecordedEvent[],
  seriesKey: string,
  at: PointInTime = {},
): ObservationView[] {
  const time = at.recordedAtTime === undefined ? undefined : recordedAtIso(at.recordedAtTime);
  const cutoff = cutoffOf(
    at,
    time === undefined
      ? undefined
      : events.filter((e) => e.recordedAt <= time).reduce((last, e) => Math.max(last, e.position), 0),
  );
  const replayed = replay(cutoff.position);
  replayed.apply(events);
  const standing = [...replayed.figures.values()].filter(
    (f) =>
      f.seriesKey === seriesKey &&
      f.standing === 'active' &&
      (cutoff.publishedBy === undefined || f.availableFrom <= cutoff.publishedBy),
  );
  return observationsOf(standing);
}
