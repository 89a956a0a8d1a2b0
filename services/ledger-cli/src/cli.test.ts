import { describe, it, expect } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SAMPLE_REPORT } from '@ledger/intake/testing';

const ROOT = join(import.meta.dirname, '../../..');
const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, ['services/ledger-cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 50_000_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );

describe('ledger command line', () => {
  it('extract prints one JSON object per figure and nothing else', async () => {
    const { code, stdout } = await run(['extract', 'seeds/004_b0a61f995f212086.txt', '--format', 'jsonl']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    const figures = lines.map((line) => JSON.parse(line));
    expect(figures.length).toBeGreaterThan(100);
    for (const field of [
      'doc',
      'line',
      'number',
      'value',
      'unit',
      'indicator',
      'indicatorCode',
      'kind',
      'comparator',
      'status',
      'period',
      'region',
      'quote',
      'charStart',
      'charEnd',
    ]) {
      expect(figures.every((f) => field in f)).toBe(true);
    }
    expect(figures).toContainEqual(
      expect.objectContaining({
        value: '30.24',
        unit: '亿元',
        indicatorCode: 'GPBR',
        period: '2023',
        region: '370113',
      }),
    );
  });

  it('rejects bad arguments with exit code 2 and a message', async () => {
    expect(await run(['extract', 'seeds/missing.txt', '--format', 'jsonl'])).toMatchObject({ code: 2, stdout: '' });
    expect((await run(['frobnicate'])).code).toBe(2);
    expect(await run(['verify'], { LEDGER_STORE: 'oracle' })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('LEDGER_STORE'),
    });
  });

  it('ingests the seeds once: a second run appends nothing, and verify holds', async () => {
    const env = { LEDGER_DATA_DIR: mkdtempSync(join(tmpdir(), 'cli-')) };
    const first = await run(['ingest', 'seeds'], env);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ documents: 5 });
    expect(summary.appendedEvents).toBe(summary.figures + 5);
    const second = JSON.parse((await run(['ingest'], env)).stdout);
    expect(second).toMatchObject({ appendedEvents: 0, headPosition: summary.headPosition });
    const verify = await run(['verify'], env);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, checked: summary.headPosition });
  }, 60_000);

  it('answers --help on every command with exit code 0', async () => {
    for (const args of [
      ['--help'],
      ['-h'],
      ...['add', 'extract', 'eval-extract', 'ingest', 'reextract', 'verify'].map((c) => [c, '--help']),
    ]) {
      const { code, stdout } = await run(args);
      expect({ args, code }).toEqual({ args, code: 0 });
      expect(stdout).toContain('usage: ledger');
    }
    const unknownOption = await run(['extract', 'seeds/004_b0a61f995f212086.txt', '--colour', 'red']);
    expect(unknownOption).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--colour') });
  }, 60_000);

  it('ends quietly when the reader closes the pipe early', async () => {
    const child = spawn(
      process.execPath,
      ['services/ledger-cli/src/main.ts', 'extract', 'seeds/004_b0a61f995f212086.txt'],
      {
        cwd: ROOT,
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('adds a report without a manifest, relative to the caller, once; dry runs and bad flags append nothing', async () => {
    const caller = mkdtempSync(join(tmpdir(), 'cli-caller-'));
    writeFileSync(join(caller, 'report.txt'), SAMPLE_REPORT);
    // As `pnpm ledger` runs it: in the project root, with the caller's directory in INIT_CWD.
    const env = {
      LEDGER_DATA_DIR: mkdtempSync(join(tmpdir(), 'cli-')),
      INIT_CWD: caller,
      npm_lifecycle_event: 'ledger',
    };
    const head = async () => JSON.parse((await run(['verify'], env)).stdout).checked as number;

    const dry = await run(['add', 'report.txt', '--region', '南山区', '--published', '2025', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      appendedEvents: 0,
      figures: { figures: expect.any(Number) },
    });
    expect(await head()).toBe(0);

    for (const [flags, named] of [
      [['--region', '火星区', '--published', '2025'], '--region'],
      [['--region', '南山区', '--published', '2025-02-30'], '--published'],
      [['--region', '南山区', '--kind', 'poem'], '--kind'],
    ] as const) {
      const bad = await run(['add', 'report.txt', ...flags], env);
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining(named) });
    }
    expect(await head()).toBe(0);

    const added = await run(['add', 'report.txt', '--region', '南山区', '--published', '2025'], env);
    expect(added.code).toBe(0);
    const summary = JSON.parse(added.stdout);
    expect(summary).toMatchObject({ documents: 1, registered: 1, failed: 0 });
    expect(summary.figures.figures).toBeGreaterThanOrEqual(6);
    expect(summary.appendedEvents).toBe(summary.figures.figures + 1);
    expect(summary.figures.byStatus).toMatchObject({ actual: expect.any(Number), target: expect.any(Number) });
    expect(added.stderr).toContain('inferred');

    const again = JSON.parse(
      (await run(['add', 'report.txt', '--region', '南山区', '--published', '2025'], env)).stdout,
    );
    expect(again).toMatchObject({ registered: 0, alreadyRegistered: 1, appendedEvents: 0 });
    const reextracted = await run(['reextract'], env);
    expect(reextracted.code).toBe(0);
    expect(JSON.parse(reextracted.stdout)).toMatchObject({ appendedEvents: 0 });
    expect(await run(['reextract', '--document', 'doc-missing'], env)).toMatchObject({ code: 2 });
    expect(await head()).toBe(summary.appendedEvents);
  }, 180_000);
});
