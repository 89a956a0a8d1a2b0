import { z } from 'zod';
import { lineText, multilineText } from './text.ts';

/**
 * Where a figure was read: offsets are Unicode code points into the raw file as published (UTF-8 decoded),
 * charEnd exclusive; line and column are 1-based. Anyone can open the file and find the quote there.
 */
export const CitationSchema = z
  .object({
    documentId: lineText().min(1, 'must not be empty').max(100),
    documentSha256: lineText().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256'),
    line: z.number().int().min(1, 'must be at least 1'),
    column: z.number().int().min(1, 'must be at least 1'),
    charStart: z.number().int().min(0, 'must not be negative'),
    charEnd: z.number().int(),
    quote: multilineText().min(1, 'must not be empty').max(2000),
  })
  .refine((c) => c.charEnd > c.charStart, { message: 'must be greater than charStart', path: ['charEnd'] });
export type Citation = z.infer<typeof CitationSchema>;

export type CitationCheck = { ok: true } | { ok: false; field: keyof Citation; problem: string };

/** Checks a citation against the raw text of its document: the quote must be exactly the text at the offsets. */
export function checkCitation(raw: string, citation: Citation): CitationCheck {
  const chars = Array.from(raw);
  if (citation.charEnd > chars.length)
    return { ok: false, field: 'charEnd', problem: `is past the end of the document (${chars.length} characters)` };
  const actual = chars.slice(citation.charStart, citation.charEnd).join('');
  if (actual !== citation.quote)
    return {
      ok: false,
      field: 'quote',
      problem: `does not match the raw text at ${citation.charStart}..${citation.charEnd} ("${actual}")`,
    };
  const { line, column } = lineAndColumn(chars, citation.charStart);
  if (line !== citation.line)
    return { ok: false, field: 'line', problem: `should be ${line} for offset ${citation.charStart}` };
  if (column !== citation.column)
    return { ok: false, field: 'column', problem: `should be ${column} for offset ${citation.charStart}` };
  return { ok: true };
}

export function lineAndColumn(chars: readonly string[], offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (chars[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
