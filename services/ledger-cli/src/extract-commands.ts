// `ledger extract <file> --format jsonl` and `ledger eval-extract [--gold DIR] [--seeds DIR] [--verbose]`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  evaluateDevSet,
  evaluateExtraction,
  extractFigures,
  type ExtractedFigure,
  type ExtractionEvaluation,
} from '@ledger/extractor';
import { loadDocumentFile } from '@ledger/source-documents';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function runExtract(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { positional, options } = parseArgs(args, ['format']);
  const file = positional[0];
  if (positional.length !== 1 || !file) return usage('extract <file> --format jsonl');
  if ((options.format ?? 'jsonl') !== 'jsonl')
    return fail(`unknown format "${options.format}"; the only format is jsonl`);
  if (!existsSync(file)) return fail(`no such file: ${file}`);
  const document = await loadDocumentFile(resolve(file));
  for (const figure of extractFigures(document)) out.write(`${JSON.stringify(jsonlRecord(figure))}\n`);
  return 0;
}

export async function runEvalExtract(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { positional, options, flags } = parseArgs(args, ['gold', 'seeds', 'dev-set'], ['verbose']);
  if (positional.length > 0) return usage('eval-extract [--gold DIR] [--seeds DIR] [--dev-set DIR] [--verbose]');
  const goldDir = resolve(REPO_ROOT, options.gold ?? '../shared/gold');
  const seedsDir = resolve(REPO_ROOT, options.seeds ?? 'seeds');
  const devSetDir = resolve(REPO_ROOT, options['dev-set'] ?? 'packages/extractor/dev-set');
  for (const dir of [goldDir, seedsDir, devSetDir]) if (!existsSync(dir)) return fail(`no such directory: ${dir}`);
  out.write(`seed gold (${goldDir})\n`);
  out.write(report(await evaluateExtraction(goldDir, seedsDir), flags.has('verbose')));
  out.write(`\ndevelopment set (${devSetDir})\n`);
  out.write(report(await evaluateDevSet(devSetDir), flags.has('verbose')));
  return 0;
}

/** The fields of the jsonl output, in a stable order. */
function jsonlRecord(f: ExtractedFigure): Record<string, unknown> {
  return {
    doc: f.doc,
    line: f.line,
    column: f.column,
    number: f.number,
    value: f.value,
    unit: f.unit,
    indicator: f.indicator,
    indicatorCode: f.indicatorCode,
    kind: f.kind,
    comparator: f.comparator,
    status: f.status,
    period: f.period,
    region: f.region,
    regionCode: f.regionCode,
    quote: f.quote,
    charStart: f.charStart,
    charEnd: f.charEnd,
  };
}

function report(e: ExtractionEvaluation, verbose: boolean): string {
  const lines = [
    `gold figures        ${e.gold}`,
    `predicted in spans  ${e.predictedInSpans}`,
    `matched             ${e.matched}`,
    `recall              ${e.recall.toFixed(3)}`,
    `precision           ${e.precision.toFixed(3)}`,
    'accuracy on matched figures:',
    ...Object.entries(e.accuracy).map(([field, value]) => `  ${field.padEnd(18)}${value.toFixed(3)}`),
  ];
  if (verbose) {
    lines.push('misses:', ...e.misses.map((g) => `  ${g.doc}:${g.line} ${g.number} ${g.unit} ${g.indicator}`));
    lines.push(
      'false positives:',
      ...e.falsePositives.map((f) => `  ${f.doc}:${f.line} ${f.number} ${f.unit} ${JSON.stringify(f.quote)}`),
    );
    lines.push(
      'field mismatches:',
      ...e.mismatches.map(
        (m) =>
          `  ${m.gold.doc}:${m.gold.line} ${m.gold.number} ${m.field}: gold ${JSON.stringify(goldField(m.gold, m.field))}, got ${JSON.stringify(predictedField(m.predicted, m.field))}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function goldField(g: ExtractionEvaluation['misses'][number], field: string): unknown {
  return (g as unknown as Record<string, unknown>)[field];
}

function predictedField(f: ExtractedFigure, field: string): unknown {
  return field === 'indicator'
    ? `${f.indicator} (${f.indicatorCode})`
    : (f as unknown as Record<string, unknown>)[field];
}

interface ParsedArgs {
  positional: string[];
  options: Record<string, string | undefined>;
  flags: Set<string>;
}

function parseArgs(args: readonly string[], valued: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: {}, flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--')) parsed.positional.push(arg);
    else if (booleans.includes(name)) parsed.flags.add(name);
    else if (valued.includes(name) && i + 1 < args.length) parsed.options[name] = args[++i];
    else parsed.positional.push(arg); // unknown option: reported as a usage error
  }
  return parsed;
}

function usage(text: string): number {
  return fail(`usage: ledger ${text}`);
}

function fail(message: string): number {
  process.stderr.write(`ledger: ${message}\n`);
  return 2;
}
