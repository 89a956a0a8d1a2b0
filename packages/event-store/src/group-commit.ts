import type { AppendOutcome, AppendRequest } from './append-plan.ts';
import type { AppendResult } from './types.ts';

/** Writes a group of appends in one transaction; the outcome of each, in order. Throws if the transaction failed. */
export type GroupWriter = (requests: AppendRequest[]) => Promise<AppendOutcome[]> | AppendOutcome[];

interface Waiting {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

/**
 * Group commit: appends that arrive while a transaction is being written wait, and go together into the next one.
 * One writer pays nothing (its append starts at once); concurrent writers share a commit (one fsync, one lock) instead
 * of queueing for one each. Global order is still one transaction at a time. A group whose transaction fails is
 * written again one append at a time, so an append that breaks a transaction fails alone. `maxEvents` bounds a group.
 * `gather` is awaited before the first group, for a synchronous writer, during whose transaction nothing can arrive:
 * appends made in the same turn of the event loop then share its first transaction too.
 */
export function groupCommit(
  write: GroupWriter,
  { maxEvents = 10_000, gather }: { maxEvents?: number; gather?: () => Promise<void> } = {},
): (request: AppendRequest) => Promise<AppendResult> {
  const queue: Waiting[] = [];
  let writing = false;

  function nextGroup(): Waiting[] {
    let events = queue[0]!.request.events.length;
    let count = 1;
    while (count < queue.length && events + queue[count]!.request.events.length <= maxEvents)
      events += queue[count++]!.request.events.length;
    return queue.splice(0, count);
  }

  async function settle(group: Waiting[]): Promise<void> {
    const outcomes = await write(group.map((w) => w.request));
    outcomes.forEach((outcome, i) =>
      outcome.ok ? group[i]!.resolve(outcome.result) : group[i]!.reject(outcome.error),
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
    new Promise<AppendResult>((resolve, reject) => {
      queue.push({ request, resolve, reject });
      if (!writing) void drain();
    });
}
