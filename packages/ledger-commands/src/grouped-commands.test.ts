import { describe, it, expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  createMemoryEventStore,
  groupCommit,
  nextTurn,
  WrongExpectedVersionError,
  type EventStore,
} from '@ledger/event-store';

/** As executeCommand groups its appends. */
const createGroupCommit = (store: Pick<EventStore, 'appendToStreams'>) => {
  const append = groupCommit((appends) => store.appendToStreams(appends), { gather: nextTurn });
  return { append };
};

const event = () => ({ eventId: randomUUID(), type: 'A', data: { n: 1 } });

describe('group commit of commands over appendToStreams', () => {
  it('writes appends made in one turn of the event loop in one store call; a refused one fails alone', async () => {
    const store = createMemoryEventStore();
    const groups: number[] = [];
    const counting: Pick<EventStore, 'appendToStreams'> = {
      appendToStreams: (appends, options) => {
        groups.push(appends.length);
        return store.appendToStreams(appends, options);
      },
    };
    const group = createGroupCommit(counting);
    await store.appendToStream('taken', [event()]);
    const results = await Promise.allSettled([
      group.append({ stream: 'a', events: [event()] }),
      group.append({ stream: 'taken', events: [event()], expectedRevision: 'no_stream' }),
      group.append({ stream: 'a', events: [event()], expectedRevision: 0 }),
    ]);
    expect(groups).toEqual([3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readAll()).map((e) => [e.stream, e.revision])).toEqual([
      ['taken', 0],
      ['a', 0],
      ['a', 1],
    ]);
  });

  it('gathers the next group while one is being written', async () => {
    const store = createMemoryEventStore();
    const groups: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const group = createGroupCommit({
      appendToStreams: async (appends, options) => {
        groups.push(appends.length);
        if (groups.length === 1) await gate;
        return store.appendToStreams(appends, options);
      },
    });
    const first = group.append({ stream: 'a', events: [event()] });
    await new Promise((r) => setImmediate(r)); // the first group is in flight
    const later = [1, 2, 3].map(() => group.append({ stream: 'b', events: [event()] }));
    release();
    await Promise.all([first, ...later]);
    expect(groups).toEqual([1, 3]);
    expect(await store.headPosition()).toBe(4);
  });

  it('rejects every append of a group whose write failed', async () => {
    const group = createGroupCommit({ appendToStreams: async () => Promise.reject(new Error('disk full')) });
    const results = await Promise.allSettled([1, 2].map(() => group.append({ stream: 'a', events: [event()] })));
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'disk full',
      'disk full',
    ]);
  });
});
