import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { BENCH_TOKEN, benchLedgerConfig } from './bench-ledger.ts';
import { startLedger } from '@ledger/ledger-api';
import { loadFrom } from './load-generator.ts';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const SUBSCRIBERS = 3;

interface FeedPage {
  events: Array<{ data: { figureId: string } }>;
  next: number;
  head: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * A bounded soak on loopback: 10 connections of mixed load (9 reads of observations for 1 report), plus live SSE
 * subscribers, from a forked generator. Done means no errors, the server's RSS flat (median of the last fifth of the
 * run within ±10 % of the median of the second fifth, after warm-up), every acknowledged write in the store, and
 * every subscriber sent every event appended.
 */
export async function benchSoak(): Promise<Record<string, number | string>> {
  const { config, dataDir } = benchLedgerConfig('soak');
  const ledger = await startLedger(config);
  try {
    const base = `http://127.0.0.1:${ledger.port}`;
    while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 100));
    const headBefore = ((await (await fetch(`${base}/v1/events?limit=1`)).json()) as FeedPage).head;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 1000);
    const result = await loadFrom({
      url: base,
      durationSeconds: SECONDS,
      connections: 10,
      headers: { authorization: `Bearer ${BENCH_TOKEN}` },
      body: { kind: 'report' },
      runId: randomUUID().slice(0, 8),
      mix: {
        readPath: `/v1/series/${encodeURIComponent('370112:GDP:level:元')}/observations?asOf=2023-06-30`,
        writePath: '/v1/figures',
        readsPerWrite: 9,
      },
      subscribers: { path: `/v1/events?from=${headBefore + 1}`, count: SUBSCRIBERS },
    });
    clearInterval(sampler);

    const stored = new Set<string>();
    for (let from = headBefore + 1; ;) {
      const page = (await (
        await fetch(`${base}/v1/events?type=FigureReported&limit=1000&from=${from}`)
      ).json()) as FeedPage;
      for (const event of page.events) stored.add(event.data.figureId);
      if (page.next > page.head) break;
      from = page.next;
    }
    const acknowledged = result.acknowledged ?? [];
    const missing = acknowledged.filter((id) => !stored.has(id)).length;
    const fifth = Math.max(1, Math.floor(rss.length / 5));
    const early = median(rss.slice(fifth, 2 * fifth));
    const late = median(rss.slice(-fifth));
    const drift = (late - early) / early;
    const appended = stored.size;
    const errors = result.errors + result.non2xx + (result.subscriberErrors ?? 0);
    const subscribersComplete = (result.subscriberEvents ?? []).every((n) => n === appended);
    return {
      'seconds, connections, SSE subscribers': `${SECONDS}, 10, ${SUBSCRIBERS}`,
      'requests/s (90 % reads, 10 % writes)': result.requestsPerSecond,
      'p99 ms': result.p99,
      'errors + non-2xx (bar 0)': errors,
      'writes acknowledged': acknowledged.length,
      'acknowledged writes missing (bar 0)': missing,
      'events each subscriber received': (result.subscriberEvents ?? []).join(', '),
      'events appended': appended,
      'RSS MB early / late': `${(early / 2 ** 20).toFixed(0)} / ${(late / 2 ** 20).toFixed(0)}`,
      'RSS drift % (bar ±10)': Number((100 * drift).toFixed(1)),
      'load average (1, 5, 15 min)': loadavg()
        .map((n) => n.toFixed(2))
        .join(', '),
      verdict: errors === 0 && missing === 0 && subscribersComplete && Math.abs(drift) <= 0.1 ? 'pass' : 'FAIL',
    };
  } finally {
    await ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
