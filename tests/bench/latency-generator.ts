// A latency probe in a process of its own (forked by latenciesFrom): GETs one after another over one keep-alive
// connection, each timed to the microsecond (autocannon's histogram keeps whole milliseconds, too coarse for a 2 ms bar).
import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
import { percentile } from './statistics.ts';

export interface LatencyProbe {
  /** The requests, in order. */
  urls: string[];
  /** Requests sent first and not timed (connection set-up, JIT). */
  warmUp: number;
}

export interface LatencyResult {
  p50: number;
  p99: number;
  failures: number;
}

export function latenciesFrom(probe: LatencyProbe): Promise<LatencyResult> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LatencyResult | undefined;
    child.on('message', (message) => (result = message as LatencyResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`latency probe exited with ${code} before reporting`)),
    );
    child.send(probe);
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function timedGet(url: string): Promise<{ ms: number; ok: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - started, ok: res.statusCode === 200 }));
    }).on('error', reject);
  });
}

async function probe({ urls, warmUp }: LatencyProbe): Promise<LatencyResult> {
  const times: number[] = [];
  let failures = 0;
  for (const [i, url] of urls.entries()) {
    const { ms, ok } = await timedGet(url);
    if (!ok) failures++;
    if (i >= warmUp) times.push(ms);
  }
  times.sort((a, b) => a - b);
  agent.destroy();
  return { p50: percentile(times, 50), p99: percentile(times, 99), failures };
}

if (process.send && process.argv[1] === import.meta.filename) {
  process.once('message', (message) => {
    probe(message as LatencyProbe).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
