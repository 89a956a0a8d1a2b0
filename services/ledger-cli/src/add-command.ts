import { randomUUID } from 'node:crypto';
import { loadConfig } from '@ledger/config';
import { DomainError, ValidationError } from '@ledger/domain';
import { groupObservations } from '@ledger/extractor';
import { addTally, defaultExtractor, intakeDocument, tallyOf, type FigureTally } from '@ledger/ingestion';
import { createLedgerCommands, openLedgerEventStore, type LedgerCommands } from '@ledger/ledger-commands';
import { callerPath, commandArgs, UsageError } from './cli-args.ts';
import { progressBar } from './progress-bar.ts';
import { METADATA_FLAGS, readFileDocument } from './read-file-document.ts';

export interface AddSummary {
  documents: number;
  registered: number;
  /** Files whose document was registered before (the same bytes and metadata): nothing appended for them. */
  alreadyRegistered: number;
  failed: number;
  appendedEvents: number;
  dryRun: boolean;
  figures: FigureTally;
}

/**
 * `ledger add <file…>`: registers each file and appends its figures, as the extractor of this version reads them.
 * Prints what it inferred per file (stderr), a progress bar on a terminal, and a summary (stdout, JSON).
 * A file that cannot be read is named with the reason and skipped; the exit code is then 2.
 */
export async function runAdd(
  args: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  const { positionals, values } = commandArgs(args, { ...METADATA_FLAGS, 'dry-run': { type: 'boolean' } });
  const { 'dry-run': dryRun = false, ...given } = values;
  if (positionals.length === 0) throw new UsageError('give at least one file');
  const summary: AddSummary = {
    documents: positionals.length,
    registered: 0,
    alreadyRegistered: 0,
    failed: 0,
    appendedEvents: 0,
    dryRun,
    figures: tallyOf([]),
  };
  const store = dryRun ? undefined : await openLedgerEventStore(loadConfig());
  const commands: LedgerCommands | undefined = store && createLedgerCommands(store);
  const correlationId = `cli-add-${randomUUID()}`;
  const bar = progressBar(err, positionals.length, 'files');
  try {
    for (const [i, file] of positionals.entries()) {
      try {
        const document = await readFileDocument(callerPath(file), given);
        const inferred = Object.entries(document.inferred).map(([k, v]) => `${k}=${v}`);
        if (inferred.length) bar.log(`${file}: inferred ${inferred.join(', ')}`);
        if (!commands) {
          addTally(
            summary.figures,
            tallyOf(groupObservations(defaultExtractor.extract(document)).map((o) => o.figure)),
          );
        } else {
          const result = await intakeDocument(commands, document, { registeredBy: 'cli', correlationId });
          if (result.registered) summary.registered++;
          else summary.alreadyRegistered++;
          summary.appendedEvents += result.appendedEvents;
          addTally(summary.figures, result.tally);
        }
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof UsageError || error instanceof DomainError))
          throw error;
        summary.failed++;
        bar.log(`${file}: ${error.message}`);
      }
      bar.update(i + 1);
    }
  } finally {
    bar.done();
    await store?.close();
  }
  out.write(`${JSON.stringify(summary)}\n`);
  return summary.failed ? 2 : 0;
}
