/** Positions of cues that scope over more than a sentence, found once per text instead of once per figure. */
import { ESTIMATE_CUE, GOAL_LIST_OPENER } from './cues.ts';

export interface CueIndex {
  goalOpeners: readonly number[];
  estimateCues: readonly number[];
  /** Top-level section headings (一、…), and whether each reviews five years (过去五年, 本届政府). */
  sectionHeadings: ReadonlyArray<{ at: number; fiveYears: boolean }>;
}

let last: { text: string; index: CueIndex } | undefined;

export function cueIndex(text: string): CueIndex {
  if (last?.text === text)
    last.text = text; // an equal text in another string: compare by reference from now on
  else {
    const positions = (cue: RegExp) => [...text.matchAll(new RegExp(cue.source, 'g'))].map((m) => m.index);
    const sectionHeadings = [...text.matchAll(/(?<=^|\n)[一二三四五六七八九十]+、[^\n]*/g)].map((m) => ({
      at: m.index,
      fiveYears: /(五年|本届)/.test(m[0].slice(0, 30)),
    }));
    last = {
      text,
      index: { goalOpeners: positions(GOAL_LIST_OPENER), estimateCues: positions(ESTIMATE_CUE), sectionHeadings },
    };
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
