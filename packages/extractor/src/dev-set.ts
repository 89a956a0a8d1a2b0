/** Loads the development set: documents stored as UTF-8, GBK or HTML bytes, decoded to the text the extractor reads. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '@ledger/canonical';
import { DocumentMetadataSchema, parseOrThrow } from '@ledger/domain';
import type { SourceDocument } from '@ledger/source-documents';
import { decodeText } from './decode-text.ts';

const DevSetManifestSchema = z.object({
  documents: z.array(DocumentMetadataSchema.extend({ mediaType: z.string().min(1) })).min(1),
});

export async function loadDevSet(dir: string): Promise<SourceDocument[]> {
  const manifest = parseOrThrow(
    DevSetManifestSchema,
    JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
    'manifest',
  );
  return Promise.all(
    manifest.documents.map(async ({ mediaType, ...metadata }) => {
      const bytes = await readFile(join(dir, metadata.fileName));
      if (sha256Hex(bytes) !== metadata.sha256)
        throw new Error(`${metadata.fileName}: sha256 differs from the manifest; rebuild the dev set`);
      return { metadata, raw: decodeText(bytes, { mediaType }) };
    }),
  );
}
