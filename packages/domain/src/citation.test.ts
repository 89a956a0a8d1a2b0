import { describe, it, expect } from '@jest/globals';
import { checkCitation, CitationSchema } from './citation.ts';
import { sampleRaw, sampleReport } from './test-fixtures.ts';

describe('checkCitation', () => {
  const citation = sampleReport().citations[0]!;

  it('accepts a quote that is exactly the raw text at its offsets', () => {
    expect(checkCitation(sampleRaw, citation)).toEqual({ ok: true });
  });

  it('names the field that does not match', () => {
    expect(checkCitation(sampleRaw, { ...citation, quote: '一般公共预算收入 127 亿元' })).toMatchObject({
      ok: false,
      field: 'quote',
    });
    expect(checkCitation(sampleRaw, { ...citation, line: 1 })).toMatchObject({ ok: false, field: 'line' });
    expect(checkCitation(sampleRaw, { ...citation, column: 1 })).toMatchObject({ ok: false, field: 'column' });
    expect(checkCitation(sampleRaw, { ...citation, charEnd: 10_000 })).toMatchObject({ ok: false, field: 'charEnd' });
  });

  it('counts code points, not UTF-16 units', () => {
    const raw = '𠀀甲 12 亿元';
    const check = checkCitation(raw, { ...citation, line: 1, column: 4, charStart: 3, charEnd: 8, quote: '12 亿元' });
    expect(check).toEqual({ ok: true });
  });

  it('rejects an empty or reversed span by schema', () => {
    const parsed = CitationSchema.safeParse({ ...citation, charEnd: citation.charStart });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['charEnd']);
  });
});
