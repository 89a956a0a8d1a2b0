// The acceptance path of intake: a report with no manifest goes in through `ledger add` (or as the raw file through
// the API), and after `pnpm start` its figures answer by region code, each saying the extractor recorded it.
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@ledger/config';
import { SAMPLE_REPORT } from '@ledger/intake/testing';
import { startLedger } from '@ledger/ledger-api';
import { eventually } from '@ledger/ledger-api/testing';

const ROOT = join(import.meta.dirname, '../..');

async function seriesOfNanshan(base: string): Promise<Array<{ seriesKey: string }>> {
  return eventually(async () => {
    const { series } = (await (await fetch(`${base}/v1/series?region=440305`)).json()) as {
      series: Array<{ seriesKey: string }>;
    };
    expect(series.length).toBeGreaterThanOrEqual(3);
    return series;
  }, 20_000);
}

describe('intake without a manifest', () => {
  it('ledger add report.txt --region 南山区 --published 2025, then pnpm start: the figures are in /v1/series?region=440305', async () => {
    const caller = mkdtempSync(join(tmpdir(), 'intake-caller-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'intake-data-'));
    writeFileSync(join(caller, 'report.txt'), SAMPLE_REPORT);
    const added = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'services/ledger-cli/src/main.ts'), 'add', 'report.txt', '--region', '南山区', '--published', '2025'],
      { cwd: caller, env: { ...process.env, LEDGER_DATA_DIR: dataDir } },
    );
    expect(JSON.parse(added.stdout)).toMatchObject({ registered: 1, failed: 0 });

    const ledger = await startLedger(
      loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_SEEDS_DIR: join(ROOT, 'seeds'), PORT: '0', LOG_LEVEL: 'silent' }),
    );
    try {
      const base = `http://127.0.0.1:${ledger.port}`;
      const [first] = await seriesOfNanshan(base);
      const { observations } = (await (
        await fetch(`${base}/v1/series/${encodeURIComponent(first!.seriesKey)}/observations`)
      ).json()) as { observations: Array<{ best: { figureId: string; published: string } }> };
      expect(observations[0]!.best.published).toBe('2025');
      const figure = (await (await fetch(`${base}/v1/figures/${observations[0]!.best.figureId}`)).json()) as {
        audit: Array<{ recordedBy: string }>;
      };
      expect(figure.audit[0]!.recordedBy).toMatch(/^extractor@/);
    } finally {
      await ledger.close();
    }
  }, 90_000);

  it('the same through POST /v1/documents with the raw file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'intake-data-'));
    const ledger = await startLedger(
      loadConfig({
        LEDGER_DATA_DIR: dataDir,
        LEDGER_INGEST_SEEDS: 'off',
        PORT: '0',
        LOG_LEVEL: 'silent',
        LEDGER_API_TOKENS: 'analyst1=e2e-secret:write',
      }),
    );
    try {
      const base = `http://127.0.0.1:${ledger.port}`;
      const res = await fetch(`${base}/v1/documents?region=${encodeURIComponent('南山区')}&published=2025`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8', authorization: 'Bearer e2e-secret' },
        body: SAMPLE_REPORT,
      });
      expect(res.status).toBe(201);
      await seriesOfNanshan(base);
    } finally {
      await ledger.close();
    }
  }, 90_000);
});
