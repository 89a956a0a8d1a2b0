import { z } from 'zod';
import { unstorableTextProblem } from '@ledger/canonical';

// C0 controls (U+0000-U+001F). Document texts keep tab, line feed and carriage return, which real files contain.
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);
const hasControl = (text: string, keepLayout: boolean): boolean => {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 && !(keepLayout && LAYOUT.has(unit))) return true;
  }
  return false;
};

function textSchema(keepLayout: boolean, allowed: string) {
  return z.string().superRefine((text, ctx) => {
    const problem = unstorableTextProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, abort: true });
    else if (hasControl(text, keepLayout))
      ctx.addIssue({ code: 'custom', message: `must not contain control characters${allowed}`, abort: true });
  });
}

/**
 * Every string the ledger accepts, in bodies, queries and paths, starts here: well-formed Unicode (no lone surrogate,
 * which cannot be stored as UTF-8) and free of control characters (U+0000 cannot be stored in PostgreSQL text).
 */
export const lineText = () => textSchema(false, ' (U+0000-U+001F)');

/** Free text that may span lines: a document's raw text, a quote from it, a note or a reason. Tab, LF and CR allowed. */
export const multilineText = () => textSchema(true, ' (U+0000-U+001F other than tab, LF and CR)');
