import { describe, it, expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '@ledger/canonical';
import { validateAppend } from './append-rules.ts';
import type { NewEvent } from './types.ts';

const event = (overrides: Record<string, unknown> = {}) =>
  ({ eventId: randomUUID(), type: 'A', data: { b: [1, 'x'], a: null }, ...overrides }) as NewEvent;
const refusal = (e: NewEvent) => {
  try {
    validateAppend('s', [e], 'any');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('validateAppend', () => {
  it("returns each event's data and metadata as the canonical JSON it checked", () => {
    const e = event({ metadata: { z: 1, y: '元' } });
    expect(validateAppend('s', [e], 'any')).toEqual([
      { data: canonicalJson(e.data), metadata: canonicalJson(e.metadata) },
    ]);
    expect(validateAppend('s', [event()], 'any')[0]!.metadata).toBe('{}');
  });

  it('accepts plain objects (also without a prototype) and refuses any other envelope, naming the field', () => {
    expect(refusal(event({ data: Object.assign(Object.create(null), { a: 1 }) }))).toBeUndefined();
    expect(refusal(event({ data: [1] }))).toMatch(/^events\.0\.data: /);
    expect(refusal(event({ data: new Map() }))).toMatch(/^events\.0\.data: /);
    expect(refusal(event({ data: { constructor: Map } }))).toMatch(/^events\.0\.data: /);
    expect(refusal(event({ data: { [Symbol('s')]: 1 } }))).toMatch(/^events\.0\.data/);
    expect(refusal(event({ metadata: 'text' }))).toMatch(/^events\.0\.metadata: /);
    expect(refusal(event({ eventId: 'not-a-uuid' }))).toMatch(/^events\.0\.eventId: must be a UUID/);
    expect(refusal(event({ type: 'T'.repeat(201) }))).toMatch(/^events\.0\.type: must be at most 200/);
    expect(refusal(event({ type: 7 }))).toMatch(/^events\.0\.type: /);
  });
});
