import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { checkCitation, CitationSchema, indexText, lineAndColumn } from './citation.ts';
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

describe('checkCitation over a text index', () => {
  /** The rule as first written: split into code points, slice, count newlines before the offset. */
  function naive(raw: string, c: { charStart: number; charEnd: number }) {
    const chars = Array.from(raw);
    if (c.charEnd > chars.length) return undefined;
    const before = chars.slice(0, c.charStart);
    const lastNewline = before.lastIndexOf('\n');
    return {
      quote: chars.slice(c.charStart, c.charEnd).join(''),
      line: before.filter((ch) => ch === '\n').length + 1,
      column: c.charStart - lastNewline,
    };
  }
  const base = sampleReport().citations[0]!;

  it('agrees with splitting the text into code points, for any text and span', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '\n', '𠀀', '😀', '中', '\r', '\t'), maxLength: 300 });
    fc.assert(
      fc.property(text, fc.nat(310), fc.nat(40), (raw, start, length) => {
        const span = { charStart: start, charEnd: start + length + 1 };
        const expected = naive(raw, span);
        const index = indexText(raw);
        if (!expected) {
          expect(checkCitation(index, { ...base, ...span })).toMatchObject({ ok: false, field: 'charEnd' });
          return;
        }
        expect(checkCitation(index, { ...base, ...span, ...expected })).toEqual({ ok: true });
        expect(lineAndColumn(index, start)).toEqual({ line: expected.line, column: expected.column });
      }),
      { numRuns: 500 },
    );
  });

  it('checks 1,000 citations into a 5,000,000-character document against one small index', () => {
    const line = '完成一般公共预算收入 126 亿元，可比增长 6.8%😀\n';
    const raw = line.repeat(Math.ceil(5_000_000 / line.length));
    const index = indexText(raw);
    const lineLength = Array.from(line).length;
    // One offset per 64 code points and one entry per line: the document is walked here, once.
    expect(index.strideOffsets.length).toBeLessThanOrEqual(index.codePoints / 64 + 2);
    expect(index.lineStarts.length).toBe(raw.split('\n').length);
    for (let i = 0; i < 1000; i++) {
      const lineNo = 1 + ((i * 7919) % (index.lineStarts.length - 1));
      const charStart = (lineNo - 1) * lineLength + 11;
      const citation = { ...base, line: lineNo, column: 12, charStart, charEnd: charStart + 6, quote: '126 亿元' };
      expect(checkCitation(index, citation)).toEqual({ ok: true });
    }
  });
});
