// The API's answers, as far as the pages read them.
export interface Subject {
  type: 'region' | 'entity';
  code?: string;
  regionCode?: string;
  name?: string;
}
export interface Series {
  seriesKey: string;
  subject: Subject;
  indicatorCode: string;
  indicatorName: string;
  indicatorNames: string[];
  kind: string;
  unitBase: string;
  observationCount: number;
}
export interface Citation {
  documentId: string;
  documentSha256: string;
  line: number;
  column: number;
  charStart: number;
  charEnd: number;
  quote: string;
}
export interface Figure {
  figureId: string;
  seriesKey: string;
  period: string;
  track: 'result' | 'target';
  value: string;
  unit: string;
  baseValue: string;
  comparator: string;
  status: string;
  documentId: string;
  published: string;
  availableFrom: string;
  citations: Citation[];
  position: number;
  recordedAt: string;
  standing: string;
  supersedes: string | null;
  supersededBy: string | null;
  reason: string | null;
}
export interface Observation {
  seriesKey: string;
  period: string;
  track: 'result' | 'target';
  best: Figure;
  corroborations: Figure[];
  conflicts: Array<Figure & { differsIn: string[] }>;
}
/** A span of a document's text that figures cite, with the first figure recorded citing it. */
export interface CitedSpan {
  charStart: number;
  charEnd: number;
  figureCount: number;
  first: Pick<Figure, 'figureId' | 'value' | 'unit' | 'comparator' | 'status' | 'standing' | 'position'>;
}
export interface Vintage extends Figure {
  publishedFrom: string;
  supersededFrom: string | null;
}
export interface DocumentView {
  documentId: string;
  title: string;
  publisher: string;
  published: string;
  sha256: string;
  regionCode: string;
  figureCount: number;
  text?: string;
}
export interface AuditEntry {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  hash: string;
  reason: string | null;
  recordedBy?: string;
}
export interface RevisionValue {
  figureId: string;
  value: string;
  unit: string;
  comparator: string;
  status: string;
  published: string;
}
export interface Revisions {
  observations: Array<{
    period: string;
    track: string;
    firstRelease: RevisionValue;
    latest: RevisionValue;
    revisions: Array<{ from: RevisionValue; to: RevisionValue; date: string; size: string; daysSincePrevious: number }>;
  }>;
  targets: Array<{
    period: string;
    target: RevisionValue;
    result: RevisionValue;
    gap: string;
    attained: boolean | null;
  }>;
}
export interface ConflictSummary {
  seriesKey: string;
  period: string;
  track: string;
  values: Array<{ value: string; unit: string; comparator: string; status: string; figureIds: string[] }>;
}
