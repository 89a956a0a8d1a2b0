/** A place in the store's global order: 1 is the first event; 0 means "before everything". */
export type Position = number;

/**
 * What the writer believes the stream looks like: any; no_stream (must not exist); stream_exists;
 * or the revision of its last event (revisions start at 0).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface NewEvent {
  /** A UUID; appending an event id that is already stored with the same content is a no-op. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  eventId: string;
  type: string;
  stream: string;
  revision: number;
  position: Position;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** When the store appended the event (ISO 8601, UTC): the ledger's record time. */
  recordedAt: string;
  /** sha256 of the previous event's hash and this event's content: the chain that shows tampering. */
  hash: string;
  prevHash: string;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  nextExpectedRevision: number;
  /** The global position of the batch's last event. */
  position: Position;
}

/** One stream's part of an append to several streams. */
export interface StreamAppend {
  stream: string;
  events: readonly NewEvent[];
  expectedRevision?: ExpectedRevision;
}

/**
 * Each append's own outcome: its result and how many of its events it wrote (0: all were stored already, an
 * idempotent retry), or why it was refused.
 */
export type StreamAppendOutcome = { ok: true; result: AppendResult; written: number } | { ok: false; error: Error };

export interface AppendToStreamsOptions {
  /** Any refused append fails the whole call (its error is thrown) and nothing is written. */
  allOrNothing?: boolean;
}

export interface EventFilter {
  eventTypes?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Inclusive; default 0 (the start). Resume after a checkpoint with `checkpoint + 1`. */
  fromPosition?: Position;
  maxCount?: number;
  filter?: EventFilter;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  fromPosition?: Position;
  filter?: EventFilter;
}

/** Catches up from its position, then stays live until closed. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export type VerifyResult =
  { ok: true; checked: number; headHash: string } | { ok: false; checked: number; brokenAt: Position; reason: string };

export interface EventStore {
  appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction (one commit), each append in turn on the state the ones before it
   * leave, each with its own expected-revision and idempotency checks. Without allOrNothing a refused append only gets
   * its error in its outcome and the others are written (group commit); with it the first refusal is thrown and
   * nothing is written.
   */
  appendToStreams(appends: readonly StreamAppend[], options?: AppendToStreamsOptions): Promise<StreamAppendOutcome[]>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** The position of the last event every reader can see (0 when empty). */
  headPosition(): Promise<Position>;
  /** Walks the hash chain in global order and names the first position that does not hold. */
  verify(): Promise<VerifyResult>;
  close(): Promise<void>;
}

/** Checks an event's type and data before anything is written (the ledger passes its domain schemas). */
export type EventValidator = (event: NewEvent) => void;
