/**
 * The matches of a global pattern as `String.prototype.matchAll` finds them, without the copy of the pattern that
 * matchAll makes on every call: the rules scan short texts with module-level patterns several times per figure.
 */

/** One private copy per pattern, so that scanning never moves the `lastIndex` of the pattern itself. */
const scanners = new WeakMap<RegExp, RegExp>();

function scannerFor(pattern: RegExp): RegExp {
  if (!pattern.global) throw new TypeError(`a scan needs a global pattern: ${String(pattern)}`);
  let scanner = scanners.get(pattern);
  if (!scanner) {
    scanner = new RegExp(pattern.source, pattern.flags);
    scanners.set(pattern, scanner);
  }
  scanner.lastIndex = pattern.lastIndex; // where matchAll would start
  return scanner;
}

function next(scanner: RegExp, text: string): RegExpExecArray | null {
  const match = scanner.exec(text);
  // An empty match moves on by one character (one code point under u or v), as matchAll does.
  if (match && match[0] === '') {
    const at = scanner.lastIndex;
    const pair =
      (scanner.unicode || scanner.unicodeSets) &&
      at + 1 < text.length &&
      /[\uD800-\uDBFF]/.test(text[at]!) &&
      /[\uDC00-\uDFFF]/.test(text[at + 1]!);
    scanner.lastIndex = at + (pair ? 2 : 1);
  }
  return match;
}

export function matchesOf(text: string, pattern: RegExp): RegExpExecArray[] {
  const scanner = scannerFor(pattern);
  const found: RegExpExecArray[] = [];
  for (let match = next(scanner, text); match; match = next(scanner, text)) found.push(match);
  return found;
}

/** Where the last match starts, or -1. */
export function lastMatchIndex(text: string, pattern: RegExp): number {
  const scanner = scannerFor(pattern);
  let last = -1;
  for (let match = next(scanner, text); match; match = next(scanner, text)) last = match.index;
  return last;
}
