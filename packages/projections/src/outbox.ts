import type { Contender } from './observation.ts';
import type { ReadModelDb } from './schema.ts';
import type { FigureView, ObservationView } from './read-model-types.ts';

/**
 * The outbox of the compacted observations topic: the projector writes every change of an observation's best figure,
 * and a tombstone when none stands, in the transaction that changes the read models; the relay publishes the entries
 * in order and removes them once the broker has them. Nothing here grows with the history, only with what is unsent.
 */

/** The best figure of an observation as published on the topic. */
export type ObservationValue = Pick<ObservationView, 'seriesKey' | 'period' | 'track'> &
  Pick<
    FigureView,
    'figureId' | 'value' | 'unit' | 'baseValue' | 'comparator' | 'status' | 'documentId' | 'published'
  > & {
    /** The position of the last event of the batch that produced this value. */
    asOfPosition: number;
  };

/** What the outbox needs of a figure: the best-value rules' fields and what is published of it. */
export type PublishedFigure = Contender & Pick<FigureView, 'value' | 'unit' | 'documentId' | 'published'>;

/**
 * Key of the compacted topic: series and period, plus the track, because a target and a result of one period are
 * two observations with their own best values.
 */
export const observationKeyOf = (o: Pick<ObservationView, 'seriesKey' | 'period' | 'track'>): string =>
  `${o.seriesKey}|${o.period}|${o.track}`;

export function observationValueOf(best: PublishedFigure, asOfPosition: number): ObservationValue {
  const { seriesKey, period, track, figureId, value, unit, baseValue, comparator, status, documentId, published } =
    best;
  return {
    seriesKey,
    period,
    track,
    figureId,
    value,
    unit,
    baseValue,
    comparator,
    status,
    documentId,
    published,
    asOfPosition,
  };
}

/** One unsent change: the value as JSON, or null for a tombstone. Ordered by position, then key. */
export interface OutboxEntry {
  position: number;
  key: string;
  value: string | null;
}

export interface ObservationOutbox {
  /** The oldest unsent entries, in order: per key, in the order the changes happened. */
  read(limit: number): Promise<OutboxEntry[]>;
  /** Removes `last` and every entry before it, once the broker acknowledged them. */
  remove(last: Pick<OutboxEntry, 'position' | 'key'>): Promise<void>;
}

export function createObservationOutbox(db: ReadModelDb): ObservationOutbox {
  return {
    read: (limit) =>
      db
        .selectFrom('observation_outbox')
        .select(['position', 'key', 'value'])
        .orderBy('position')
        .orderBy('key')
        .limit(limit)
        .execute(),
    async remove(last) {
      // Later changes have later positions: the projector writes in the order of the global log.
      await db
        .deleteFrom('observation_outbox')
        .where((eb) =>
          eb.or([
            eb('position', '<', last.position),
            eb.and([eb('position', '=', last.position), eb('key', '<=', last.key)]),
          ]),
        )
        .execute();
    },
  };
}
