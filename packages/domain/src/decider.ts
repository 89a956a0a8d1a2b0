import type { LedgerEvent } from './events.ts';

/** One aggregate's rules, in the shape of Emmett's Decider: what a command decides, and how an event changes state. */
export interface Decider<State, Command, Event> {
  /** The events a command produces against the current state (none: it changes nothing); throws DomainError to refuse it. */
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A decider with what the command side needs to run it against a stream of the ledger. */
export interface Aggregate<State, Command, Event extends LedgerEvent> {
  decider: Decider<State, Command, Event>;
  /** The stream a command is decided against. */
  streamOf(command: Command): string;
  /** Whether an event read from the log belongs to this aggregate's streams. */
  ownsEvent(event: LedgerEvent): event is Event;
}

/** Folds events into state with a decider, from its initial state unless another is given. */
export function evolveAll<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
  from: State = decider.initialState(),
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** The default branch of an exhaustive switch: the compiler proves it unreachable, and this says so if it is reached. */
export function unreachable(type: never, what: string): never {
  throw new Error(`unexpected ${what} type: ${String(type)}`);
}
