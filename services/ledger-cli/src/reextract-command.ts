import { randomUUID } from 'node:crypto';
import { loadConfig } from '@ledger/config';
import { DocumentIdSchema, parseOrThrow } from '@ledger/domain';
import { reextractDocuments } from '@ledger/ingestion';
import { createLedgerCommands, openLedgerEventStore } from '@ledger/ledger-commands';
import { commandArgs, UsageError } from './cli-args.ts';

/** `ledger reextract [--document ID]`: extracts registered documents again and appends what changed. */
export async function runReextract(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { positionals, values } = commandArgs(args, { document: { type: 'string' } });
  if (positionals.length > 0)
    throw new UsageError('reextract takes no file; name a registered document with --document');
  const documentIds =
    values.document === undefined ? undefined : [parseOrThrow(DocumentIdSchema, values.document, '--document')];
  const store = await openLedgerEventStore(loadConfig());
  try {
    const commands = createLedgerCommands(store);
    if (documentIds && !(await commands.loadDocument(documentIds[0]!)).document)
      throw new UsageError(`--document: no document ${documentIds[0]} is registered`);
    const results = await reextractDocuments(commands, store, {
      ...(documentIds && { documentIds }),
      correlationId: `cli-reextract-${randomUUID()}`,
    });
    for (const result of results) out.write(`${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
