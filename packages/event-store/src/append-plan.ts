import { checkExpectedRevision, partitionByStored } from './append-rules.ts';
import { EventIdConflictError, WrongExpectedVersionError } from './errors.ts';
import { eventHash } from './hash-chain.ts';
import type { AppendResult, ExpectedRevision, NewEvent, Position, RecordedEvent } from './types.ts';

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

/** One append of a group: what appendToStream was given. */
export interface AppendRequest {
  stream: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
}

/** What a group of appends is planned on: like AppendState, with each stream's revision looked up by name. */
export interface GroupState extends Omit<AppendState, 'streamRevision'> {
  streamRevision: (stream: string) => number;
}

/** Each append's own outcome: its result, or the error that rejects it alone (the others of the group still write). */
export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

/**
 * Plans appends written in one transaction: each is planned on the state the ones before it leave (their revisions,
 * positions, chain and event ids), exactly as if they had been appended one after another. An append that fails its
 * checks is left out and rejected alone. Pure, like planAppend; `recorded` is every event to write, in global order.
 */
export function planAppends(
  requests: readonly AppendRequest[],
  state: GroupState,
): { outcomes: AppendOutcome[]; recorded: RecordedEvent[] } {
  const revisions = new Map<string, number>();
  const planned = new Map<string, StoredEventSummary>();
  const recorded: RecordedEvent[] = [];
  let head = state.head;
  const outcomes = requests.map(({ stream, events, expectedRevision }): AppendOutcome => {
    try {
      const plan = planAppend(stream, events, expectedRevision, {
        streamRevision: revisions.get(stream) ?? state.streamRevision(stream),
        head,
        storedEvent: (id) => planned.get(id) ?? state.storedEvent(id),
        recordedAt: state.recordedAt,
      });
      if (plan.write) {
        for (const event of plan.recorded) planned.set(event.eventId, event);
        recorded.push(...plan.recorded);
        revisions.set(stream, plan.result.nextExpectedRevision);
        head = { position: plan.result.position, hash: plan.recorded.at(-1)!.hash };
      }
      return { ok: true, result: plan.result };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError || error instanceof EventIdConflictError)
        return { ok: false, error };
      throw error;
    }
  });
  return { outcomes, recorded };
}
