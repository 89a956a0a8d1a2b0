import { checkExpectedRevision, partitionByStored, validateAppend } from './append-rules.ts';
import { eventHash } from './hash-chain.ts';
import type {
  AppendResult,
  EventValidator,
  ExpectedRevision,
  NewEvent,
  Position,
  RecordedEvent,
  StreamAppend,
  StreamAppendOutcome,
} from './types.ts';

/** What an append is planned on: read by the adapter under its append lock (or checked by the server on write). */
export interface AppendState {
  /** The stream's last revision; -1: no stream. */
  streamRevision: number;
  /** The store's last event: the next position follows it and the chain links to its hash (GENESIS_HASH when empty). */
  head: { position: Position; hash: string };
  /** The batch's event ids that are already stored, with what they hold (undefined: not stored). */
  storedEvent: (eventId: string) => StoredEventSummary | undefined;
  /** The record time the new events get. */
  recordedAt: string;
}

/** What the idempotent-retry check needs of a stored event. */
export type StoredEventSummary = Pick<RecordedEvent, 'stream' | 'type' | 'data' | 'position'>;

/**
 * What to do for one append: nothing (every event is already stored with the same content: an idempotent retry), or
 * write `recorded`, whose revisions, positions and chain follow the state the plan was made on.
 */
export type AppendPlan =
  { write: false; result: AppendResult } | { write: true; recorded: RecordedEvent[]; result: AppendResult };

/**
 * The append algorithm, for every adapter: the idempotent-retry check, the expected-revision check, then ids,
 * revisions, positions and chain hashes for the new events. Pure: the adapter reads the state and writes the plan.
 * The batch must have passed validateAppend. Throws EventIdConflictError or WrongExpectedVersionError.
 */
export function planAppend(
  stream: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  state: AppendState,
): AppendPlan {
  const { stored, fresh } = partitionByStored(stream, events, state.storedEvent);
  if (fresh.length === 0)
    return { write: false, result: { nextExpectedRevision: state.streamRevision, position: stored.at(-1)!.position } };
  checkExpectedRevision(stream, expectedRevision, state.streamRevision);
  let prevHash = state.head.hash;
  const recorded = fresh.map((event, i): RecordedEvent => {
    const content = {
      eventId: event.eventId,
      type: event.type,
      stream,
      revision: state.streamRevision + 1 + i,
      position: state.head.position + 1 + i,
      data: event.data,
      metadata: event.metadata ?? {},
      recordedAt: state.recordedAt,
    };
    const hash = eventHash(prevHash, content);
    const linked = { ...content, prevHash, hash };
    prevHash = hash;
    return linked;
  });
  const last = recorded.at(-1)!;
  return { write: true, recorded, result: { nextExpectedRevision: last.revision, position: last.position } };
}

/** What several appends are planned on: like AppendState, with each stream's revision looked up by name. */
export interface AppendsState extends Omit<AppendState, 'streamRevision'> {
  streamRevision: (stream: string) => number;
}

/**
 * Plans appends to several streams as one write, each in turn on the state the ones before it leave: a later append
 * to the same stream follows the earlier one's revisions, an event id appended earlier counts as stored. An append
 * that fails validation or its checks gets its error and writes nothing; the rest are planned without it.
 */
export function planAppends(
  appends: readonly StreamAppend[],
  state: AppendsState,
  validate?: EventValidator,
): { recorded: RecordedEvent[]; outcomes: StreamAppendOutcome[] } {
  const revisions = new Map<string, number>();
  const planned = new Map<string, RecordedEvent>();
  const recorded: RecordedEvent[] = [];
  let head = state.head;
  const outcomes = appends.map(({ stream, events, expectedRevision = 'any' }): StreamAppendOutcome => {
    try {
      validateAppend(stream, events, expectedRevision, validate);
      const plan = planAppend(stream, events, expectedRevision, {
        streamRevision: revisions.get(stream) ?? state.streamRevision(stream),
        head,
        storedEvent: (id) => planned.get(id) ?? state.storedEvent(id),
        recordedAt: state.recordedAt,
      });
      if (plan.write) {
        for (const event of plan.recorded) planned.set(event.eventId, event);
        recorded.push(...plan.recorded);
        const last = plan.recorded.at(-1)!;
        revisions.set(stream, last.revision);
        head = { position: last.position, hash: last.hash };
      }
      return { ok: true, result: plan.result, written: plan.write ? plan.recorded.length : 0 };
    } catch (error) {
      return { ok: false, error: error as Error };
    }
  });
  return { recorded, outcomes };
}

/** With allOrNothing, the first refused append's error (nothing may be written); else the outcomes as they are. */
export function refusalOf(outcomes: readonly StreamAppendOutcome[], allOrNothing: boolean): Error | undefined {
  if (!allOrNothing) return undefined;
  const refused = outcomes.find((outcome) => !outcome.ok);
  return refused && !refused.ok ? refused.error : undefined;
}
