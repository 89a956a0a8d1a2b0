import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyInclusion } from '@ledger/log-verifier';
import { createMerkleTree, openSqliteNodeStorage, type MerkleTree } from '@ledger/merkle-log';
import { percentile } from './statistics.ts';

const BUILD_BATCH = 100_000;
const SAMPLES = 2_000;

/** A tree built straight from synthetic leaf hashes (the tree never looks inside a leaf), in batches. */
async function buildTree(
  path: string,
  leaves: number,
): Promise<{ tree: MerkleTree; seconds: number; close(): Promise<void> }> {
  const storage = openSqliteNodeStorage({ path });
  const tree = createMerkleTree(storage);
  const started = performance.now();
  for (let at = 0; at < leaves; at += BUILD_BATCH) {
    const count = Math.min(BUILD_BATCH, leaves - at);
    const bytes = randomBytes(32 * count);
    await tree.append(Array.from({ length: count }, (_, i) => bytes.subarray(32 * i, 32 * i + 32)));
  }
  return { tree, seconds: (performance.now() - started) / 1000, close: () => storage.close() };
}

/** Milliseconds per inclusion proof of a random leaf against the full tree, each checked once by the verifier. */
async function proofTimes(tree: MerkleTree, size: number): Promise<number[]> {
  const root = await tree.rootHash(size);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const leaf = randomInt(size);
    const started = performance.now();
    const proof = await tree.inclusionProof(leaf, size);
    times.push(performance.now() - started);
    verifyInclusion(leaf, size, proof.leafHash, proof.hashes, root);
  }
  return times.sort((a, b) => a - b);
}

/** Inclusion-proof latency on SQLite at BENCH_MERKLE_LEAVES (default 10 M) leaves, beside a 1,000-leaf tree. */
export async function benchMerkleProofs(): Promise<Record<string, number>> {
  const leaves = Number(process.env.BENCH_MERKLE_LEAVES ?? 10_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-merkle-'));
  try {
    const small = await buildTree(join(dir, 'small.db'), 1_000);
    const baseline = await proofTimes(small.tree, 1_000);
    await small.close();
    const large = await buildTree(join(dir, 'large.db'), leaves);
    const times = await proofTimes(large.tree, leaves);
    await large.close();
    const ms = (v: number) => Number(v.toFixed(3));
    return {
      leaves,
      'build seconds (synthetic leaves)': Number(large.seconds.toFixed(1)),
      'build leaves/s': Math.round(leaves / large.seconds),
      'inclusion proof p50 ms': ms(percentile(times, 50)),
      'inclusion proof p99 ms': ms(percentile(times, 99)),
      'baseline 1,000 leaves: p99 ms': ms(percentile(baseline, 99)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
