import { describe, it, expect } from '@jest/globals';
import { backoffDelay, retryUntilDone } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles up to the maximum, between half and all of it', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, { minMs: 100, maxMs: 500 }, top))).toEqual([
      100, 200, 400, 500, 500,
    ]);
    expect(backoffDelay(1, { minMs: 100, maxMs: 500 }, () => 0)).toBe(50);
  });
});

describe('retryUntilDone', () => {
  const backoff = { minMs: 1, maxMs: 2 };

  it('retries until the attempt succeeds, reporting each failure', async () => {
    let calls = 0;
    const failures: unknown[] = [];
    const result = await retryUntilDone(
      async () => {
        if (++calls < 3) throw new Error(`fail ${calls}`);
        return 'ok';
      },
      { signal: new AbortController().signal, backoff, onFailure: (error) => failures.push((error as Error).message) },
    );
    expect(result).toBe('ok');
    expect(failures).toEqual(['fail 1', 'fail 2']);
  });

  it('stops waiting for a hung attempt when the signal aborts', async () => {
    const stop = new AbortController();
    const hung = retryUntilDone(() => new Promise(() => {}), { signal: stop.signal, backoff, onFailure: () => {} });
    stop.abort(new Error('stopping'));
    await expect(hung).rejects.toThrow('stopping');
  });
});
