export { ingestDocuments, type IngestProgress, type IngestSummary } from './ingest-documents.ts';
export { figureReportOf } from './figure-report.ts';
