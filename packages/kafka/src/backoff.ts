/** Resolves after `ms`, or at once when `signal` aborts (the caller checks `signal.aborted`). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface Backoff {
  minMs: number;
  maxMs: number;
}

/** Delay before retry `attempt` (1-based): doubling from minMs up to maxMs, with jitter so restarted relays spread out. */
export const backoffDelay = (attempt: number, { minMs, maxMs }: Backoff, random = Math.random): number =>
  Math.round(Math.min(maxMs, minMs * 2 ** (attempt - 1)) * (0.5 + random() / 2));

/**
 * Runs `attempt` until it succeeds, waiting longer after each failure; never gives up, since a skipped batch would be
 * a lost event. Rejects only when `signal` aborts, with the signal's reason.
 */
export async function retryUntilDone<T>(
  attempt: () => Promise<T>,
  options: { signal: AbortSignal; backoff: Backoff; onFailure: (error: unknown, delayMs: number) => void },
): Promise<T> {
  for (let failures = 1; ; failures++) {
    options.signal.throwIfAborted();
    try {
      return await abandonOnAbort(attempt(), options.signal);
    } catch (error) {
      options.signal.throwIfAborted();
      const delay = backoffDelay(failures, options.backoff);
      options.onFailure(error, delay);
      await pause(delay, options.signal);
    }
  }
}

/** Settles like `work`, or rejects at once when `signal` aborts: shutting down need not wait out a hung request. */
function abandonOnAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // an abandoned attempt may still fail later; nobody waits for it any more
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
