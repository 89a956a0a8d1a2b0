/**
 * Scores the extractor against a hand annotation: a prediction matches a gold figure when doc, line and
 * number agree (spaces and full-width digits folded, repeated numbers on a line in left-to-right order).
 * Precision counts only predictions inside the annotated spans.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareDecimals, parseDecimal, regionChain, resolveRegion, resolveUnit } from '@ledger/domain';
import { loadDocumentDirectory, type SourceDocument } from '@ledger/source-documents';
import { loadDevSet } from './dev-set.ts';
import { extractFigures, type ExtractedFigure } from './extract.ts';
import { resolvePhrase } from './indicator-phrase.ts';

export interface GoldFigure {
  doc: string;
  line: number;
  number: string;
  value: string;
  unit: string;
  indicator: string;
  kind: string;
  comparator: string;
  status: string;
  period: string;
  region: string;
  note?: string;
}

export const SCORED_FIELDS = [
  'value',
  'unit',
  'kind',
  'comparator',
  'status',
  'period',
  'indicator',
  'region',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface FieldMismatch {
  field: ScoredField;
  gold: GoldFigure;
  predicted: ExtractedFigure;
}

export interface ExtractionEvaluation {
  gold: number;
  predictedInSpans: number;
  matched: number;
  recall: number;
  precision: number;
  accuracy: Record<ScoredField, number>;
  misses: GoldFigure[];
  falsePositives: ExtractedFigure[];
  mismatches: FieldMismatch[];
}

type LineSpan = [from: number, to: number];

/** The seeds against the hand annotation in goldDir (shared/gold). */
export async function evaluateExtraction(goldDir: string, seedsDir: string): Promise<ExtractionEvaluation> {
  return evaluateAnnotated(goldDir, await loadDocumentDirectory(seedsDir));
}

/** The development set (packages/extractor/dev-set): its documents and their annotation live in one directory. */
export async function evaluateDevSet(devSetDir: string): Promise<ExtractionEvaluation> {
  return evaluateAnnotated(devSetDir, await loadDevSet(devSetDir));
}

async function evaluateAnnotated(goldDir: string, documents: readonly SourceDocument[]): Promise<ExtractionEvaluation> {
  const gold = await readGold(goldDir);
  const spans = parseAnnotatedSpans(await readFile(join(goldDir, 'README.md'), 'utf8'));
  const predicted = documents
    .filter((d) => spans.has(withoutExtension(d.metadata.fileName)))
    .flatMap((d) => extractFigures(d))
    .filter((f) => inSpans(spans.get(withoutExtension(f.doc))!, f.line));
  const regionOf = new Map(documents.map((d) => [d.metadata.fileName, d.metadata.regionCode]));
  return score(gold, predicted, (g) => goldRegion(g.region, regionOf.get(g.doc)));
}

/**
 * The code of an annotated region name (南山区 is a name in two provinces: the one on the document's chain, or
 * the one inside the document's province); an entity's name stays a name.
 */
function goldRegion(name: string, documentRegion: string | undefined): string {
  const candidates = resolveRegion(name);
  if (candidates.length === 1) return candidates[0]!.code;
  const chain = documentRegion ? regionChain(documentRegion) : [];
  const province = chain[0]?.code;
  const near =
    candidates.find((c) => chain.some((r) => r.code === c.code)) ??
    candidates.find((c) => province !== undefined && regionChain(c.code)[0]?.code === province);
  return near?.code ?? name;
}

async function readGold(goldDir: string): Promise<GoldFigure[]> {
  const files = (await readdir(goldDir)).filter((f) => f.endsWith('.jsonl')).sort();
  const records: GoldFigure[] = [];
  for (const file of files) {
    const text = await readFile(join(goldDir, file), 'utf8');
    for (const line of text.split('\n')) if (line.trim() !== '') records.push(JSON.parse(line) as GoldFigure);
  }
  return records;
}

/**
 * The README's table: | `000_….jsonl` | 130–175 | 21 |; "all" for a whole document. Keyed by document id (the file
 * name without its extension), as a document may be stored as .txt or .html.
 */
export function parseAnnotatedSpans(readme: string): Map<string, LineSpan[]> {
  const spans = new Map<string, LineSpan[]>();
  for (const match of readme.matchAll(/^\|\s*`([^`]+)\.jsonl`\s*\|\s*([^|]+)\|/gm)) {
    const ranges =
      match[2]!.trim() === 'all'
        ? [[1, Number.MAX_SAFE_INTEGER] as LineSpan]
        : match[2]!.split(',').map((r) => r.trim().split(/[–-]/).map(Number) as LineSpan);
    spans.set(match[1]!, ranges);
  }
  return spans;
}

function withoutExtension(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

function inSpans(spans: readonly LineSpan[], line: number): boolean {
  return spans.some(([from, to]) => line >= from && line <= to);
}

function matchKey(doc: string, line: number, number: string): string {
  return `${doc}:${line}:${number.normalize('NFKC').replace(/\s/g, '')}`;
}

function score(
  gold: readonly GoldFigure[],
  predicted: readonly ExtractedFigure[],
  goldRegionCode: (g: GoldFigure) => string,
): ExtractionEvaluation {
  const queues = new Map<string, ExtractedFigure[]>();
  for (const p of predicted) {
    const key = matchKey(p.doc, p.line, p.number);
    queues.set(key, [...(queues.get(key) ?? []), p]);
  }
  const pairs: Array<[GoldFigure, ExtractedFigure]> = [];
  const misses: GoldFigure[] = [];
  for (const g of gold) {
    const next = queues.get(matchKey(g.doc, g.line, g.number))?.shift();
    if (next) pairs.push([g, next]);
    else misses.push(g);
  }
  const falsePositives = [...queues.values()].flat();
  const mismatches = pairs.flatMap(([g, p]) =>
    SCORED_FIELDS.filter((field) => !fieldAgrees(field, g, p, goldRegionCode)).map((field) => ({
      field,
      gold: g,
      predicted: p,
    })),
  );
  const accuracy = Object.fromEntries(
    SCORED_FIELDS.map((field) => [
      field,
      ratio(pairs.length - mismatches.filter((m) => m.field === field).length, pairs.length),
    ]),
  ) as Record<ScoredField, number>;
  return {
    gold: gold.length,
    predictedInSpans: predicted.length,
    matched: pairs.length,
    recall: ratio(pairs.length, gold.length),
    precision: ratio(pairs.length, predicted.length),
    accuracy,
    misses,
    falsePositives,
    mismatches,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

function fieldAgrees(
  field: ScoredField,
  g: GoldFigure,
  p: ExtractedFigure,
  goldRegionCode: (g: GoldFigure) => string,
): boolean {
  switch (field) {
    case 'value':
      return compareDecimals(parseDecimal(g.value), parseDecimal(p.value)) === 0;
    case 'unit':
      return sameUnit(g.unit, p.unit);
    case 'indicator':
      return resolvePhrase(g.indicator).code === p.indicatorCode;
    case 'region':
      return goldRegionCode(g) === p.region;
    default:
      return g[field] === p[field];
  }
}

/** 万平米 and 万平方米 are one unit. */
function sameUnit(a: string, b: string): boolean {
  const x = resolveUnit(a);
  const y = resolveUnit(b);
  return x.base === y.base && x.exponent === y.exponent;
}
