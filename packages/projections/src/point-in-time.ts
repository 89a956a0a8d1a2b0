import { PublicationDateSchema, availableFrom } from '@ledger/domain';
import type { PointInTime } from './read-model-types.ts';

/** A resolved point in time: only figures recorded up to `position` and published by `publishedBy` count. */
export interface Cutoff {
  /** Absent: everything applied. */
  position?: number;
  /** YYYY-MM-DD; absent: no date limit. */
  publishedBy?: string;
}

/** "Published by 2023" means by its last day, as for a source known only to the year. */
export function publishedByDay(date: string): string {
  if (!PublicationDateSchema.safeParse(date).success)
    throw new RangeError(`publishedBy must be "YYYY-MM-DD" (or "YYYY-MM", "YYYY"), got "${date}"`);
  return availableFrom(date);
}

/** Record times compare as text only in one spelling: the store's ISO 8601 UTC with milliseconds. */
export function recordedAtIso(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new RangeError(`recordedAtTime must be an ISO 8601 time, got "${time}"`);
  return new Date(ms).toISOString();
}

/**
 * Resolves a point in time, given the last position recorded by `at.recordedAtTime` (looked up by the caller).
 * With both a position and a time, the earlier of the two applies.
 */
export function cutoffOf(at: PointInTime, positionAtTime?: number): Cutoff {
  const known = [at.recordedAtPosition, positionAtTime].filter((p) => p !== undefined);
  return {
    ...(known.length > 0 && { position: Math.min(...known) }),
    ...(at.publishedBy !== undefined && { publishedBy: publishedByDay(at.publishedBy) }),
  };
}
