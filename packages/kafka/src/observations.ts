import type { RecordedEvent } from '@ledger/event-store';
import { observationsOf, replay, type FigureView, type ObservationView } from '@ledger/projections';
import type { Message } from 'kafkajs';

/** The current value of one observation as published; `null` when no standing figure is left (a tombstone). */
export interface ObservationChange {
  key: string;
  value: ObservationValue | null;
}

export type ObservationValue = Pick<ObservationView, 'seriesKey' | 'period' | 'track'> &
  Pick<
    FigureView,
    'figureId' | 'value' | 'unit' | 'baseValue' | 'comparator' | 'status' | 'documentId' | 'published'
  > & {
    /** The position of the last event of the batch that produced this value. */
    asOfPosition: number;
  };

/**
 * Key of the compacted topic: series and period, plus the track, because a target and a result of one period are
 * two observations with their own best values.
 */
export const observationKeyOf = (o: Pick<ObservationView, 'seriesKey' | 'period' | 'track'>): string =>
  `${o.seriesKey}|${o.period}|${o.track}`;

const FIGURE_EVENTS = new Set(['FigureReported', 'FigureCorrected', 'FigureRetracted']);

interface FigureEventData {
  seriesKey: string;
  citations?: Array<{ documentId: string }>;
}

/**
 * Follows the global order and says which observations changed their best value. The rules of "best" are the
 * projections' own: each touched series is replayed through their fold and compared with what was published.
 * Replaying a whole series is cheap: a series holds a few figures per period.
 */
export function createObservationTracker() {
  /** Only what the replay reads of a registration: the full text would hold every document in memory. */
  const registrations = new Map<string, RecordedEvent>();
  const historyBySeries = new Map<string, RecordedEvent[]>();
  const publishedBySeries = new Map<string, Map<string, string>>();

  function record(event: RecordedEvent): string | undefined {
    if (event.type === 'DocumentRegistered') {
      const { documentId, published } = event.data as { documentId: string; published: string };
      registrations.set(documentId, { ...event, data: { documentId, published } });
      return undefined;
    }
    if (!FIGURE_EVENTS.has(event.type)) return undefined;
    const { seriesKey } = event.data as unknown as FigureEventData;
    const history = historyBySeries.get(seriesKey);
    if (history) history.push(event);
    else historyBySeries.set(seriesKey, [event]);
    return seriesKey;
  }

  function changesOf(seriesKey: string, asOfPosition: number): ObservationChange[] {
    const history = historyBySeries.get(seriesKey)!;
    const cited = new Set(
      history.flatMap((e) => (e.data as unknown as FigureEventData).citations?.map((c) => c.documentId) ?? []),
    );
    const sources = [...cited].flatMap((id) => registrations.get(id) ?? []);
    const replayed = replay();
    replayed.apply([...sources, ...history]);
    const observations = observationsOf([...replayed.figures.values()].filter((f) => f.standing === 'active'));
    const before = publishedBySeries.get(seriesKey) ?? new Map<string, string>();
    const after = new Map(observations.map((o) => [observationKeyOf(o), o.best.figureId]));
    publishedBySeries.set(seriesKey, after);
    const changed = observations
      .filter((o) => before.get(observationKeyOf(o)) !== o.best.figureId)
      .map((o): ObservationChange => ({ key: observationKeyOf(o), value: valueOf(o, asOfPosition) }));
    const gone = [...before.keys()]
      .filter((key) => !after.has(key))
      .map((key): ObservationChange => ({ key, value: null }));
    return [...changed, ...gone];
  }

  return {
    /**
     * Takes the next events of the global order; returns the observations whose best figure differs from the last
     * one returned. Changes within one batch collapse into the last (the compacted topic keeps only that one anyway).
     */
    apply(events: readonly RecordedEvent[]): ObservationChange[] {
      const touched = new Set(events.flatMap((e) => record(e) ?? []));
      const asOfPosition = events.at(-1)?.position ?? 0;
      return [...touched].flatMap((seriesKey) => changesOf(seriesKey, asOfPosition));
    },
  };
}

export type ObservationTracker = ReturnType<typeof createObservationTracker>;

function valueOf(o: ObservationView, asOfPosition: number): ObservationValue {
  const { figureId, value, unit, baseValue, comparator, status, documentId, published } = o.best;
  return {
    seriesKey: o.seriesKey,
    period: o.period,
    track: o.track,
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

/** A change as a message of the compacted topic: a JSON value, or no value at all for a tombstone. */
export function observationMessage(change: ObservationChange): Message {
  return change.value === null
    ? { key: change.key, value: null }
    : { key: change.key, value: JSON.stringify(change.value), headers: { 'content-type': 'application/json' } };
}
