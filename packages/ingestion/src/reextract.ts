import { eventIdOf, extractorRecorder, type EventMetadata, type LedgerEvent } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { groupObservations } from '@ledger/extractor';
import type { LedgerCommands } from '@ledger/ledger-commands';
import { figureReportOf } from './figure-report.ts';
import { emptyFigureHistory, foldFigureHistory, type FigureHistory } from './figure-history.ts';
import { defaultExtractor, type Extractor } from './intake-document.ts';
import { planReextraction } from './plan-reextraction.ts';

export interface ReextractionResult {
  documentId: string;
  reported: number;
  corrected: number;
  retracted: number;
  appendedEvents: number;
}

const FIGURE_EVENTS = ['FigureReported', 'FigureCorrected', 'FigureRetracted'];
const PAGE = 5000;

/** Every figure event of the ledger folded with who recorded it. */
async function figureHistoryOf(store: EventStore): Promise<FigureHistory> {
  const history = emptyFigureHistory();
  for (let from = 1; ;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE, filter: { eventTypes: FIGURE_EVENTS } });
    for (const recorded of page)
      foldFigureHistory(history, { type: recorded.type, data: recorded.data } as LedgerEvent, recorded.metadata);
    if (page.length < PAGE) return history;
    from = page.at(-1)!.position + 1;
  }
}

/** The ids of every registered document, in the order they were registered. */
async function registeredDocumentIds(store: EventStore): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 1; ;) {
    const page = await store.readAll({
      fromPosition: from,
      maxCount: PAGE,
      filter: { eventTypes: ['DocumentRegistered'] },
    });
    ids.push(...page.map((e) => e.data.documentId as string));
    if (page.length < PAGE) return ids;
    from = page.at(-1)!.position + 1;
  }
}

/**
 * Extracts registered documents again (all of them, or the ones named) and appends what changed as corrections,
 * retractions and new reports with the reason `re-extracted by extractor@<version>`. A second run appends nothing.
 */
export async function reextractDocuments(
  commands: LedgerCommands,
  store: EventStore,
  options: { documentIds?: readonly string[]; extractor?: Extractor; correlationId?: string } = {},
): Promise<ReextractionResult[]> {
  const extractor = options.extractor ?? defaultExtractor;
  const recordedBy = extractorRecorder(extractor.version);
  const reason = `re-extracted by ${recordedBy}`;
  const history = await figureHistoryOf(store);
  const results: ReextractionResult[] = [];
  for (const documentId of options.documentIds ?? (await registeredDocumentIds(store))) {
    const { document, text } = await commands.loadDocument(documentId);
    if (!document || text === undefined) continue;
    const fresh = groupObservations(extractor.extract({ metadata: document, raw: text })).map(figureReportOf);
    const metadata: EventMetadata = {
      recordedBy,
      ...(options.correlationId && { correlationId: options.correlationId }),
      causationId: eventIdOf({ type: 'DocumentRegistered', data: { schemaVersion: 1, ...document, text } }),
    };
    const result: ReextractionResult = { documentId, reported: 0, corrected: 0, retracted: 0, appendedEvents: 0 };
    for (const command of planReextraction({ documentId, history, fresh, reason })) {
      const { appended } = await commands.execute(command, { metadata });
      result.appendedEvents += appended.length;
      if (command.type === 'ReportFigure') result.reported += appended.length;
      if (command.type === 'CorrectFigure') result.corrected += appended.length;
      if (command.type === 'RetractFigure') result.retracted += appended.length;
    }
    results.push(result);
  }
  return results;
}
