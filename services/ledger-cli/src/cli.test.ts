import { describe, it, expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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
});
