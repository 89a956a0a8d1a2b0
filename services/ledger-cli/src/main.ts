#!/usr/bin/env node
// `pnpm ledger <command> …`: the ledger's command line.
import { ConfigError } from '@ledger/config';
import { DocumentLoadError } from '@ledger/source-documents';
import { DomainError, ValidationError } from '@ledger/domain';
import { UsageError } from './cli-args.ts';

type Command = (args: string[], out: NodeJS.WritableStream) => Promise<number>;

// Commands load on use, so that `--help` and usage errors answer at once.
const runAdd: Command = async (a, o) => (await import('./add-command.ts')).runAdd(a, o);
const runExtract: Command = async (a, o) => (await import('./extract-commands.ts')).runExtract(a, o);
const runEvalExtract: Command = async (a, o) => (await import('./extract-commands.ts')).runEvalExtract(a, o);
const runIngest: Command = async (a, o) => (await import('./ingest-command.ts')).runIngest(a, o);
const runReextract: Command = async (a, o) => (await import('./reextract-command.ts')).runReextract(a, o);
const runVerify: Command = async (a, o) => (await import('./verify-command.ts')).runVerify(a, o);
const runAudit: Command = async (a, o) => (await import('./audit-command.ts')).runAudit(a, o);

const COMMANDS: Record<string, { run: Command; usage: string; help: string }> = {
  add: {
    run: runAdd,
    usage: 'add <file…> [--region NAME|CODE] [--published YYYY[-MM[-DD]]] [--kind KIND] [--title TEXT] [--dry-run]',
    help: 'register each file (UTF-8 or GBK text, or an HTML page) and append every figure extracted from it; what a flag does not give is read from the text',
  },
  extract: {
    run: runExtract,
    usage: 'extract <file> [--format jsonl] [--region …] [--published …] [--kind …] [--title …]',
    help: 'print every figure of a document as JSON lines',
  },
  'eval-extract': {
    run: runEvalExtract,
    usage: 'eval-extract [--gold DIR] [--seeds DIR] [--verbose]',
    help: 'score the extractor against the hand annotation',
  },
  ingest: {
    run: runIngest,
    usage: 'ingest [dir]',
    help: 'register the documents of dir (default seeds/, listed in its manifest.json) and append their figures',
  },
  reextract: {
    run: runReextract,
    usage: 'reextract [--document ID]',
    help: "extract registered documents again and append corrections, retractions and new figures; a person's figures are never touched",
  },
  verify: { run: runVerify, usage: 'verify', help: 'walk the hash chain and name the first broken position' },
  audit: {
    run: runAudit,
    usage: 'audit --url <base> [--trusted FILE] [--key VERIFIER_KEY] [--figure ID]',
    help: 'verify the signed log as an outside auditor: checkpoint signature, consistency with a trusted checkpoint, inclusion of a figure',
  },
};

const overview = () =>
  `usage: ledger <command> [options]   (ledger <command> --help for one command)\n${Object.values(COMMANDS)
    .map((c) => `  ${c.usage}\n      ${c.help}`)
    .join('\n')}\n`;

// A reader that stops early (`ledger extract … | head`) closes the pipe: the output is simply no longer wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const [name, ...args] = process.argv.slice(2);
if (name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(overview());
  process.exit(0);
}
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  process.stderr.write(`${name ? `ledger: unknown command "${name}"\n` : ''}${overview()}`);
  process.exit(2);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`usage: ledger ${command.usage}\n  ${command.help}\n`);
  process.exit(0);
}
try {
  process.exitCode = await command.run(args, process.stdout);
} catch (error) {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof DocumentLoadError ||
    error instanceof ValidationError ||
    error instanceof DomainError
  ) {
    process.stderr.write(`ledger ${name}: ${error.message}\n`);
    if (error instanceof UsageError) process.stderr.write(`usage: ledger ${command.usage}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`ledger ${name}: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
