import { describe, it, expect } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { evaluateDevSet, evaluateExtraction, parseAnnotatedSpans } from './evaluate.ts';

const GOLD = fileURLToPath(new URL('../../../../shared/gold', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../../seeds', import.meta.url));
const DEV_SET = fileURLToPath(new URL('../dev-set', import.meta.url));

describe('evaluation against the hand annotation', () => {
  it('reaches the recall, precision and field accuracy measured when the rules were written', async () => {
    const e = await evaluateExtraction(GOLD, SEEDS);
    expect(e.recall).toBe(1);
    expect(e.precision).toBeGreaterThanOrEqual(0.98);
    for (const field of ['value', 'unit', 'kind', 'comparator', 'region'] as const)
      expect(e.accuracy[field]).toBeGreaterThanOrEqual(0.98);
    for (const field of ['status', 'period'] as const) expect(e.accuracy[field]).toBeGreaterThanOrEqual(0.95);
    expect(e.accuracy.indicator).toBeGreaterThanOrEqual(0.85);
  });

  it('reaches recall, precision, status and kind on the development set of other regions', async () => {
    const e = await evaluateDevSet(DEV_SET);
    expect(e.gold).toBeGreaterThanOrEqual(400);
    expect(e.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.precision).toBeGreaterThanOrEqual(0.95);
    expect(e.accuracy.status).toBeGreaterThanOrEqual(0.9);
    expect(e.accuracy.kind).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the annotated spans from the README table', () => {
    const spans = parseAnnotatedSpans('| `000_x.jsonl` | 130–175 | 21 |\n| `002_y.jsonl` | all | 34 |\n');
    expect(spans.get('000_x')).toEqual([[130, 175]]);
    expect(spans.get('002_y')?.[0]?.[0]).toBe(1);
  });
});
