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
import { callerPath, commandArgs, UsageError } from './cli-args.ts';
import { METADATA_FLAGS, readFileDocument } from './read-file-document.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function runExtract(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { positionals, values } = commandArgs(args, { format: { type: 'string' }, ...METADATA_FLAGS });
  const { format = 'jsonl', ...given } = values;
  if (positionals.length !== 1) throw new UsageError('give exactly one file');
  if (format !== 'jsonl') throw new UsageError(`unknown format "${format}"; the only format is jsonl`);
  const document = await readFileDocument(callerPath(positionals[0]!), given);
  for (const figure of extractFigures(document)) out.write(`${JSON.stringify(jsonlRecord(figure))}\n`);
  return 0;
}

export async function runEvalExtract(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { positionals, values } = commandArgs(args, {
    gold: { type: 'string' },
    seeds: { type: 'string' },
    'dev-set': { type: 'string' },
    verbose: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError('eval-extract takes no file');
  const goldDir = values.gold ? callerPath(values.gold) : resolve(REPO_ROOT, '../shared/gold');
  const seedsDir = values.seeds ? callerPath(values.seeds) : resolve(REPO_ROOT, 'seeds');
  const devSetDir = values['dev-set']
    ? callerPath(values['dev-set'])
    : resolve(REPO_ROOT, 'packages/extractor/dev-set');
  for (const dir of [goldDir, seedsDir, devSetDir]) if (!existsSync(dir)) return fail(`no such directory: ${dir}`);
  const verbose = values.verbose === true;
  out.write(`seed gold (${goldDir})\n`);
  out.write(report(await evaluateExtraction(goldDir, seedsDir), verbose));
  out.write(`\ndevelopment set (${devSetDir})\n`);
  out.write(report(await evaluateDevSet(devSetDir), verbose));
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

function fail(message: string): number {
  process.stderr.write(`ledger: ${message}\n`);
  return 2;
}
