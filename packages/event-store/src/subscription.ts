import type { EventFilter, Position, RecordedEvent, Subscription } from './types.ts';

export interface SubscriptionSource {
  readAll(options: { fromPosition: Position; maxCount: number; filter?: EventFilter }): Promise<RecordedEvent[]>;
  headPosition(): Promise<Position>;
  /** Resolves when new events may have been appended (or after a polling interval), or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

const PAGE = 500;

/**
 * Catch-up-then-live subscription over any store that can read its global order.
 * Resuming is subscribing again from the last handled position + 1.
 */
export function subscribeFrom(source: SubscriptionSource, fromPosition: Position, filter?: EventFilter): Subscription {
  const closing = new AbortController();
  async function* events(): AsyncGenerator<RecordedEvent> {
    let next = Math.max(fromPosition, 1);
    while (!closing.signal.aborted) {
      // Head first: every event up to it is visible, so after a short page nothing below it is left unread.
      const head = await source.headPosition();
      const page = await source.readAll({ fromPosition: next, maxCount: PAGE, ...(filter && { filter }) });
      for (const event of page) {
        if (closing.signal.aborted) return;
        yield event;
        next = event.position + 1;
      }
      if (page.length < PAGE) {
        next = Math.max(next, head + 1);
        if (page.length === 0) await source.waitForAppend(closing.signal);
      }
    }
  }
  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closing.abort();
      await iterator.return(undefined);
    },
  };
}

/** A cheap check whether another process appended since the last check, run every `intervalMs` while anyone waits. */
export interface AppendProbe {
  changed(): boolean;
  intervalMs: number;
}

/**
 * Wakes waiting subscribers when this process appends; for appends made by other processes it polls: with a probe
 * (cheap, so often) while anyone waits, and in any case every `pollIntervalMs`, when waiters look for themselves.
 */
export class AppendSignal {
  private waiters = new Set<() => void>();
  private readonly pollIntervalMs: number;
  private readonly probe: AppendProbe | undefined;
  private probing: ReturnType<typeof setInterval> | undefined;
  constructor(pollIntervalMs: number, probe?: AppendProbe) {
    this.pollIntervalMs = pollIntervalMs;
    this.probe = probe;
  }

  notify(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
    this.stopProbing();
  }

  wait(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        if (this.waiters.size === 0) this.stopProbing();
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      signal.addEventListener('abort', done);
      this.waiters.add(done);
      this.startProbing();
    });
  }

  private startProbing(): void {
    const probe = this.probe;
    if (!probe || this.probing) return;
    this.probing = setInterval(() => {
      if (probe.changed()) this.notify();
    }, probe.intervalMs);
    this.probing.unref();
  }

  private stopProbing(): void {
    clearInterval(this.probing);
    this.probing = undefined;
  }
}
