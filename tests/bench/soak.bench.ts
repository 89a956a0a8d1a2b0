import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { BENCH_TOKEN, benchLedgerEnv } from './bench-ledger.ts';
import { startLedgerProcess } from './ledger-process.ts';
import { loadFrom } from './load-generator.ts';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
/**
 * Load before the measured seconds: the server's bounded memory (V8's heaps growing to their working size, the SQLite
 * page caches, the kept stream states) fills during the first 45 s or so at this load, then stays flat (two runs:
 * 355 MB at the end of the warm-up, 367 and 370 MB at the end). Its requests count for errors and missing writes.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? 45);
const SUBSCRIBERS = 3;

interface FeedPage {
  events: Array<{ data: { figureId: string } }>;
  next: number;
  head: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Where a process's resident memory is: anonymous (heaps, SQLite caches) or file-backed (mapped files). */
function memoryOf(pid: number): { rss: number; anon: number; file: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const bytes = (name: string) => 1024 * Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0);
  const rss = bytes('Rss');
  return { rss, anon: bytes('Anonymous'), file: rss - bytes('Anonymous') };
}

/**
 * A bounded soak on loopback: the ledger as `pnpm start` runs it, in its own process, under 10 connections of mixed
 * load (9 reads of observations for 1 report) plus live SSE subscribers, from a forked generator. Done means no
 * errors, the server's RSS flat over the measured seconds after the warm-up (median of their last fifth within ±10 %
 * of the median of their first fifth), every acknowledged write in the store, and every subscriber sent every event
 * appended.
 */
export async function benchSoak(): Promise<Record<string, number | string>> {
  const { env, dataDir } = benchLedgerEnv('soak');
  const ledger = await startLedgerProcess(env);
  try {
    const base = ledger.url;
    const headBefore = ((await (await fetch(`${base}/v1/events?limit=1`)).json()) as FeedPage).head;
    const samples: Array<ReturnType<typeof memoryOf>> = [];
    const sampler = setInterval(() => samples.push(memoryOf(ledger.pid)), 1000);

    const result = await loadFrom({
      url: base,
      durationSeconds: WARMUP_SECONDS + SECONDS,
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
    const measured = samples.slice(-SECONDS);
    const fifth = Math.max(1, Math.floor(measured.length / 5));
    const earlyAndLate = (part: keyof ReturnType<typeof memoryOf>) => {
      const values = measured.map((sample) => sample[part]);
      return [median(values.slice(0, fifth)), median(values.slice(-fifth))] as const;
    };
    const [early, late] = earlyAndLate('rss');
    const drift = (late - early) / early;
    const megabytes = ([from, to]: readonly [number, number]) =>
      `${(from / 2 ** 20).toFixed(0)} / ${(to / 2 ** 20).toFixed(0)}`;
    const appended = stored.size;
    const errors = result.errors + result.non2xx + (result.subscriberErrors ?? 0);
    const subscribersComplete = (result.subscriberEvents ?? []).every((n) => n === appended);
    return {
      'seconds of warm-up + measured, connections, SSE subscribers': `${WARMUP_SECONDS} + ${SECONDS}, 10, ${SUBSCRIBERS}`,
      'requests/s (90 % reads, 10 % writes)': result.requestsPerSecond,
      'p99 ms': result.p99,
      'errors + non-2xx (bar 0)': errors,
      'writes acknowledged': acknowledged.length,
      'acknowledged writes missing (bar 0)': missing,
      'events each subscriber received': (result.subscriberEvents ?? []).join(', '),
      'events appended': appended,
      'RSS MB at the end of the warm-up': (
        samples[Math.max(0, samples.length - measured.length - 1)]!.rss /
        2 ** 20
      ).toFixed(0),
      'RSS MB early / late (measured seconds)': megabytes([early, late]),
      'of which anonymous (heaps, SQLite caches) MB early / late': megabytes(earlyAndLate('anon')),
      'of which file-backed (mapped files) MB early / late': megabytes(earlyAndLate('file')),
      'RSS MB every tenth of the whole run': Array.from({ length: 10 }, (_, i) =>
        (samples[Math.floor(((i + 1) * samples.length) / 10) - 1]!.rss / 2 ** 20).toFixed(0),
      ).join(' '),
      'RSS drift % (bar ±10)': Number((100 * drift).toFixed(1)),
      'load average (1, 5, 15 min)': loadavg()
        .map((n) => n.toFixed(2))
        .join(', '),
      verdict: errors === 0 && missing === 0 && subscribersComplete && Math.abs(drift) <= 0.1 ? 'pass' : 'FAIL',
    };
  } finally {
    await ledger.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
