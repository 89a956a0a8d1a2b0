import { z } from 'zod';
import { ChangesQuery, FilteredEventsQuery } from './feed-filter.ts';
import {
  CorrectionBody,
  DocumentFiguresQuery,
  DocumentIntakeQuery,
  DocumentQuery,
  PageQuery,
  PointInTimeQuery,
  RegionSearchQuery,
  RegisterDocumentBody,
  ReportFigureBody,
  ReportFiguresBody,
  RetractionBody,
  SeriesQuery,
  SnapshotQuery,
} from './request-schemas.ts';
import { ObservationsCsvQuery, VintagesCsvQuery } from './exports/export-schemas.ts';
import { STRUCTURE_PATH } from './exports/sdmx.ts';
import { ConsistencyQuery, EntriesQuery, InclusionQuery } from './routes/log.ts';

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  write?: boolean;
  /** Served with a strong ETag; If-None-Match answers 304. */
  conditional?: boolean;
}

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness' },
  { method: 'get', path: '/readyz', summary: 'Ready once the projector has caught up with the event store' },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics' },
  { method: 'get', path: '/v1/documents', conditional: true, summary: 'Registered source documents' },
  {
    method: 'get',
    path: '/v1/documents/{documentId}',
    conditional: true,
    summary: 'One document; text=1 adds the raw text',
    query: DocumentQuery,
  },
  {
    method: 'get',
    path: '/v1/documents/{documentId}/text',
    conditional: true,
    summary: 'The raw text, byte for byte; immutable (ETag: its sha256, Cache-Control: immutable)',
  },
  {
    method: 'post',
    path: '/v1/documents',
    summary:
      'Register a document and append every figure extracted from it: JSON { document, text }, or the raw file ' +
      '(text/plain; charset=…, text/html) with region, published, kind and title in the query (read from the text ' +
      'when absent); extract=false registers only; the same document again answers 200 and appends nothing',
    query: DocumentIntakeQuery,
    body: RegisterDocumentBody,
    write: true,
  },
  {
    method: 'post',
    path: '/v1/documents/{documentId}/reextractions',
    summary: "Extract a registered document again; append corrections, retractions and new figures (never a person's)",
    write: true,
  },
  {
    method: 'get',
    path: '/v1/regions',
    summary: 'Divisions of the GB/T 2260 catalog by name, short name or code, each with its parent chain',
    query: RegionSearchQuery,
  },
  {
    method: 'get',
    path: '/v1/series',
    conditional: true,
    summary: 'Search series by region, indicator code or Chinese text',
    query: SeriesQuery,
  },
  {
    method: 'get',
    path: '/v1/series/{seriesKey}/observations',
    conditional: true,
    summary: 'Best values per period, now or at a point in time',
    query: PointInTimeQuery,
  },
  {
    method: 'get',
    path: '/v1/series/{seriesKey}/vintages',
    conditional: true,
    summary: 'Every reported value with its publication interval',
  },
  {
    method: 'get',
    path: '/v1/regions/{code}/snapshot',
    conditional: true,
    summary:
      "Every series' values for a region as published by a date, a page at a time in key order (series, period, " +
      'track): limit (default 100, at most 1000) observations with their series, total, and next: the link to the ' +
      'following page (cursor=, opaque), null on the last; snapshot.csv gives them all at once',
    query: SnapshotQuery,
  },
  {
    method: 'get',
    path: '/v1/figures/{figureId}',
    conditional: true,
    summary: 'A figure with its citation, corroborations, conflicts and audit trail',
  },
  { method: 'post', path: '/v1/figures', summary: 'Report a figure', body: ReportFigureBody, write: true },
  {
    method: 'post',
    path: '/v1/figures:batch',
    summary:
      'Report up to 1,000 figures at once, all or nothing (one transaction): a refused figure answers 4xx naming ' +
      'body.figures.<index>.<field> and nothing is appended; 201 with each figure’s result, 200 and nothing appended ' +
      'for a repeat',
    body: ReportFiguresBody,
    write: true,
  },
  {
    method: 'post',
    path: '/v1/figures/{figureId}/corrections',
    summary: 'Correct a figure (If-Match: stream revision)',
    body: CorrectionBody,
    write: true,
  },
  {
    method: 'post',
    path: '/v1/figures/{figureId}/retractions',
    summary: 'Retract a figure (If-Match: stream revision)',
    body: RetractionBody,
    write: true,
  },
  {
    method: 'get',
    path: '/v1/conflicts',
    conditional: true,
    summary: 'Observations whose sources disagree',
    query: PageQuery,
  },
  {
    method: 'get',
    path: '/v1/events',
    summary:
      'The change feed from a position, filtered by region=, indicator= and type=; as text/event-stream it stays live and resumes from Last-Event-ID',
    query: FilteredEventsQuery,
  },
  {
    method: 'get',
    path: '/v1/changes',
    summary:
      'What became known after a date (SDMX updatedAfter): figures from documents published after since=, corrections and retractions recorded after it',
    query: ChangesQuery,
  },
  { method: 'get', path: '/v1/verify', summary: 'Hash-chain verification of the whole event store' },
  {
    method: 'get',
    path: '/v1/documents/{documentId}/figures',
    conditional: true,
    summary:
      'The figures extracted from a document (ended ones too), a page at a time in record order: limit (default ' +
      '100, at most 1000), total, and next: the link to the following page (cursor=, opaque), null on the last',
    query: DocumentFiguresQuery,
  },
  {
    method: 'get',
    path: '/v1/documents/{documentId}/spans',
    conditional: true,
    summary:
      'Every span of the text those figures cite, once, with the first figure recorded citing it and how many do: ' +
      'what highlights the whole text',
  },
  {
    method: 'get',
    path: '/v1/series/{seriesKey}/revisions',
    summary: 'First release, latest value and each revision (size, days between) per period; target attainment',
  },
  {
    method: 'get',
    path: '/v1/exports/observations.csv',
    summary: 'SDMX-CSV 2.0 of best values (includeHistory: every figure), streamed, UTF-8 with BOM',
    query: ObservationsCsvQuery,
  },
  { method: 'get', path: STRUCTURE_PATH, summary: 'The SDMX data structure (SDMX-JSON) the SDMX-CSV export names' },
  {
    method: 'get',
    path: '/v1/series/{seriesKey}/vintages.csv',
    summary: 'ALFRED-style vintages: shape=long (real-time periods), wide (one column per vintage) or initial',
    query: VintagesCsvQuery,
  },
  {
    method: 'get',
    path: '/v1/regions/{code}/snapshot.csv',
    summary: "A region's snapshot as CSV, now or at a point in time",
    query: PointInTimeQuery,
  },
  {
    method: 'get',
    path: '/v1/log/public-key',
    summary: 'The C2SP verifier key of the log: <name>+<hex key id>+<base64(0x01 ‖ Ed25519 key)> (text/plain)',
  },
  {
    method: 'get',
    path: '/v1/log/checkpoint',
    summary: 'The latest signed checkpoint: a C2SP tlog-checkpoint as a signed note (text/plain; charset=utf-8)',
  },
  {
    method: 'get',
    path: '/v1/log/proof/inclusion',
    summary:
      'RFC 9162 inclusion proof of the event at `position` (leaf position − 1) in tree size `treeSize`: { leafIndex, treeSize, leafHash, rootHash, hashes } in hex, leaf to root',
    query: InclusionQuery,
  },
  {
    method: 'get',
    path: '/v1/log/proof/consistency',
    summary:
      'RFC 9162 consistency proof from tree size `first` to `second`: { first, second, firstRootHash, secondRootHash, hashes } in hex',
    query: ConsistencyQuery,
  },
  {
    method: 'get',
    path: '/v1/log/entries',
    summary: 'The events of leaves [start, end) (at most 1,000), each with its leaf index and leaf hash',
    query: EntriesQuery,
  },
];

const problem = {
  description: 'A problem (RFC 9457) naming the failing fields',
  content: { 'application/problem+json': { schema: { type: 'object' } } },
};

function operation(op: Operation): Record<string, unknown> {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  }));
  return {
    summary: op.summary,
    parameters: [...pathParams, ...queryParams],
    ...(op.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } },
      },
    }),
    ...(op.write && { security: [{ bearer: [] }] }),
    responses: {
      '200': { description: 'OK' },
      ...(op.conditional && { '304': { description: 'Not Modified: If-None-Match holds the current ETag' } }),
      ...(op.write && { '201': { description: 'Appended' } }),
      '4XX': problem,
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** OpenAPI 3.1, generated from the same zod schemas that validate the requests. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Indicator ledger',
      version: '1',
      description: 'Figures reported by local governments, each with its exact source; append-only.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
  return cached;
}

export const documentedOperations = (): ReadonlyArray<Pick<Operation, 'method' | 'path' | 'summary'>> => OPERATIONS;
