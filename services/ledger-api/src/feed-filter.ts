import { z } from 'zod';
import {
  CalendarDateSchema,
  IndicatorCodeSchema,
  RegionCodeSchema,
  isLedgerEventType,
  parseSeriesKey,
} from '@ledger/domain';
import type { EventFilter, EventStore, RecordedEvent } from '@ledger/event-store';
import { EventsQuery } from './request-schemas.ts';

/** At most this many events are read from the store for one page; a sparse filter answers fewer and says where to go on. */
const SCANNED_PER_PAGE = 5000;

/** `region=`, `indicator=` and `type=` (comma-separated event types) of the change feeds. */
export const FeedFilterFields = {
  region: RegionCodeSchema.optional(),
  indicator: IndicatorCodeSchema.optional(),
  type: z
    .string()
    .transform((text) => text.split(','))
    .refine((types) => types.every(isLedgerEventType), 'must be event types such as FigureReported,FigureRetracted')
    .optional(),
};

export const FilteredEventsQuery = EventsQuery.extend(FeedFilterFields);
export const ChangesQuery = EventsQuery.extend({
  since: CalendarDateSchema,
  region: FeedFilterFields.region,
  indicator: FeedFilterFields.indicator,
});

export interface FeedFilter {
  /** What the store filters itself. */
  store: EventFilter;
  /** The whole filter, applied to what the store returns. */
  matches(event: RecordedEvent): boolean;
}

/**
 * Region and indicator select the events of series in that region (a region's own series and those of its entities)
 * or with that indicator code; type selects event types. The store filters by type and by the series streams'
 * prefix; the indicator, the key's second part, is checked here.
 */
export function feedFilter({
  region,
  indicator,
  type,
}: {
  region?: string;
  indicator?: string;
  type?: string[];
}): FeedFilter {
  const store: EventFilter = {
    ...(type && { eventTypes: type }),
    ...(region && { streamPrefixes: [`series-${region}:`, `series-${region}@`] }),
  };
  const seriesOf = (event: RecordedEvent) =>
    typeof event.data.seriesKey === 'string' ? parseSeriesKey(event.data.seriesKey) : undefined;
  return {
    store,
    matches(event) {
      if (type && !type.includes(event.type)) return false;
      if (region === undefined && indicator === undefined) return true;
      const series = seriesOf(event);
      if (!series) return false;
      const regionCode = series.subject.type === 'region' ? series.subject.code : series.subject.regionCode;
      return (
        (region === undefined || regionCode === region) &&
        (indicator === undefined || series.indicatorCode === indicator)
      );
    },
  };
}

/**
 * Up to `limit` events from `from` that pass `keep`, reading at most SCANNED_PER_PAGE events; `next` is where the
 * next page starts (past every event read, kept or not).
 */
export async function readFilteredPage(
  store: Pick<EventStore, 'readAll'>,
  options: {
    from: number;
    limit: number;
    filter: EventFilter;
    keep: (event: RecordedEvent) => boolean | Promise<boolean>;
  },
): Promise<{ events: RecordedEvent[]; next: number }> {
  const events: RecordedEvent[] = [];
  let next = options.from;
  for (let scanned = 0; events.length < options.limit && scanned < SCANNED_PER_PAGE;) {
    const page = await store.readAll({ fromPosition: next, maxCount: options.limit, filter: options.filter });
    for (const event of page) {
      next = event.position + 1;
      if (await options.keep(event)) events.push(event);
      if (events.length === options.limit) break;
    }
    scanned += page.length;
    if (page.length < options.limit) break;
  }
  return { events, next };
}
