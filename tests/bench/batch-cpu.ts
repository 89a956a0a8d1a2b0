// A profiling aid, not a bench (no baseline): the CPU time per figure of POST /v1/figures:batch of 100, server in this
// process, by process.cpuUsage (steadier than wall-clock on a loaded machine). `PROFILE=file.cpuprofile` profiles the
// measured batches only; BATCHES sets how many; LEDGER_PROJECTOR=off measures without the in-process projector. Checks the hash chain of what was stored at the end.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startLedger } from '@ledger/ledger-api';
import { handReport } from '@ledger/ledger-api/testing';
import { BENCH_TOKEN, benchLedgerConfig } from './bench-ledger.ts';

const BATCHES = Number(process.env.BATCHES ?? 30);
const SIZE = 100;
// LEDGER_PROJECTOR=off leaves the read models to no one: the figure is the write path alone.
// LEDGER_STORE=postgres with DATABASE_URL (a fresh database) measures the PostgreSQL store instead.
const passed = ['LEDGER_PROJECTOR', 'LEDGER_STORE', 'DATABASE_URL'].filter((name) => process.env[name] !== undefined);
const { config, dataDir } = benchLedgerConfig(
  'batch-cpu',
  Object.fromEntries(passed.map((name) => [name, process.env[name]!])),
);
const ledger = await startLedger(config);
const base = `http://127.0.0.1:${ledger.port}`;
// Without a projector the read models never catch up, so /readyz never says ready: the seeds are in once it is up.
const ready = process.env.LEDGER_PROJECTOR === 'off' ? '/healthz' : '/readyz';
while ((await fetch(`${base}${ready}`)).status !== 200) await new Promise((r) => setTimeout(r, 100));
const run = randomUUID().slice(0, 8);
let n = 0;
const body = () =>
  JSON.stringify({
    figures: Array.from({ length: SIZE }, () =>
      handReport({
        quote: '126 亿元',
        value: '126',
        unit: '亿元',
        unitBase: '元',
        kind: 'level',
        indicator: `压测${run}-${n++}`,
      }),
    ),
  });
const post = async (text: string) => {
  const res = await fetch(`${base}/v1/figures:batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: text,
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  await res.arrayBuffer();
};
for (let i = 0; i < 5; i++) await post(body()); // warm-up
const bodies = Array.from({ length: BATCHES }, body);
const session = process.env.PROFILE ? new Session() : undefined;
session?.connect();
await session?.post('Profiler.enable');
await session?.post('Profiler.start');
const before = process.cpuUsage();
const t0 = performance.now();
for (const b of bodies) await post(b);
const cpu = process.cpuUsage(before);
const wall = performance.now() - t0;
if (session) writeFileSync(process.env.PROFILE!, JSON.stringify((await session.post('Profiler.stop')).profile));
const verified = (await (await fetch(`${base}/v1/verify`)).json()) as { ok: boolean; checked: number };
if (!verified.ok) throw new Error(`verify: ${JSON.stringify(verified)}`);
await ledger.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    figures: BATCHES * SIZE,
    verifiedEvents: verified.checked,
    cpuMicrosPerFigure: Number(((cpu.user + cpu.system) / (BATCHES * SIZE)).toFixed(1)),
    wallMicrosPerFigure: Number(((wall * 1000) / (BATCHES * SIZE)).toFixed(1)),
    loadavg: loadavg()
      .map((x) => x.toFixed(2))
      .join(', '),
  }),
);
