import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { loadConfig } from '@ledger/config';
import { startLedger } from '@ledger/ledger-api';
import { handReport } from '@ledger/ledger-api/testing';

const SEEDS = join(import.meta.dirname, '../../seeds');
const DURATION_S = 5;
const TOKEN = 'bench-writer';

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

const figures = (r: autocannon.Result, label: string) => ({
  [`${label} requests/s`]: Math.round(r.requests.average),
  [`${label} p99 ms`]: r.latency.p99,
  [`${label} non-2xx`]: r.non2xx,
});

/** Valid, distinct figure reports (each in a series of its own), so that every POST appends. */
function reportBodies(): () => string {
  let n = 0;
  return () =>
    JSON.stringify(
      handReport({
        quote: '126 亿元',
        value: '126',
        unit: '亿元',
        unitBase: '元',
        kind: 'level',
        indicator: `压测指标${n++}`,
      }),
    );
}

/** The embedded API under load beside express's bare hello-world on the same machine, in the same run. */
export async function benchApi(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_SEEDS_DIR: SEEDS,
    PORT: '0',
    LOG_LEVEL: 'silent',
    LEDGER_API_TOKENS: `${TOKEN}:write`,
    LEDGER_RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const ledger = await startLedger(config);
  const hello = express().get('/', (_req, res) => void res.send('Hello World!'));
  const helloServer = await new Promise<Server>((resolve) => {
    const s = hello.listen(0, () => resolve(s));
  });
  try {
    const helloPort = (helloServer.address() as { port: number }).port;
    const base = `http://127.0.0.1:${ledger.port}`;
    while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 100));
    const baseline = await run({ url: `http://127.0.0.1:${helloPort}/`, duration: DURATION_S, connections: 10 });
    const reads = await run({
      url: `${base}/v1/series/${encodeURIComponent('370112:GDP:level:元')}/observations?asOf=2023-06-30`,
      duration: DURATION_S,
      connections: 10,
    });
    const body = reportBodies();
    const writes = await run({
      url: `${base}/v1/figures`,
      duration: DURATION_S,
      connections: 10,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          setupRequest: (req) => ({ ...req, body: body() }),
        },
      ],
    });
    return {
      ...figures(baseline, 'hello-world'),
      ...figures(reads, 'GET observations'),
      ...figures(writes, 'POST figures'),
      'GET observations / hello-world': Number((reads.requests.average / baseline.requests.average).toFixed(3)),
      'POST figures / hello-world': Number((writes.requests.average / baseline.requests.average).toFixed(3)),
    };
  } finally {
    helloServer.close();
    await ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
