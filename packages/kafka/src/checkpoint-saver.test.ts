import { describe, it, expect } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkpointSaver } from './checkpoint-saver.ts';
import type { CheckpointStore } from './checkpoint.ts';

/** A checkpoint store that records every position written. */
function recording(): CheckpointStore & { writes: number[] } {
  const writes: number[] = [];
  return {
    writes,
    read: async () => writes.at(-1) ?? 0,
    save: async (p) => void writes.push(p),
    close: async () => {},
  };
}

describe('checkpointSaver', () => {
  it('writes the first acknowledged position at once, then at most once per interval, the latest one', async () => {
    const checkpoint = recording();
    let position = 0;
    const saver = checkpointSaver(checkpoint, () => position, { everyMs: 200, onError: () => {} });
    position = 10;
    await saver.published();
    expect(checkpoint.writes).toEqual([10]);
    for (const p of [20, 30, 40]) {
      position = p;
      await saver.published();
    }
    expect(checkpoint.writes).toEqual([10]);
    await sleep(400);
    expect(checkpoint.writes).toEqual([10, 40]);
    await saver.close();
  });

  it('writes what is left when closed, and nothing when nothing moved', async () => {
    const checkpoint = recording();
    let position = 5;
    const saver = checkpointSaver(checkpoint, () => position, { everyMs: 60_000, onError: () => {} });
    await saver.close();
    expect(checkpoint.writes).toEqual([]);
    position = 7;
    await saver.published();
    position = 9;
    await saver.published();
    await saver.close();
    expect(checkpoint.writes).toEqual([7, 9]);
  });

  it('never lets an older position land after a newer one when writes are slow', async () => {
    const writes: number[] = [];
    const slow: CheckpointStore = {
      read: async () => 0,
      save: async (p) => {
        await sleep(p === 1 ? 50 : 0);
        writes.push(p);
      },
      close: async () => {},
    };
    let position = 0;
    const saver = checkpointSaver(slow, () => position, { everyMs: 0, onError: () => {} });
    position = 1;
    const first = saver.published();
    await sleep(10); // the write of 1 has begun, and takes 50 ms
    position = 2;
    await Promise.all([first, saver.published()]);
    expect(writes).toEqual([1, 2]);
  });
});
