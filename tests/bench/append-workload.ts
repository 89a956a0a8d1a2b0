import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@ledger/event-store';

const STREAMS = 10_000;

/** A payload the size and shape of a FigureReported event (about 600 bytes of JSON). */
function payload(i: number): Record<string, unknown> {
  return {
    schemaVersion: 1,
    figureId: randomUUID(),
    seriesKey: `370112:X-指标${i % STREAMS}:level:元`,
    period: '2022',
    value: `${i}.5`,
    unit: '亿元',
    comparator: 'eq',
    status: 'actual',
    numberAsWritten: `${i}.5`,
    citations: [
      {
        documentId: 'doc',
        documentSha256: 'a'.repeat(64),
        line: 12,
        column: 3,
        charStart: 400,
        charEnd: 420,
        quote: '完成一般公共预算收入 126 亿元，可比增长 6.8%',
      },
    ],
  };
}

export type AppendWork = Array<{ stream: string; events: NewEvent[] }>;

/** `total` events in batches of `size`, spread over 10,000 streams. */
export function batches(total: number, size: number): AppendWork {
  const out = [];
  for (let b = 0; b < total / size; b++) {
    const events = Array.from({ length: size }, (_, k) => ({
      eventId: randomUUID(),
      type: 'FigureReported',
      data: payload(b * size + k),
    }));
    out.push({ stream: `series-${b % STREAMS}`, events });
  }
  return out;
}

type Timer = (work: AppendWork, size: number) => Promise<number>;

/** Times the store and the raw baseline on the same work for each [batch size, event count]; events/s and ratios. */
export async function appendThroughput(
  runs: ReadonlyArray<readonly [size: number, total: number]>,
  timeRaw: Timer,
  timeStore: Timer,
): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const [size, total] of runs) {
    const work = batches(total, size);
    const raw = total / (await timeRaw(work, size));
    const store = total / (await timeStore(work, size));
    figures[`batch ${size}: store events/s`] = Math.round(store);
    figures[`batch ${size}: raw insert events/s`] = Math.round(raw);
    figures[`batch ${size}: ratio store/raw`] = Number((store / raw).toFixed(2));
  }
  return figures;
}
