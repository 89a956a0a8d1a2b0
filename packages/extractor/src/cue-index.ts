/** Positions of cues that scope over more than a sentence, found once per text instead of once per figure. */
import { ESTIMATE_CUE, GOAL_LIST_OPENER } from './cues.ts';

export interface CueIndex {
  goalOpeners: readonly number[];
  estimateCues: readonly number[];
}

let last: { text: string; index: CueIndex } | undefined;

export function cueIndex(text: string): CueIndex {
  if (last?.text !== text) {
    const positions = (cue: RegExp) => [...text.matchAll(new RegExp(cue.source, 'g'))].map((m) => m.index);
    last = { text, index: { goalOpeners: positions(GOAL_LIST_OPENER), estimateCues: positions(ESTIMATE_CUE) } };
  }
  return last.index;
}

/** The last of the ascending positions that lies before `at`, or -1. */
export function lastBefore(positions: readonly number[], at: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (positions[mid]! < at) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? -1 : positions[low - 1]!;
}
