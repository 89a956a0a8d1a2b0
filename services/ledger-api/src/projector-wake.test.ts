import { describe, it, expect } from '@jest/globals';
import { beginCatchUp, createProjectorWake, markAppended, mayWait } from './projector-wake.ts';

describe('projector wake', () => {
  it('sends a message only to a thread that waits', () => {
    const wake = createProjectorWake();
    expect(mayWait(wake)).toBe(true);
    expect(markAppended(wake)).toBe(true);
    // Marked again before the thread began: it is already being woken.
    expect(markAppended(wake)).toBe(false);
  });

  it('makes a thread that was appended to while catching up catch up again instead of waiting', () => {
    const wake = createProjectorWake();
    beginCatchUp(wake);
    expect(markAppended(wake)).toBe(false);
    expect(mayWait(wake)).toBe(false);
    beginCatchUp(wake);
    expect(mayWait(wake)).toBe(true);
  });

  it('lets a thread wait after a catch-up during which nothing was appended, and then wakes it', () => {
    const wake = createProjectorWake();
    beginCatchUp(wake);
    expect(mayWait(wake)).toBe(true);
    expect(markAppended(wake)).toBe(true);
    beginCatchUp(wake);
    expect(mayWait(wake)).toBe(true);
  });

  it('is one state for both threads: a copy of the array shares it', () => {
    const wake = createProjectorWake();
    const other = new Int32Array(wake.buffer);
    expect(mayWait(other)).toBe(true);
    expect(markAppended(wake)).toBe(true);
  });
});
