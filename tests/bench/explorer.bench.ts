import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { BENCH_TOKEN, benchLedgerConfig } from './bench-ledger.ts';
import { startLedger } from '@ledger/ledger-api';
import { handReport } from '@ledger/ledger-api/testing';
import { hasChromium, launchChromium } from '../explorer/browser.ts';
import { percentile } from './statistics.ts';

const EXTRA_FIGURES = 10_000;
const RUNS = 5;

/** The pages the explorer serves; the figure and the document are the GDP 2022 figure and its source. */
async function pages(base: string): Promise<Record<string, string>> {
  const gdp = encodeURIComponent('370112:GDP:level:元');
  const { observations } = (await (await fetch(`${base}/v1/series/${gdp}/observations`)).json()) as {
    observations: Array<{ period: string; best: { figureId: string; documentId: string } }>;
  };
  const best = observations.find((o) => o.period === '2022')!.best;
  return {
    search: `/?q=${encodeURIComponent('经济总量')}`,
    'search (all series)': '/',
    series: `/series/${gdp}`,
    'series chart': `/series/${gdp}?tab=chart`,
    figure: `/figures/${best.figureId}`,
    document: `/documents/${best.documentId}`,
    region: '/regions/370112',
    conflicts: '/conflicts',
  };
}

/**
 * Each page of the explorer in headless Chromium: milliseconds from navigation to the rendered view (median and
 * worst of RUNS), on the seeds (the baseline, same run) and on the seeds plus 10,000 extra figures.
 */
export async function benchExplorer(): Promise<Record<string, number | string>> {
  if (!hasChromium()) return { skipped: '/usr/bin/chromium is missing' };
  const { config, dataDir } = benchLedgerConfig('explorer');
  const ledger = await startLedger(config);
  const base = `http://127.0.0.1:${ledger.port}`;
  const browser = await launchChromium();
  const out: Record<string, number | string> = {};
  try {
    while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 100));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const measure = async (label: string) => {
      for (const [name, path] of Object.entries(await pages(base))) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          await page.goto(`${base}${path}`);
          await page.waitForFunction(() => performance.getEntriesByName('rendered').length > 0, undefined, {
            timeout: 60_000,
          });
          times.push(await page.evaluate(() => performance.getEntriesByName('rendered')[0]!.startTime));
        }
        out[`${name}, ${label}: median ms`] = Math.round(
          percentile(
            [...times].sort((a, b) => a - b),
            50,
          ),
        );
        out[`${name}, ${label}: worst ms`] = Math.round(Math.max(...times));
      }
    };
    // The machine may be shared: its load beside each measurement, for reading the figures.
    const load = () =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
    out['load average (1, 5, 15 min) before seeds'] = load();
    await measure('seeds (baseline)');

    // 10,000 extra figures, each in a series of its own, reported through the API as an analyst would.
    let next = 0;
    const post = async () => {
      while (next < EXTRA_FIGURES) {
        const body = JSON.stringify(handReport({ indicator: `浏览压测指标${next++}` }));
        const res = await fetch(`${base}/v1/figures`, {
          method: 'POST',
          headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
          body,
        });
        if (res.status !== 201) throw new Error(`report failed: ${res.status} ${await res.text()}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, post));
    while (
      (
        (await (await fetch(`${base}/v1/series?q=${encodeURIComponent('浏览压测指标9999')}`)).json()) as {
          series: unknown[];
        }
      ).series.length === 0
    )
      await new Promise((r) => setTimeout(r, 200));
    out['load average (1, 5, 15 min) before extra figures'] = load();
    await measure(`seeds + ${EXTRA_FIGURES.toLocaleString('en-US')} figures`);
    out['load average (1, 5, 15 min) after'] = load();
  } finally {
    await browser.close();
    await ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}
