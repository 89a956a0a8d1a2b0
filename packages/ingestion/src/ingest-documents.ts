import { eventIdOf, extractorRecorder } from '@ledger/domain';
import { EXTRACTOR_VERSION, extractFigures, groupObservations } from '@ledger/extractor';
import type { LedgerCommands } from '@ledger/ledger-commands';
import type { SourceDocument } from '@ledger/source-documents';
import { figureReportOf } from './figure-report.ts';

export interface IngestProgress {
  documentId: string;
  done: number;
  total: number;
}

export interface IngestSummary {
  documents: number;
  figures: number;
  /** Events appended by this run: zero when everything was ingested before. */
  appendedEvents: number;
}

/** Registers each document, then reports every figure extracted from it. Idempotent: a second run appends nothing. */
export async function ingestDocuments(
  commands: LedgerCommands,
  documents: readonly SourceDocument[],
  onProgress: (progress: IngestProgress) => void = () => {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { documents: 0, figures: 0, appendedEvents: 0 };
  for (const document of documents) {
    const { documentId } = document.metadata;
    const registration = { type: 'RegisterDocument' as const, document: document.metadata, text: document.raw };
    const registered = await commands.execute(registration, { metadata: { recordedBy: 'cli' } });
    summary.appendedEvents += registered.appended.length;
    const metadata = {
      recordedBy: extractorRecorder(EXTRACTOR_VERSION),
      causationId: eventIdOf({
        type: 'DocumentRegistered',
        data: { schemaVersion: 1, ...document.metadata, text: document.raw },
      }),
    };
    const observations = groupObservations(extractFigures(document));
    for (const [i, observation] of observations.entries()) {
      const result = await commands.execute(
        { type: 'ReportFigure', report: figureReportOf(observation) },
        { metadata },
      );
      summary.appendedEvents += result.appended.length;
      onProgress({ documentId, done: i + 1, total: observations.length });
    }
    summary.documents++;
    summary.figures += observations.length;
  }
  return summary;
}
