export { canonicalJson } from './canonical-json.ts';
export { sha256Hex, contentUuid } from './content-hash.ts';
export { unstorableTextProblem, findUnstorableText } from './storable-text.ts';
