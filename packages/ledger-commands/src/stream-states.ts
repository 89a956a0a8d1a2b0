/** A stream's folded state and the revision it was folded to (-1: no stream yet). */
export interface StreamState<State> {
  state: State;
  revision: number;
}

export interface StreamStates<State> {
  get(stream: string): StreamState<State> | undefined;
  keep(stream: string, current: StreamState<State>): void;
}

/** Kept states of the streams used most recently: bounded, so memory does not grow with the number of streams. */
export function createStreamStates<State>({ capacity = 10_000 }: { capacity?: number } = {}): StreamStates<State> {
  const states = new Map<string, StreamState<State>>();
  return {
    get: (stream) => states.get(stream),
    keep(stream, current) {
      states.delete(stream); // re-inserted last: the map's first key is the stream used longest ago
      states.set(stream, current);
      if (states.size > capacity) states.delete(states.keys().next().value!);
    },
  };
}
