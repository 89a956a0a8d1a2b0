import type { Citation, Comparator, FigureKind, FigureStatus, Subject } from '@ledger/domain';

/**
 * What the read models answer. Three times stay apart: the reference `period` a figure describes, the publication
 * date of its source (`availableFrom`: the END of the source's publication interval, YYYY-MM-DD), and the record
 * `position`/`recordedAt` at which the ledger appended the event.
 */

export interface SeriesSummary {
  seriesKey: string;
  subject: Subject;
  indicatorCode: string;
  indicatorName: string;
  /** Every name the indicator is known by (catalog synonyms), for search. */
  indicatorNames: string[];
  kind: FigureKind;
  unitBase: string;
  observationCount: number;
}

export interface SeriesSearch {
  /** A region code: region subjects with that code and entities located in it. */
  region?: string;
  indicatorCode?: string;
  /** Chinese text matched against indicator names and synonyms, and entity names. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** Targets are kept apart from results (actuals and estimates) of the same period. */
export type Track = 'result' | 'target';

/** One report of a value: a FigureReported or FigureCorrected event, and how it stands now. */
export interface FigureView {
  figureId: string;
  seriesKey: string;
  period: string;
  track: Track;
  value: string;
  unit: string;
  /** The value in the series' base unit (亿元 → 元), exact. */
  baseValue: string;
  comparator: Comparator;
  status: FigureStatus;
  numberAsWritten: string | null;
  documentId: string;
  /** The source's publication date as known (YYYY, YYYY-MM or YYYY-MM-DD). */
  published: string;
  availableFrom: string;
  citations: Citation[];
  position: number;
  recordedAt: string;
  /** active; superseded by a correction (`supersededBy`); or retracted. */
  standing: 'active' | 'superseded' | 'retracted';
  supersedes: string | null;
  supersededBy: string | null;
  /** The position of the correction or retraction that ended this figure, if any. */
  endedAtPosition: number | null;
  reason: string | null;
}

/** The best value of one series for one period and track, with every supporting and contradicting source. */
export interface ObservationView {
  seriesKey: string;
  period: string;
  track: Track;
  best: FigureView;
  /** Other standing figures with the same base value and comparator. */
  corroborations: FigureView[];
  /** Standing figures of the same status whose base value or comparator differs. */
  conflicts: Array<FigureView & { differsIn: Array<'value' | 'comparator'> }>;
}

/** A vintage: one reported value with its publication interval [publishedFrom, supersededFrom), like ALFRED's real-time periods. */
export interface VintageView extends FigureView {
  publishedFrom: string;
  /** The publication date from which another figure became the best value; null while it is still the best. */
  supersededFrom: string | null;
}

/** "As published by date D" (with the ledger as it stands now) and/or "as recorded at position P or time T". */
export interface PointInTime {
  publishedBy?: string;
  recordedAtPosition?: number;
  recordedAtTime?: string;
}

export interface AuditEntry {
  position: number;
  eventId: string;
  type: 'FigureReported' | 'FigureCorrected' | 'FigureRetracted';
  stream: string;
  recordedAt: string;
  hash: string;
  figureId: string;
  reason: string | null;
  citations: Citation[];
}

export interface ConflictSummary {
  seriesKey: string;
  period: string;
  track: Track;
  values: Array<{ value: string; unit: string; comparator: Comparator; status: FigureStatus; figureIds: string[] }>;
}

export interface DocumentView {
  documentId: string;
  fileName: string;
  title: string;
  kind: string;
  publisher: string;
  speaker: string | null;
  regionCode: string;
  published: string;
  availableFrom: string;
  periodCovered: string;
  sha256: string;
  position: number;
  figureCount: number;
}

/** What an export reads: the observations of a region and/or indicator at a point in time, a page at a time. */
export interface ObservationExport {
  region?: string;
  indicatorCode?: string;
  at?: PointInTime;
  /** Every figure recorded by the point in time, superseded and retracted ones too, not only those standing. */
  includeHistory?: boolean;
  /** Rows read per query; memory is bounded by it. */
  pageSize?: number;
}

/** Where an observation sorts in a region's snapshot (series, period, track): the keyset its pages are read by. */
export interface ObservationKey {
  seriesKey: string;
  period: string;
  track: Track;
}

/** A page of a region's snapshot: at most `limit` observations after `after`, in key order. */
export interface SnapshotPageRequest {
  at?: PointInTime;
  limit: number;
  after?: ObservationKey;
}

export interface SnapshotPage {
  observations: ObservationView[];
  /** The series of those observations, each once. */
  series: SeriesSummary[];
  /** Whether observations follow this page. */
  more: boolean;
}

/** A page of a document's figures: at most `limit` recorded after position `afterPosition`, in record order. */
export interface FigurePageRequest {
  limit: number;
  afterPosition?: number;
}

export interface FigurePage {
  figures: FigureView[];
  /** Whether figures follow this page. */
  more: boolean;
}

/**
 * A span of a document's text that its figures cite, with the first figure recorded citing it (which a highlight
 * opens) and how many figures cite exactly this span.
 */
export interface CitedSpan {
  charStart: number;
  charEnd: number;
  figureCount: number;
  first: Pick<FigureView, 'figureId' | 'value' | 'unit' | 'comparator' | 'status' | 'standing' | 'position'>;
}

export interface LedgerQueries {
  listDocuments(): Promise<DocumentView[]>;
  getDocument(documentId: string): Promise<DocumentView | undefined>;
  searchSeries(search: SeriesSearch): Promise<SeriesSummary[]>;
  getSeries(seriesKey: string): Promise<SeriesSummary | undefined>;
  /** Current best values per period and track, or as of a point in time. */
  observations(seriesKey: string, at?: PointInTime): Promise<ObservationView[]>;
  vintages(seriesKey: string): Promise<VintageView[]>;
  /** Every series of a region (and its entities) with its values at a point in time. */
  regionSnapshot(regionCode: string, at?: PointInTime): Promise<ObservationView[]>;
  /** One page of the same snapshot, read by keyset: the pages in turn hold exactly its observations. */
  regionSnapshotPage(regionCode: string, page: SnapshotPageRequest): Promise<SnapshotPage>;
  /** How many observations the snapshot holds. */
  regionObservationCount(regionCode: string, at?: PointInTime): Promise<number>;
  getFigure(
    figureId: string,
  ): Promise<{ figure: FigureView; observation: ObservationView | undefined; audit: AuditEntry[] } | undefined>;
  conflicts(options?: { limit?: number; offset?: number }): Promise<ConflictSummary[]>;
  /** The figures citing a document first (ended ones too), a page at a time in record order: what was extracted from it. */
  documentFigures(documentId: string, page: FigurePageRequest): Promise<FigurePage>;
  /** Every span of the document those figures cite, in the record order of each span's first figure. */
  documentSpans(documentId: string): Promise<CitedSpan[]>;
  /** The figures of each matching observation, one group per observation in key order, streamed in constant memory. */
  exportObservations(options: ObservationExport): AsyncIterable<FigureView[]>;
  /** The last event position the read models have applied. */
  checkpoint(): Promise<number>;
}
