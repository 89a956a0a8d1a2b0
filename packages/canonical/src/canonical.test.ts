import { describe, it, expect } from '@jest/globals';
import { canonicalJson, contentUuid } from './index.ts';

describe('canonicalJson', () => {
  it('gives equal bytes for equal content whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
  it('drops undefined properties like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('contentUuid', () => {
  it('is a stable RFC 9562 version 8 UUID that changes with content or namespace', () => {
    const id = contentUuid('figure', { a: 1 });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(contentUuid('figure', { a: 1 })).toBe(id);
    expect(contentUuid('figure', { a: 2 })).not.toBe(id);
    expect(contentUuid('event', { a: 1 })).not.toBe(id);
  });
});
