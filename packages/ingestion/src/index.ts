export { ingestDocuments, type IngestProgress, type IngestSummary } from './ingest-documents.ts';
export { figureReportOf } from './figure-report.ts';
export {
  intakeDocument,
  defaultExtractor,
  tallyOf,
  addTally,
  type Extractor,
  type IntakeOptions,
  type IntakeResult,
  type FigureTally,
} from './intake-document.ts';
export { reextractDocuments, type ReextractionResult } from './reextract.ts';
export { planReextraction } from './plan-reextraction.ts';
