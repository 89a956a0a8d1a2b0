import {
  extractorRecorder,
  type EventMetadata,
  type FigureKind,
  type FigureStatus,
  type RecordedBy,
} from '@ledger/domain';
import { EXTRACTOR_VERSION, extractFigures, groupObservations, type ExtractedFigure } from '@ledger/extractor';
import type { LedgerCommands } from '@ledger/ledger-commands';
import type { SourceDocument } from '@ledger/source-documents';
import { figureReportOf } from './figure-report.ts';

/** The extractor a run uses: the package's own, or (in tests) another, with the version its events name. */
export interface Extractor {
  version: string;
  extract: (document: SourceDocument) => ExtractedFigure[];
}

export const defaultExtractor: Extractor = { version: EXTRACTOR_VERSION, extract: extractFigures };

/** Bounds the memory of one batch; a report rarely holds more figures. */
const REPORTS_PER_COMMIT = 1000;

export interface IntakeOptions {
  /** Who registers the document: `token:<name>` through the API, `cli` at the command line. */
  registeredBy: RecordedBy;
  correlationId?: string;
  /** false: register only. */
  extract?: boolean;
  extractor?: Extractor;
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** What the figures of one intake are: counts by status and kind, and indicators the catalogue does not know. */
export interface FigureTally {
  figures: number;
  byStatus: Partial<Record<FigureStatus, number>>;
  byKind: Partial<Record<FigureKind, number>>;
  uncatalogued: string[];
}

export interface IntakeResult {
  documentId: string;
  /** False when the same document was registered before: then nothing is extracted or appended. */
  registered: boolean;
  appendedEvents: number;
  tally: FigureTally;
}

/**
 * Registers a document and, the first time only, appends every figure the extractor reads in it. The registration
 * is the cause of each figure; a document already registered is left alone (re-extraction is its own command).
 */
export async function intakeDocument(
  commands: LedgerCommands,
  document: SourceDocument,
  options: IntakeOptions,
): Promise<IntakeResult> {
  const { documentId } = document.metadata;
  const correlation = options.correlationId ? { correlationId: options.correlationId } : {};
  const registration = await commands.execute(
    { type: 'RegisterDocument', document: document.metadata, text: document.raw },
    { metadata: { recordedBy: options.registeredBy, ...correlation } },
  );
  const cause = registration.appended[0];
  const result: IntakeResult = { documentId, registered: !!cause, appendedEvents: 0, tally: tallyOf([]) };
  if (!cause) return result;
  result.appendedEvents = registration.appended.length;
  if (options.extract === false) return result;
  const extractor = options.extractor ?? defaultExtractor;
  const observations = groupObservations(extractor.extract(document));
  const metadata: EventMetadata = {
    recordedBy: extractorRecorder(extractor.version),
    ...correlation,
    causationId: cause.eventId,
  };
  // A document's figures in batches of a commit each (one per figure made appends the cost of ledger add).
  const reports = observations.map((observation) => ({ type: 'ReportFigure', report: figureReportOf(observation) }));
  for (let from = 0; from < reports.length; from += REPORTS_PER_COMMIT) {
    const batch = reports.slice(from, from + REPORTS_PER_COMMIT);
    const reported = await commands.executeAll(batch, { metadata });
    result.appendedEvents += reported.reduce((n, r) => n + r.appended.length, 0);
    options.onProgress?.({ done: from + batch.length, total: reports.length });
  }
  result.tally = tallyOf(observations.map((o) => o.figure));
  return result;
}

export function tallyOf(figures: readonly ExtractedFigure[]): FigureTally {
  const tally: FigureTally = { figures: figures.length, byStatus: {}, byKind: {}, uncatalogued: [] };
  const uncatalogued = new Set<string>();
  for (const f of figures) {
    tally.byStatus[f.status] = (tally.byStatus[f.status] ?? 0) + 1;
    tally.byKind[f.kind] = (tally.byKind[f.kind] ?? 0) + 1;
    if (!f.indicatorCatalogued && f.indicator.trim()) uncatalogued.add(f.indicator);
  }
  tally.uncatalogued = [...uncatalogued].sort();
  return tally;
}

/** Adds one tally into another (a run over many files). */
export function addTally(into: FigureTally, from: FigureTally): FigureTally {
  into.figures += from.figures;
  for (const [k, n] of Object.entries(from.byStatus))
    into.byStatus[k as FigureStatus] = (into.byStatus[k as FigureStatus] ?? 0) + n;
  for (const [k, n] of Object.entries(from.byKind))
    into.byKind[k as FigureKind] = (into.byKind[k as FigureKind] ?? 0) + n;
  into.uncatalogued = [...new Set([...into.uncatalogued, ...from.uncatalogued])].sort();
  return into;
}
