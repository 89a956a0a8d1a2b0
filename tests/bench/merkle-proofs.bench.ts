import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@ledger/config';
import { startLedger } from '@ledger/ledger-api';
import { verifyInclusion } from '@ledger/log-verifier';
import { createMerkleTree, openSqliteNodeStorage } from '@ledger/merkle-log';
import { latenciesFrom } from './latency-generator.ts';
import { percentile } from './statistics.ts';

const BUILD_BATCH = 100_000;
const SAMPLES = 2_000;

/** Seconds to build `merkle-log.db` in `dataDir` straight from synthetic leaf hashes (the tree never looks inside one). */
async function buildTree(dataDir: string, leaves: number): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  const storage = openSqliteNodeStorage({ path: join(dataDir, 'merkle-log.db') });
  const tree = createMerkleTree(storage);
  const started = performance.now();
  for (let at = 0; at < leaves; at += BUILD_BATCH) {
    const count = Math.min(BUILD_BATCH, leaves - at);
    const bytes = randomBytes(32 * count);
    await tree.append(Array.from({ length: count }, (_, i) => bytes.subarray(32 * i, 32 * i + 32)));
  }
  const seconds = (performance.now() - started) / 1000;
  await storage.close();
  return seconds;
}

interface Latencies {
  p50: number;
  p99: number;
  /** CPU time of the process per proof: the work itself, without the waits for a core on a shared machine. */
  cpuP99: number;
}

/**
 * Milliseconds per inclusion proof of a random leaf against the full tree, on a tree opened afresh (as a starting API
 * opens it), each proof checked by the verifier. Back to back, or `paced`: one per millisecond, as requests arrive.
 */
async function proofLatencies(dataDir: string, size: number, paced: boolean): Promise<Latencies> {
  const storage = openSqliteNodeStorage({ path: join(dataDir, 'merkle-log.db') });
  const tree = createMerkleTree(storage);
  const root = await tree.rootHash(size);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const leaf = randomInt(size);
    if (paced) await sleep(1);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const proof = await tree.inclusionProof(leaf, size);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    verifyInclusion(leaf, size, proof.leafHash, proof.hashes, root);
  }
  await storage.close();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), cpuP99: percentile(cpu, 99) };
}

/**
 * The same proofs through GET /v1/log/proof/inclusion of the embedded ledger started over `dataDir` (its follower
 * signs a checkpoint over the built tree first), timed by a probe in its own process over one keep-alive connection.
 */
async function httpLatencies(dataDir: string, size: number) {
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_INGEST_SEEDS: 'off',
    PORT: '0',
    LOG_LEVEL: 'silent',
    LEDGER_RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const ledger = await startLedger(config);
  try {
    const base = `http://127.0.0.1:${ledger.port}`;
    while ((await fetch(`${base}/v1/log/checkpoint`)).status !== 200) await sleep(50);
    const warmUp = 200;
    const urls = Array.from(
      { length: warmUp + SAMPLES },
      () => `${base}/v1/log/proof/inclusion?position=${randomInt(size) + 1}&treeSize=${size}`,
    );
    return await latenciesFrom({ urls, warmUp });
  } finally {
    await ledger.close();
  }
}

/** Inclusion-proof latency on SQLite at BENCH_MERKLE_LEAVES (default 10 M) leaves, beside a 1,000-leaf tree. */
export async function benchMerkleProofs(): Promise<Record<string, number>> {
  const leaves = Number(process.env.BENCH_MERKLE_LEAVES ?? 10_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-merkle-'));
  const small = join(dir, 'small');
  const large = join(dir, 'large');
  const ms = (v: number) => Number(v.toFixed(3));
  try {
    await buildTree(small, 1_000);
    const buildSeconds = await buildTree(large, leaves);
    const figures: Record<string, number> = {
      leaves,
      'build seconds (synthetic leaves)': Number(buildSeconds.toFixed(1)),
      'build leaves/s': Math.round(leaves / buildSeconds),
    };
    for (const paced of [false, true]) {
      const label = paced ? 'paced 1/ms' : 'back to back';
      const baseline = await proofLatencies(small, 1_000, paced);
      const at = await proofLatencies(large, leaves, paced);
      Object.assign(figures, {
        [`${label}: proof p50 ms`]: ms(at.p50),
        [`${label}: proof p99 ms`]: ms(at.p99),
        [`${label}: proof CPU p99 ms`]: ms(at.cpuP99),
        [`${label}: baseline 1,000 leaves p99 ms`]: ms(baseline.p99),
      });
    }
    const httpBaseline = await httpLatencies(small, 1_000);
    const http = await httpLatencies(large, leaves);
    return {
      ...figures,
      'HTTP: proof p50 ms': ms(http.p50),
      'HTTP: proof p99 ms': ms(http.p99),
      'HTTP: baseline 1,000 leaves p99 ms': ms(httpBaseline.p99),
      'HTTP: failed requests': http.failures + httpBaseline.failures,
      'load average (1 min) at the end': Number(loadavg()[0]!.toFixed(1)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
