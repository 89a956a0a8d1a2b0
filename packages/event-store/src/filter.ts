import type { EventFilter } from './types.ts';

export function matchesFilter(event: { type: string; stream: string }, filter?: EventFilter): boolean {
  if (!filter) return true;
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) return false;
  return true;
}
