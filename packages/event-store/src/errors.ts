import type { ExpectedRevision } from './types.ts';

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  readonly stream: string;
  readonly expected: ExpectedRevision;
  /** The stream's actual last revision, or 'no_stream'. */
  readonly actual: number | 'no_stream';
  constructor(stream: string, expected: ExpectedRevision, actual: number | 'no_stream') {
    super(`stream "${stream}": expected revision ${expected}, actual ${actual}`);
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The same event id was appended again with other content: ids must name one event only. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  readonly eventId: string;
  constructor(eventId: string) {
    super(`event id ${eventId} is already stored with other content`);
    this.eventId = eventId;
  }
}

/** An event that is not a well-formed envelope; names the field. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}

/** A stored event that a reader cannot bring to the current shape of its type (an upcast failed); names its position. */
export class UnreadableEventError extends Error {
  override readonly name = 'UnreadableEventError';
  readonly position: number;
  constructor(position: number, cause: unknown) {
    super(`cannot read the event at position ${position}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.position = position;
  }
}
