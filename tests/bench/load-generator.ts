// The load generator of the HTTP benches, in a process of its own (forked by loadFrom), so that the figures measure the
// server and not autocannon competing with it for the same event loop.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { handReport } from '@ledger/ledger-api/testing';

/** What each request carries; bodies are built here, in the generator's process, each one distinct. */
export type BodyKind =
  | { kind: 'none' }
  | { kind: 'report' }
  | { kind: 'report-batch'; size: number }
  | { kind: 'raw-event' }
  | { kind: 'raw-batch'; size: number };

export interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: BodyKind;
  connections?: number;
  durationSeconds: number;
  /** Makes report bodies distinct across loads against the same ledger. */
  runId?: string;
}

export interface LoadResult {
  /** 2xx answers per second: failed requests do not count. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Requests completed. */
  total: number;
}

/** Runs one load in a forked generator and returns its summary. */
export function loadFrom(load: Load): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.on('message', (message) => (result = message as LoadResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`load generator exited with ${code} before reporting`)),
    );
    child.send(load);
  });
}

function bodies(body: BodyKind, runId: string): (() => string) | undefined {
  let n = 0;
  const report = () =>
    handReport({
      quote: '126 亿元',
      value: '126',
      unit: '亿元',
      unitBase: '元',
      kind: 'level',
      indicator: `压测${runId}-${n++}`,
    });
  const rawEvent = () => ({ eventId: randomUUID(), type: 'FigureReported', data: report() });
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'report':
      return () => JSON.stringify(report());
    case 'report-batch':
      return () => JSON.stringify({ figures: Array.from({ length: body.size }, report) });
    case 'raw-event':
      return () => JSON.stringify(rawEvent());
    case 'raw-batch':
      return () => JSON.stringify({ events: Array.from({ length: body.size }, rawEvent) });
  }
}

async function generate(load: Load): Promise<LoadResult> {
  const body = bodies(load.body ?? { kind: 'none' }, load.runId ?? randomUUID().slice(0, 8));
  const result = await autocannon({
    url: load.url,
    connections: load.connections ?? 10,
    duration: load.durationSeconds,
    requests: [
      {
        method: load.method ?? 'GET',
        headers: { ...(body && { 'content-type': 'application/json' }), ...load.headers },
        ...(body && { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }),
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

if (process.send && process.argv[1] === import.meta.filename) {
  process.once('message', (load) => {
    generate(load as Load).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
