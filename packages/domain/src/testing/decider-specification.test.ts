import { describe, it, expect } from '@jest/globals';
import type { Decider } from '../decider.ts';
import { deciderSpecification } from './decider-specification.ts';

/** A counter that refuses to go below zero: enough to show each outcome of a specification. */
type CounterEvent = { type: 'Added'; by: number };
const counter: Decider<number, { add: number }, CounterEvent> = {
  decide: ({ add }, total) => {
    if (total + add < 0) throw new RangeError('below zero');
    return add === 0 ? [] : [{ type: 'Added', by: add }];
  },
  evolve: (total, event) => total + event.by,
  initialState: () => 0,
};
const spec = deciderSpecification(counter);
const added = (by: number): CounterEvent => ({ type: 'Added', by });

describe('deciderSpecification', () => {
  it('passes when the decided events are the expected ones, on the state folded from the given events', () => {
    spec
      .given([added(2)])
      .when({ add: -2 })
      .then([added(-2)]);
    spec
      .given([added(2)])
      .when({ add: 0 })
      .thenNothingHappened();
    spec
      .given([added(2)])
      .when({ add: -3 })
      .thenThrows(RangeError, (e) => e.message === 'below zero');
  });

  it('fails on other events, on events where none were expected, and on an unexpected error', () => {
    expect(() =>
      spec
        .given([])
        .when({ add: 1 })
        .then([added(2)]),
    ).toThrow();
    expect(() => spec.given([]).when({ add: 1 }).thenNothingHappened()).toThrow();
    expect(() => spec.given([]).when({ add: -1 }).then([])).toThrow(RangeError);
  });

  it('fails when decide does not throw, throws another error type, or an error the check refuses', () => {
    expect(() => spec.given([]).when({ add: 1 }).thenThrows(RangeError)).toThrow(/expected decide to throw/);
    expect(() => spec.given([]).when({ add: -1 }).thenThrows(TypeError)).toThrow(/expected a TypeError/);
    expect(() =>
      spec
        .given([])
        .when({ add: -1 })
        .thenThrows(RangeError, () => false),
    ).toThrow(/did not pass the check/);
  });
});
