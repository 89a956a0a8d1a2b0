/**
 * Traditional characters read as simplified, for matching only: the result has exactly the length of the input,
 * so offsets into it are offsets into the text it came from (quotes and citations stay on the raw text).
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Characters common in any report written in traditional characters, absent from simplified text. */
const TRADITIONAL_HINT = /[們個這為來說時會國對經發動產業區縣實進預計億萬長與開關間現體點將從園總額類務]/;

/** TRADITIONAL_HINT as a table over UTF-16 code units: a look-up per character beats the pattern on long texts. */
const HINT_UNITS = new Uint8Array(0x10000);
for (let code = 0; code < HINT_UNITS.length; code++)
  if (TRADITIONAL_HINT.test(String.fromCharCode(code))) HINT_UNITS[code] = 1;

function hasTraditionalHint(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (HINT_UNITS[text.charCodeAt(i)] === 1) return true;
  return false;
}

export function simplifiedForMatching(text: string): string {
  if (!hasTraditionalHint(text)) return text;
  const whole = toSimplified(text);
  if (whole.length === text.length) return whole;
  // A phrase converted to a different length: convert character by character, keeping any that would change length.
  return Array.from(text, (c) => {
    const converted = toSimplified(c);
    return converted.length === c.length ? converted : c;
  }).join('');
}
