import { loadConfig } from '@ledger/config';
import { ingestDocuments } from '@ledger/ingestion';
import { createLedgerCommands, openLedgerEventStore } from '@ledger/ledger-commands';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { callerPath, commandArgs, UsageError } from './cli-args.ts';

/** `ledger ingest [dir]`: registers each document of the directory and appends its figures; progress on a terminal. */
export async function runIngest(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  const { positionals } = commandArgs(args, {});
  if (positionals.length > 1) throw new UsageError('give at most one directory');
  const dir = callerPath(positionals[0] ?? 'seeds');
  const documents = await loadDocumentDirectory(dir);
  const store = await openLedgerEventStore(loadConfig());
  try {
    const summary = await ingestDocuments(createLedgerCommands(store), documents, (p) => {
      if (err.isTTY) err.write(`\r${p.documentId}: ${p.done}/${p.total} figures`.padEnd(60));
    });
    if (err.isTTY) err.write('\n');
    out.write(`${JSON.stringify({ ...summary, headPosition: await store.headPosition() })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
