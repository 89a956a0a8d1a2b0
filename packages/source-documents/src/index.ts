export { loadDocumentDirectory, loadDocumentFile, DocumentLoadError, type SourceDocument } from './load-documents.ts';
