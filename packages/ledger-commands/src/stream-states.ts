import { LRUCache } from 'lru-cache';

/** A stream's folded state and the revision it was folded to (-1: no stream yet). */
export interface StreamState<State> {
  state: State;
  revision: number;
}

export interface StreamStates<State> {
  get(stream: string): StreamState<State> | undefined;
  keep(stream: string, current: StreamState<State>): void;
}

export interface StreamStatesOptions<State> {
  /** What all kept states may weigh together, in the units of `weigh`. */
  maxWeight: number;
  /** A state's weight, about proportional to the memory it holds (figures, characters of text); at least 1. */
  weigh: (state: State) => number;
}

/**
 * Kept states of the streams used most recently, bounded by what they hold rather than by how many there are: one
 * long series or one long document weighs as much as many short ones, so memory does not grow with history.
 */
export function createStreamStates<State>({ maxWeight, weigh }: StreamStatesOptions<State>): StreamStates<State> {
  const states = new LRUCache<string, StreamState<State>>({
    maxSize: maxWeight,
    sizeCalculation: (kept) => Math.max(1, weigh(kept.state)),
  });
  return {
    get: (stream) => states.get(stream),
    // A state heavier than all may weigh is not kept: the next command reads its stream again.
    keep: (stream, current) => void states.set(stream, current),
  };
}
