import type { z } from 'zod';
import { ValidationError } from './errors.ts';
import { EVENT_SCHEMAS, isLedgerEventType, type LedgerEvent } from './events.ts';

/** Parses input with a schema, or throws a ValidationError naming each failing field under `prefix`. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      problem: issue.message,
    })),
  );
}

/** Checks an event against the schema of its type: the event store calls this before writing anything. */
export function validateLedgerEvent(event: { type: string; data: unknown }): LedgerEvent {
  if (!isLedgerEventType(event.type)) {
    throw new ValidationError([{ field: 'type', problem: `unknown event type "${event.type}"` }]);
  }
  return { type: event.type, data: parseOrThrow(EVENT_SCHEMAS[event.type], event.data, 'data') } as LedgerEvent;
}
