import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { hashLeaf, hashChildren, verifyConsistency, verifyInclusion } from './rfc9162.ts';

// Test vectors of transparency-dev/merkle (Apache-2.0, commit 417fb0c), an independent RFC 6962/9162 implementation:
// every valid case must verify and every mutated one must be refused.
interface InclusionCase {
  file: string;
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyCase {
  file: string;
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}
const load = <T>(name: string): T[] => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const b64 = (s: string) => Buffer.from(s, 'base64');

describe('RFC 9162 verification against transparency-dev/merkle vectors', () => {
  const inclusion = load<InclusionCase>('inclusion.json');
  it.each(inclusion.map((c) => [c.file, c] as const))('inclusion %s', (_file, c) => {
    const run = () => verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), (c.proof ?? []).map(b64), b64(c.root));
    if (c.wantErr) expect(run).toThrow();
    else expect(run).not.toThrow();
  });

  const consistency = load<ConsistencyCase>('consistency.json');
  it.each(consistency.map((c) => [c.file, c] as const))('consistency %s', (_file, c) => {
    const run = () => verifyConsistency(c.size1, c.size2, b64(c.root1), b64(c.root2), (c.proof ?? []).map(b64));
    // Stricter than the reference: a root that is not a 32-byte hash is refused even where no proof step uses it.
    if (!c.wantErr && b64(c.root1).length !== 32) expect(run).toThrow(/root hash is \d+ bytes, not 32/);
    else if (c.wantErr) expect(run).toThrow();
    else expect(run).not.toThrow();
  });

  it('has the valid and the mutated cases', () => {
    expect(inclusion.filter((c) => !c.wantErr).length).toBeGreaterThanOrEqual(5);
    expect(inclusion.filter((c) => c.wantErr).length).toBeGreaterThan(50);
    expect(consistency.filter((c) => !c.wantErr).length).toBeGreaterThanOrEqual(5);
  });
});

describe('RFC 9162 hashing', () => {
  // RFC 6962's reference leaves; the vectors above carry their leaf hashes and the root of all eight.
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
  it('hashes leaves and nodes with the 0x00 and 0x01 prefixes', () => {
    const hashes = leaves.map((l) => hashLeaf(Buffer.from(l, 'hex')));
    expect(hashes[0]!.toString('base64')).toBe('bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=');
    const level1 = [0, 2, 4, 6].map((i) => hashChildren(hashes[i]!, hashes[i + 1]!));
    const root = hashChildren(hashChildren(level1[0]!, level1[1]!), hashChildren(level1[2]!, level1[3]!));
    expect(root.toString('base64')).toBe('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=');
  });

  it('says how a proof fails', () => {
    const leaf = hashLeaf(Buffer.from('00', 'hex'));
    const other = hashLeaf(Buffer.from('10', 'hex'));
    const root = hashChildren(leaf, other);
    expect(() => verifyInclusion(0, 2, leaf, [leaf], root)).toThrow(/leads to root [0-9a-f]{64}, not the expected/);
    expect(() => verifyInclusion(0, 2, leaf, [], root)).toThrow(/fewer than the path needs/);
    expect(() => verifyInclusion(2, 2, leaf, [other], root)).toThrow(/outside a tree of size 2/);
    expect(() => verifyConsistency(2, 1, root, leaf, [])).toThrow(/the log shrank/);
    expect(() => verifyConsistency(2, 2, root, leaf, [])).toThrow(/two roots for tree size 2/);
  });
});
