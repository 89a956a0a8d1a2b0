import { describe, it, expect } from '@jest/globals';
import type { StreamAppend, StreamAppendOutcome } from './types.ts';
import { groupCommit } from './group-commit.ts';
import { newEvent } from './contract/event-store-contract.ts';

const request = (stream: string, size = 1): StreamAppend => ({
  stream,
  events: Array.from({ length: size }, (_, i) => newEvent('A', { i })),
  expectedRevision: 'any',
});

/** A writer that records the streams of each group it is given and answers with running positions. */
function recordingWriter(fail: (requests: StreamAppend[]) => boolean = () => false) {
  const groups: string[][] = [];
  let position = 0;
  const write = async (requests: StreamAppend[]): Promise<StreamAppendOutcome[]> => {
    groups.push(requests.map((r) => r.stream));
    await new Promise((resolve) => setTimeout(resolve, 5)); // a transaction in flight
    if (fail(requests)) throw new Error(`transaction of ${requests.length} failed`);
    return requests.map((r) => ({
      ok: true,
      result: { nextExpectedRevision: 0, position: (position += r.events.length) },
      written: r.events.length,
    }));
  };
  return { groups, write };
}

describe('groupCommit', () => {
  it('starts a lone append at once, and puts appends made meanwhile into the next transaction together', async () => {
    const { groups, write } = recordingWriter();
    const append = groupCommit(write);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((s) => append(request(s))));
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    expect(results.map((r) => [r.result.position, r.written])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
  });

  it('rejects only the append whose own outcome is an error', async () => {
    const append = groupCommit(async (requests) =>
      requests.map((r): StreamAppendOutcome =>
        r.stream === 'bad'
          ? { ok: false, error: new Error('bad') }
          : { ok: true, result: { nextExpectedRevision: 0, position: 1 }, written: 1 },
      ),
    );
    const outcomes = await Promise.allSettled(['a', 'bad', 'c'].map((s) => append(request(s))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('writes a failed group again one append at a time, so one that breaks the transaction fails alone', async () => {
    const { groups, write } = recordingWriter((requests) => requests.some((r) => r.stream === 'breaks'));
    const append = groupCommit(write);
    const outcomes = await Promise.allSettled(['first', 'a', 'breaks', 'b'].map((s) => append(request(s))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(groups).toEqual([['first'], ['a', 'breaks', 'b'], ['a'], ['breaks'], ['b']]);
  });

  it('keeps a group within maxEvents (a larger append goes alone)', async () => {
    const { groups, write } = recordingWriter();
    const append = groupCommit(write, { maxEvents: 10 });
    await Promise.all(
      [request('first'), request('a', 6), request('b', 4), request('c', 1), request('big', 20)].map(append),
    );
    expect(groups).toEqual([['first'], ['a', 'b'], ['c'], ['big']]);
  });

  it('with gather, lets appends of the same turn share the first transaction of a synchronous writer', async () => {
    const groups: string[][] = [];
    const append = groupCommit(
      (requests) => {
        groups.push(requests.map((r) => r.stream));
        return requests.map((): StreamAppendOutcome => ({
          ok: true,
          result: { nextExpectedRevision: 0, position: 1 },
          written: 1,
        }));
      },
      { gather: () => new Promise((resolve) => setImmediate(resolve)) },
    );
    await Promise.all(['a', 'b', 'c'].map((s) => append(request(s))));
    expect(groups).toEqual([['a', 'b', 'c']]);
  });
});
