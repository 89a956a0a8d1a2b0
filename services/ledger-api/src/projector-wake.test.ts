import { describe, it, expect } from '@jest/globals';
import { beginCatchUp, createProjectorWake, markAppended, mayWait, type ProjectorWake } from './projector-wake.ts';

/** A step of either thread, and what it answers (beginCatchUp answers nothing). */
const steps = {
  begin: (wake: ProjectorWake) => (beginCatchUp(wake), undefined),
  mayWait,
  append: markAppended,
};
type Step = [keyof typeof steps, boolean | undefined];

describe('projector wake', () => {
  it.each<[string, Step[]]>([
    [
      'sends a message only to a thread that waits, once until it begins again',
      [
        ['mayWait', true],
        ['append', true],
        ['append', false],
      ],
    ],
    [
      'makes a thread appended to while catching up catch up again instead of waiting',
      [
        ['begin', undefined],
        ['append', false],
        ['mayWait', false],
        ['begin', undefined],
        ['mayWait', true],
      ],
    ],
    [
      'lets a thread wait after a catch-up during which nothing was appended, and then wakes it',
      [
        ['begin', undefined],
        ['mayWait', true],
        ['append', true],
        ['begin', undefined],
        ['mayWait', true],
      ],
    ],
  ])('%s', (_name, sequence) => {
    const wake = createProjectorWake();
    expect(sequence.map(([step]) => steps[step](wake))).toEqual(sequence.map(([, answer]) => answer));
  });

  it('is one state for both threads: a copy of the array shares it', () => {
    const wake = createProjectorWake();
    const other = new Int32Array(wake.buffer);
    expect(mayWait(other)).toBe(true);
    expect(markAppended(wake)).toBe(true);
  });
});
