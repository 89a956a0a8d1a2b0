export { decodeDocument, parseContentType, type DecodedDocument } from './decode.ts';
export { htmlToText } from './html-text.ts';
export { inferMetadata, dateOfMeeting, type GivenMetadata, type InferredMetadata } from './infer-metadata.ts';
export { readDocument, type ReadDocument } from './read-document.ts';
