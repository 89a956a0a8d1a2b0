import { deepStrictEqual, fail } from 'node:assert/strict';
import { evolveAll, type Decider } from '../decider.ts';

/**
 * Given/when/then for a decider, after Emmett's DeciderSpecification:
 * `spec.given(events).when(command).then(events)`, `.thenNothingHappened()` or `.thenThrows(ErrorType, check)`.
 * The state is folded from the given events with the decider's own evolve, so a test states history, not state.
 */
export interface DeciderSpecification<Command, Event> {
  given(events: readonly Event[]): {
    when(command: Command): {
      /** The decided events, exactly (deep equality). */
      then(expected: readonly Event[]): void;
      thenNothingHappened(): void;
      /** Decide throws an instance of `errorType`, for which `check` (if given) holds. */
      thenThrows<E extends Error>(errorType: new (...args: never[]) => E, check?: (error: E) => boolean): void;
    };
  };
}

export function deciderSpecification<State, Command, Event>(
  decider: Decider<State, Command, Event>,
): DeciderSpecification<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        const decide = () => decider.decide(command, evolveAll(decider, events));
        return {
          then: (expected) => deepStrictEqual(decide(), expected),
          thenNothingHappened: () => deepStrictEqual(decide(), []),
          thenThrows: (errorType, check) => {
            let decided: Event[];
            try {
              decided = decide();
            } catch (error) {
              if (!(error instanceof errorType))
                fail(`expected a ${errorType.name}, but decide threw ${String(error)}`);
              if (check && !check(error)) fail(`the error did not pass the check: ${String(error)}`);
              return;
            }
            fail(`expected decide to throw, but it decided ${JSON.stringify(decided)}`);
          },
        };
      },
    }),
  };
}
