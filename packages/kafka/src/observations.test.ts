import { describe, it, expect } from '@jest/globals';
import { observationMessage } from './observations.ts';

describe('observationMessage', () => {
  it('sends a value as JSON and a tombstone as a message without value', () => {
    expect(observationMessage({ key: 'k', value: null })).toEqual({ key: 'k', value: null });
    expect(observationMessage({ key: 'k', value: '{"value":"1"}' })).toEqual({
      key: 'k',
      value: '{"value":"1"}',
      headers: { 'content-type': 'application/json' },
    });
  });
});
