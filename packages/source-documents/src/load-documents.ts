import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '@ledger/canonical';
import { DocumentMetadataSchema, parseOrThrow, type DocumentMetadata } from '@ledger/domain';

/** A source document: its metadata from the manifest and its raw text, whose sha256 matched the manifest. */
export interface SourceDocument {
  metadata: DocumentMetadata;
  raw: string;
}

export class DocumentLoadError extends Error {
  override readonly name = 'DocumentLoadError';
}

const ManifestSchema = z.object({
  documents: z.array(DocumentMetadataSchema).min(1, 'must list at least one document'),
});

/** Reads `manifest.json` in a directory and every document it lists, refusing any file whose sha256 differs. */
export async function loadDocumentDirectory(dir: string): Promise<SourceDocument[]> {
  const manifestPath = join(dir, 'manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new DocumentLoadError(`cannot read ${manifestPath}: ${(error as Error).message}`);
  }
  const manifest = parseOrThrow(ManifestSchema, json, 'manifest');
  return Promise.all(manifest.documents.map((metadata) => readChecked(join(dir, metadata.fileName), metadata)));
}

/** Loads one file; its metadata comes from the manifest beside it. */
export async function loadDocumentFile(path: string): Promise<SourceDocument> {
  const dir = join(path, '..');
  const name = basename(path);
  const documents = await loadDocumentDirectory(dir);
  const found = documents.find((d) => d.metadata.fileName === name);
  if (!found) throw new DocumentLoadError(`${name} is not listed in ${join(dir, 'manifest.json')}`);
  return found;
}

async function readChecked(path: string, metadata: DocumentMetadata): Promise<SourceDocument> {
  const bytes = await readFile(path);
  const actual = sha256Hex(bytes);
  if (actual !== metadata.sha256) {
    throw new DocumentLoadError(
      `${metadata.fileName}: sha256 is ${actual}, the manifest says ${metadata.sha256}; the file was changed`,
    );
  }
  return { metadata, raw: bytes.toString('utf8') };
}

/**
 * The document a file is, by the `manifest.json` beside it, when there is one that lists the file; undefined
 * otherwise. Only this file's entry is checked, so a stale entry for another file blocks nothing.
 */
export async function loadListedDocument(path: string): Promise<SourceDocument | undefined> {
  const manifestPath = join(path, '..', 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new DocumentLoadError(`cannot read ${manifestPath}: ${(error as Error).message}`);
  }
  const listed = (json as { documents?: unknown[] } | null)?.documents?.find(
    (d) => (d as { fileName?: unknown } | null)?.fileName === basename(path),
  );
  if (listed === undefined) return undefined;
  return readChecked(path, parseOrThrow(DocumentMetadataSchema, listed, `${manifestPath}: ${basename(path)}`));
}
