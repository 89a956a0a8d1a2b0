import { describe, it, expect } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { evaluateExtraction, parseAnnotatedSpans } from './evaluate.ts';

const GOLD = fileURLToPath(new URL('../../../../shared/gold', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../../seeds', import.meta.url));

describe('evaluation against the hand annotation', () => {
  it('reaches the recall, precision and field accuracy measured when the rules were written', async () => {
    const e = await evaluateExtraction(GOLD, SEEDS);
    expect(e.recall).toBeGreaterThanOrEqual(0.98);
    expect(e.precision).toBeGreaterThanOrEqual(0.98);
    for (const field of ['value', 'unit', 'kind', 'comparator', 'region'] as const)
      expect(e.accuracy[field]).toBeGreaterThanOrEqual(0.98);
    for (const field of ['status', 'period'] as const) expect(e.accuracy[field]).toBeGreaterThanOrEqual(0.95);
    expect(e.accuracy.indicator).toBeGreaterThanOrEqual(0.85);
  });

  it('reads the annotated spans from the README table', () => {
    const spans = parseAnnotatedSpans('| `000_x.jsonl` | 130–175 | 21 |\n| `002_y.jsonl` | all | 34 |\n');
    expect(spans.get('000_x')).toEqual([[130, 175]]);
    expect(spans.get('002_y')?.[0]?.[0]).toBe(1);
  });
});
