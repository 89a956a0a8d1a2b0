export { extractFigures, type ExtractedFigure } from './extract.ts';
export { groupObservations, type Observation, type FigureCitation } from './observations.ts';
export { evaluateExtraction, type ExtractionEvaluation, type GoldFigure } from './evaluate.ts';
export { normalizeText, type NormalizedText } from './normalize.ts';
export { parseChineseNumeral } from './chinese-numerals.ts';
export { EXTRACTOR_VERSION } from './version.ts';
