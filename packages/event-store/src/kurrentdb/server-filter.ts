import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@kurrent/kurrentdb-client';
import type { EventFilter } from '../types.ts';

/**
 * The $all filter that lets the server skip most of what a read does not want. KurrentDB filters on one thing
 * (stream name or event type) and by prefix, so this narrows only: the adapter still applies `matchesFilter` for
 * exact types, and drops system, index and foreign records when it maps them.
 */
export function serverFilter(namespace: string, filter?: EventFilter): Filter {
  if (filter?.streamPrefixes?.length)
    return streamNameFilter({ prefixes: filter.streamPrefixes.map((prefix) => `${namespace}${prefix}`) });
  if (namespace) return streamNameFilter({ prefixes: [namespace] });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  return excludeSystemEvents();
}
