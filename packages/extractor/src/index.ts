export { extractFigures, type ExtractedFigure } from './extract.ts';
export { groupObservations, type Observation, type FigureCitation } from './observations.ts';
export { evaluateDevSet, evaluateExtraction, type ExtractionEvaluation, type GoldFigure } from './evaluate.ts';
export { decodeText, htmlToText, TextDecodeError, type DecodeOptions } from './decode-text.ts';
export { normalizeText, type NormalizedText } from './normalize.ts';
export { parseChineseNumeral } from './chinese-numerals.ts';
export { EXTRACTOR_VERSION } from './version.ts';
