import { readFileSync } from 'node:fs';

/**
 * The extractor's version, from its package.json: events it records say `extractor@<version>`, and re-extraction
 * names it in its reasons. Bump it whenever a rule changes what is extracted.
 */
export const EXTRACTOR_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
