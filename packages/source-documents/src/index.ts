export {
  loadDocumentDirectory,
  loadDocumentFile,
  loadListedDocument,
  DocumentLoadError,
  type SourceDocument,
} from './load-documents.ts';
