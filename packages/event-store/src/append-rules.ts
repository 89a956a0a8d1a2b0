import { z } from 'zod';
import { canonicalJson, findUnstorableText } from '@ledger/canonical';
import { InvalidEventError, WrongExpectedVersionError, EventIdConflictError } from './errors.ts';
import type { CanonicalEventJson } from './hash-chain.ts';
import type { EventValidator, ExpectedRevision, NewEvent } from './types.ts';

const jsonObject = z.record(z.string(), z.unknown());

const NewEventSchema = z.object({
  eventId: z.uuid('must be a UUID'),
  type: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  data: jsonObject,
  metadata: jsonObject.optional(),
});

/** A plain object with string keys only: what the envelope's data and metadata must be. */
function isPlainJsonObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  const { constructor } = value as { constructor?: unknown };
  return (
    (prototype === Object.prototype || prototype === null) &&
    (constructor === Object || constructor === undefined) &&
    Object.getOwnPropertySymbols(value).length === 0
  );
}

/**
 * A cheap check that an event certainly satisfies NewEventSchema (it accepts no event the schema refuses); the schema
 * still judges the rest and names the field. Parsing each key of data as a record costs more than the whole append.
 */
function plainlyWellFormed(event: NewEvent): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.type === 'string' &&
    event.type.length >= 1 &&
    event.type.length <= 200 &&
    isPlainJsonObject(event.data) &&
    (event.metadata === undefined || isPlainJsonObject(event.metadata)) &&
    NewEventSchema.shape.eventId.safeParse(event.eventId).success
  );
}

const StreamSchema = z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

const ExpectedRevisionSchema = z.union([z.enum(['any', 'no_stream', 'stream_exists']), z.number().int().min(0)]);

/**
 * Rejects a malformed batch before any write, naming the field ("events.2.eventId"). Returns each event's data and
 * metadata as the canonical JSON it checked, so that hashing and writing need not serialise them again.
 */
export function validateAppend(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  validator?: EventValidator,
): CanonicalEventJson[] {
  const fail = (field: string, result: { success: false; error: z.ZodError }): never => {
    const issue = result.error.issues[0]!;
    throw new InvalidEventError([field, ...issue.path.map(String)].filter(Boolean).join('.'), issue.message);
  };
  const s = StreamSchema.safeParse(stream);
  if (!s.success) fail('stream', s);
  refuseUnstorable('stream', stream);
  const e = ExpectedRevisionSchema.safeParse(expected);
  if (!e.success) fail('expectedRevision', e);
  if (!Array.isArray(events) || events.length === 0)
    throw new InvalidEventError('events', 'must hold at least one event');
  const ids = new Set<string>();
  return events.map((event, i) => {
    if (!plainlyWellFormed(event)) {
      const parsed = NewEventSchema.safeParse(event);
      if (!parsed.success) fail(`events.${i}`, parsed);
    }
    refuseUnstorable(`events.${i}.type`, event.type);
    const json = { data: '', metadata: '' };
    for (const part of ['data', 'metadata'] as const) {
      try {
        json[part] = canonicalJson(event[part] ?? {});
      } catch (error) {
        throw new InvalidEventError(`events.${i}.${part}`, (error as Error).message);
      }
      // JSON.stringify writes NUL and lone surrogates as \u escapes: JSON without one holds no unstorable string.
      if (json[part].includes('\\u')) refuseUnstorable(`events.${i}.${part}`, event[part] ?? {});
    }
    if (ids.has(event.eventId)) throw new InvalidEventError(`events.${i}.eventId`, 'appears twice in one batch');
    ids.add(event.eventId);
    validator?.(event);
    return json;
  });
}

/**
 * The hash covers the event as given; the store must read back exactly those strings, or a later verify reports
 * tampering that never happened. So every string the store writes (stream, type, data and metadata keys and values)
 * must survive UTF-8 and every adapter's text columns unchanged.
 */
function refuseUnstorable(field: string, value: unknown): void {
  const found = findUnstorableText(value);
  if (found) throw new InvalidEventError([field, ...found.path].join('.'), found.problem);
}

/** Throws unless the stream's current revision (-1: no stream) satisfies the expectation. */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    expected === current;
  if (!ok) throw new WrongExpectedVersionError(stream, expected, current === -1 ? 'no_stream' : current);
}

/** What makes two appends of one event id the same event. */
export function sameContent(
  stored: { stream: string; type: string; data: unknown },
  event: NewEvent,
  stream: string,
): boolean {
  return (
    stored.stream === stream && stored.type === event.type && canonicalJson(stored.data) === canonicalJson(event.data)
  );
}

/**
 * Splits a batch into events already stored (must be identical: an idempotent retry) and new ones.
 * `lookup` returns the stored event with that id, if any.
 */
export function partitionByStored<T extends { stream: string; type: string; data: unknown }>(
  stream: string,
  events: readonly NewEvent[],
  lookup: (eventId: string) => T | undefined,
): { stored: T[]; fresh: NewEvent[] } {
  const stored: T[] = [];
  const fresh: NewEvent[] = [];
  for (const event of events) {
    const existing = lookup(event.eventId);
    if (!existing) fresh.push(event);
    else if (sameContent(existing, event, stream)) stored.push(existing);
    else throw new EventIdConflictError(event.eventId);
  }
  return { stored, fresh };
}
