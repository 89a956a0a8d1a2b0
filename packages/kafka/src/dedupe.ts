import type { RecordedEvent } from '@ledger/event-store';

/** Revisions of a stream that were never delivered: the topic lost them (retention), or they were skipped. */
export interface Gap {
  stream: string;
  fromRevision: number;
  toRevision: number;
}

export type Delivery = { kind: 'new'; event: RecordedEvent; gap?: Gap } | { kind: 'duplicate'; event: RecordedEvent };

/**
 * Sorts what a consumer receives into new events and repeats. The relay delivers at least once: after a restart it
 * may send again a short tail that the broker already had, so a repeat is an event id seen before. Within a stream
 * revisions are dense from 0 and the relay keeps their order, so a revision beyond the next one is a gap.
 * Holds its state in memory: a consumer that must survive restarts keeps the ids and revisions with its own data.
 */
export function createDeduper() {
  const seen = new Set<string>();
  const lastRevision = new Map<string, number>();
  return {
    accept(event: RecordedEvent): Delivery {
      if (seen.has(event.eventId)) return { kind: 'duplicate', event };
      seen.add(event.eventId);
      const expected = (lastRevision.get(event.stream) ?? -1) + 1;
      lastRevision.set(event.stream, Math.max(event.revision, expected - 1));
      return event.revision > expected
        ? { kind: 'new', event, gap: { stream: event.stream, fromRevision: expected, toRevision: event.revision - 1 } }
        : { kind: 'new', event };
    },
  };
}

export type Deduper = ReturnType<typeof createDeduper>;
