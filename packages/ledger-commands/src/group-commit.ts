import type { AppendResult, EventStore, StreamAppend } from '@ledger/event-store';

/** A committed append: the store's result, and how many of its events were new (0: all were stored already). */
export interface GroupedAppend {
  result: AppendResult;
  written: number;
}

export interface GroupCommit {
  /** Resolves when the append is committed (or rejects with its own refusal, e.g. a wrong expected revision). */
  append(append: StreamAppend): Promise<GroupedAppend>;
}

interface Waiting {
  append: StreamAppend;
  resolve(appended: GroupedAppend): void;
  reject(error: unknown): void;
}

/**
 * Appends that arrive while the event loop is busy (with requests, or with the previous commit) are written together,
 * in one store transaction: one lock and one sync to disk for the group instead of one each. Each append keeps its
 * own expected-revision and idempotency checks, so a refused one fails alone. One group is in flight at a time; the
 * next gathers meanwhile.
 */
export function createGroupCommit(store: Pick<EventStore, 'appendToStreams'>): GroupCommit {
  let waiting: Waiting[] = [];
  let scheduled = false;
  let inFlight = false;

  function schedule(): void {
    if (scheduled || inFlight || waiting.length === 0) return;
    scheduled = true;
    // After the I/O callbacks of this turn, so that every request parsed in it joins the group.
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  }

  async function flush(): Promise<void> {
    const group = waiting;
    waiting = [];
    inFlight = true;
    try {
      const outcomes = await store.appendToStreams(group.map((w) => w.append));
      outcomes.forEach((outcome, i) =>
        outcome.ok
          ? group[i]!.resolve({ result: outcome.result, written: outcome.written })
          : group[i]!.reject(outcome.error),
      );
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      inFlight = false;
      schedule();
    }
  }

  return {
    append(append) {
      return new Promise((resolve, reject) => {
        waiting.push({ append, resolve, reject });
        schedule();
      });
    },
  };
}
