/**
 * Why a string cannot be stored as UTF-8 text and read back unchanged, or undefined when it can.
 * A lone surrogate has no UTF-8 encoding (drivers write U+FFFD instead), and PostgreSQL text cannot hold U+0000:
 * either way the stored bytes would differ from the bytes that were hashed.
 */
export function unstorableTextProblem(text: string): string | undefined {
  if (!text.isWellFormed()) return 'must be well-formed Unicode (it holds a lone surrogate)';
  if (text.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  return undefined;
}

/** The first string (object key or value) inside a JSON value that cannot be stored, with its path. */
export function findUnstorableText(
  value: unknown,
  path: string[] = [],
): { path: string[]; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = unstorableTextProblem(value);
    return problem === undefined ? undefined : { path, problem };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableTextProblem(key);
      if (keyProblem) return { path: [...path, key], problem: `key ${keyProblem}` };
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
