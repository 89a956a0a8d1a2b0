/**
 * Traditional characters read as simplified, for matching only: the result has exactly the length of the input,
 * so offsets into it are offsets into the text it came from (quotes and citations stay on the raw text).
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Characters common in any report written in traditional characters, absent from simplified text. */
const TRADITIONAL_HINT = /[們個這為來說時會國對經發動產業區縣實進預計億萬長與開關間現體點將從園總額類務]/;

export function simplifiedForMatching(text: string): string {
  if (!TRADITIONAL_HINT.test(text)) return text;
  const whole = toSimplified(text);
  if (whole.length === text.length) return whole;
  // A phrase converted to a different length: convert character by character, keeping any that would change length.
  return Array.from(text, (c) => {
    const converted = toSimplified(c);
    return converted.length === c.length ? converted : c;
  }).join('');
}
