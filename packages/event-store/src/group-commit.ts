import type { AppendResult, StreamAppend, StreamAppendOutcome } from './types.ts';

/** Writes a group of appends in one transaction; the outcome of each, in order. Throws if the transaction failed. */
export type GroupWriter = (appends: StreamAppend[]) => Promise<StreamAppendOutcome[]> | StreamAppendOutcome[];

/** A committed append: the store's result, and how many of its events were new (0: all were stored already). */
export interface GroupedAppend {
  result: AppendResult;
  written: number;
}

/** The event loop's next turn: a `gather` that lets the appends made in this turn join the first group. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Waiting {
  request: StreamAppend;
  resolve: (appended: GroupedAppend) => void;
  reject: (error: Error) => void;
}

/**
 * Group commit: appends that arrive while a transaction is being written wait, and go together into the next one.
 * The stores' appendToStream runs on it, and so do the ledger's commands, over appendToStreams. One writer pays nothing (its append starts at once); concurrent writers share a commit (one fsync, one lock) instead
 * of queueing for one each. Global order is still one transaction at a time. A group whose transaction fails is
 * written again one append at a time, so an append that breaks a transaction fails alone. `maxEvents` bounds a group.
 * `gather` is awaited before the first group, for a synchronous writer, during whose transaction nothing can arrive:
 * appends made in the same turn of the event loop then share its first transaction too.
 */
export function groupCommit(
  write: GroupWriter,
  { maxEvents = 10_000, gather }: { maxEvents?: number; gather?: () => Promise<void> } = {},
): (request: StreamAppend) => Promise<GroupedAppend> {
  const queue: Waiting[] = [];
  let writing = false;

  // A malformed append (refused when planned) counts as none.
  const size = (w: Waiting) => (Array.isArray(w.request.events) ? w.request.events.length : 0);

  function nextGroup(): Waiting[] {
    let events = size(queue[0]!);
    let count = 1;
    while (count < queue.length && events + size(queue[count]!) <= maxEvents) events += size(queue[count++]!);
    return queue.splice(0, count);
  }

  async function settle(group: Waiting[]): Promise<void> {
    const outcomes = await write(group.map((w) => w.request));
    outcomes.forEach((outcome, i) =>
      outcome.ok
        ? group[i]!.resolve({ result: outcome.result, written: outcome.written })
        : group[i]!.reject(outcome.error),
    );
  }

  async function drain(): Promise<void> {
    writing = true;
    if (gather) await gather(); // (not `await gather?.()`: that would delay every writer by a turn)
    while (queue.length > 0) {
      const group = nextGroup();
      try {
        await settle(group);
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error as Error);
        else for (const one of group) await settle([one]).catch((e: Error) => one.reject(e));
      }
    }
    writing = false;
  }

  return (request) =>
    new Promise<GroupedAppend>((resolve, reject) => {
      queue.push({ request, resolve, reject });
      if (!writing) void drain();
    });
}
