import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ValidationError } from '@ledger/domain';
import { readDocument, type GivenMetadata, type ReadDocument } from '@ledger/intake';
import { loadListedDocument } from '@ledger/source-documents';
import { UsageError } from './cli-args.ts';

export const METADATA_FLAGS = {
  region: { type: 'string' },
  published: { type: 'string' },
  kind: { type: 'string' },
  title: { type: 'string' },
} as const;

/**
 * A file as a document to register. A manifest.json beside it that lists it gives its metadata when no flag does
 * (the seeds); otherwise the flags and the text do. A field that fails is named by its flag (`--region: …`).
 */
export async function readFileDocument(path: string, given: GivenMetadata): Promise<ReadDocument> {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  const flagged = Object.values(given).some((v) => v !== undefined);
  if (!flagged) {
    const listed = await loadListedDocument(path);
    if (listed) return { ...listed, inferred: {} };
  }
  try {
    return readDocument(await readFile(path), { ...given, fileName: basename(path) });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.problems.map((p) => ({
        field: p.field in METADATA_FLAGS ? `--${p.field}` : `${path} (${p.field})`,
        problem: p.problem,
      })),
    );
  }
}
