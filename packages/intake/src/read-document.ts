import { sha256Hex } from '@ledger/canonical';
import type { DocumentMetadata } from '@ledger/domain';
import { decodeDocument } from './decode.ts';
import { inferMetadata, type GivenMetadata, type InferredMetadata } from './infer-metadata.ts';

/** A document ready to register: its metadata (given or inferred), its stored text, and what was inferred. */
export interface ReadDocument {
  metadata: DocumentMetadata;
  raw: string;
  inferred: InferredMetadata['inferred'];
}

/** Bytes and what the caller said about them → a document to register; bad bytes or metadata throw a ValidationError. */
export function readDocument(bytes: Uint8Array, given: GivenMetadata & { contentType?: string }): ReadDocument {
  const decoded = decodeDocument(bytes, given.contentType === undefined ? {} : { contentType: given.contentType });
  const { metadata, inferred } = inferMetadata({
    text: decoded.text,
    given,
    originalSha256: sha256Hex(bytes),
    textSha256: sha256Hex(decoded.text),
    mediaType: decoded.mediaType,
    ...(decoded.htmlTitle && { htmlTitle: decoded.htmlTitle }),
  });
  return { metadata, raw: decoded.text, inferred };
}
