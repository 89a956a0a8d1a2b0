import type { RecordedEvent } from '@ledger/event-store';
import { replay } from '../figure-fold.ts';
import { observationsOf } from '../observation.ts';
import { cutoffOf, recordedAtIso } from '../point-in-time.ts';
import type { ObservationView, PointInTime } from '../read-model-types.ts';

/**
 * The reference answer to `observations(seriesKey, at)`, computed by replaying the events (in global order) up to the
 * point in time: slow and obviously right, for checking the read models against. Tests only.
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
