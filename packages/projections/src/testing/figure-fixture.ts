import type { FigureView } from '../read-model-types.ts';

let position = 0;

/** An active figure of 370112 GDP 2022 with a fresh id and position, changed by `overrides`. */
export function figure(overrides: Partial<FigureView> = {}): FigureView {
  position++;
  return {
    figureId: `f${position}`,
    seriesKey: '370112:GDP:level:元',
    period: '2022',
    track: 'result',
    value: '1265',
    unit: '亿元',
    baseValue: '126500000000',
    comparator: 'eq',
    status: 'actual',
    numberAsWritten: '1265',
    documentId: 'doc',
    published: '2023-01-07',
    availableFrom: '2023-01-07',
    citations: [],
    position,
    recordedAt: '2026-01-01T00:00:00.000Z',
    standing: 'active',
    supersedes: null,
    supersededBy: null,
    endedAtPosition: null,
    reason: null,
    ...overrides,
  };
}
