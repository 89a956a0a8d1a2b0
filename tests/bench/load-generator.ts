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
  /** Mixed load: each connection sends `readsPerWrite` GETs of `readPath`, then one POST of `body` to `writePath`. */
  mix?: { readPath: string; writePath: string; readsPerWrite: number };
  /** Live SSE subscribers on this path for the whole load; each counts the events it received. */
  subscribers?: { path: string; count: number };
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
  /** The figure ids of the writes answered 201 (mixed loads). */
  acknowledged?: string[];
  /** Events each subscriber received, and how many of them failed. */
  subscriberEvents?: number[];
  subscriberErrors?: number;
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
  // Each report is one JSON template with its number filled in: building bodies must cost the generator far less
  // than serving them costs a server, or the baselines measure the generator (handReport and JSON.stringify per
  // figure held the raw batch baseline to what this process could build).
  const NUMBER = '\u0000n\u0000';
  const template = JSON.stringify(
    handReport({
      quote: '126 亿元',
      value: '126',
      unit: '亿元',
      unitBase: '元',
      kind: 'level',
      indicator: `压测${runId}-${NUMBER}`,
    }),
  ).split(JSON.stringify(NUMBER).slice(1, -1));
  let n = 0;
  const report = () => template.join(String(n++));
  const rawEvent = () => `{"eventId":"${randomUUID()}","type":"FigureReported","data":${report()}}`;
  const many = (size: number, one: () => string) => Array.from({ length: size }, one).join(',');
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'report':
      return report;
    case 'report-batch':
      return () => `{"figures":[${many(body.size, report)}]}`;
    case 'raw-event':
      return rawEvent;
    case 'raw-batch':
      return () => `{"events":[${many(body.size, rawEvent)}]}`;
  }
}

/** An SSE subscriber counting the events it receives (their `id:` lines) until aborted. */
function subscribe(url: string, signal: AbortSignal, counts: number[], index: number): Promise<void> {
  return fetch(url, { headers: { accept: 'text/event-stream' }, signal }).then(async (res) => {
    const decoder = new TextDecoder();
    let partial = '';
    for await (const chunk of res.body!) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = lines.pop()!;
      counts[index]! += lines.filter((line) => line.startsWith('id: ')).length;
    }
  });
}

async function generate(load: Load): Promise<LoadResult> {
  const body = bodies(load.body ?? { kind: 'none' }, load.runId ?? randomUUID().slice(0, 8));
  const acknowledged: string[] = [];
  const write: autocannon.Request = {
    method: load.method ?? 'GET',
    headers: { ...(body && { 'content-type': 'application/json' }), ...load.headers },
    ...(body && { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }),
  };
  const requests: autocannon.Request[] = load.mix
    ? [
        ...Array.from({ length: load.mix.readsPerWrite }, () => ({ method: 'GET' as const, path: load.mix!.readPath })),
        {
          ...write,
          method: 'POST',
          path: load.mix.writePath,
          onResponse: (status: number, responseBody: string) => {
            if (status === 201) acknowledged.push((JSON.parse(responseBody) as { figureId: string }).figureId);
          },
        },
      ]
    : [write];
  const stopSubscribers = new AbortController();
  const subscriberEvents = Array.from({ length: load.subscribers?.count ?? 0 }, () => 0);
  let subscriberErrors = 0;
  const subscribers = subscriberEvents.map((_, i) =>
    subscribe(new URL(load.subscribers!.path, load.url).href, stopSubscribers.signal, subscriberEvents, i).catch(
      (error: Error) => void (error.name === 'AbortError' || subscriberErrors++),
    ),
  );
  const result = await autocannon({
    url: load.url,
    connections: load.connections ?? 10,
    duration: load.durationSeconds,
    requests,
  });
  await new Promise((r) => setTimeout(r, 1000)); // the last writes reach the subscribers
  stopSubscribers.abort();
  await Promise.all(subscribers);
  return {
    ...(load.mix && { acknowledged }),
    ...(load.subscribers && { subscriberEvents, subscriberErrors }),
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
