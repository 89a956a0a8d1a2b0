import { EMPTY_ROOT, hashChildren } from '@ledger/log-verifier';
import type { NodeStorage } from './node-storage.ts';
import {
  consistencyRanges,
  inclusionRanges,
  nodePosition,
  rangeNodes,
  storedNodeCount,
  type LeafRange,
  type NodeId,
} from './tree-shape.ts';

/** A request for a tree size or leaf the tree cannot answer; `parameter` names the offending input. */
export class ProofRequestError extends RangeError {
  override readonly name = 'ProofRequestError';
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(`${parameter} ${message}`);
    this.parameter = parameter;
  }
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: Buffer;
  rootHash: Buffer;
  hashes: Buffer[];
}

export interface ConsistencyProof {
  first: number;
  second: number;
  firstRootHash: Buffer;
  secondRootHash: Buffer;
  hashes: Buffer[];
}

export interface MerkleTree {
  /** The number of leaves built so far: proofs and roots exist for sizes up to this. */
  size(): Promise<number>;
  /** Appends leaf hashes after the built ones, storing every node they complete; O(log n) per leaf. */
  append(leafHashes: readonly Buffer[]): Promise<number>;
  rootHash(treeSize: number): Promise<Buffer>;
  inclusionProof(leafIndex: number, treeSize: number): Promise<InclusionProof>;
  consistencyProof(first: number, second: number): Promise<ConsistencyProof>;
}

/** The perfect subtrees that end the tree: all a new leaf needs to complete nodes, kept in memory. */
interface Frontier {
  size: number;
  nodes: { level: number; hash: Buffer }[];
}

/**
 * Nodes covering at least 2^8 leaves are kept in memory once read: at most 1/128 of the stored nodes (about 10 MB at
 * 10 M leaves), and every proof needs the upper ones. A stored node never changes, so the copy never goes stale.
 */
const CACHED_FROM_LEVEL = 8;
/** Range hashes folded from several nodes (the right edge of a tree size, shared by all its proofs), kept up to this. */
const FOLDED_RANGES_KEPT = 4096;

export function createMerkleTree(storage: NodeStorage): MerkleTree {
  let frontier: Frontier | undefined;
  const upperNodes = new Map<number, Buffer>();
  const foldedRanges = new Map<string, Buffer>();
  /** A size known to be built: the stored size only grows, so a smaller request needs no look at storage. */
  let knownBuilt = 0;

  /** The nodes' hashes, from memory where kept, the rest in one storage read. */
  async function readNodes(ids: readonly NodeId[]): Promise<Buffer[]> {
    const hashes: Buffer[] = new Array<Buffer>(ids.length);
    const missing: number[] = [];
    const missingAt: number[] = [];
    ids.forEach((id, i) => {
      const position = nodePosition(id);
      const kept = id.level >= CACHED_FROM_LEVEL ? upperNodes.get(position) : undefined;
      if (kept) hashes[i] = kept;
      else {
        missing.push(position);
        missingAt.push(i);
      }
    });
    if (missing.length === 0) return hashes;
    const read = await storage.readNodes(missing);
    read.forEach((hash, k) => {
      const i = missingAt[k]!;
      hashes[i] = hash;
      if (ids[i]!.level >= CACHED_FROM_LEVEL) upperNodes.set(missing[k]!, hash);
    });
    return hashes;
  }

  async function loadFrontier(): Promise<Frontier> {
    const size = await storage.treeSize();
    const ids = rangeNodes([0, size]);
    const hashes = await storage.readNodes(ids.map(nodePosition));
    return { size, nodes: ids.map((id, i) => ({ level: id.level, hash: hashes[i]! })) };
  }

  async function append(leafHashes: readonly Buffer[]): Promise<number> {
    frontier ??= await loadFrontier();
    if (leafHashes.length === 0) return frontier.size;
    const nodes = [...frontier.nodes];
    const written: Buffer[] = [];
    for (const leaf of leafHashes) {
      if (leaf.length !== 32) throw new RangeError(`a leaf hash is ${leaf.length} bytes, not 32`);
      nodes.push({ level: 0, hash: leaf });
      written.push(leaf);
      while (nodes.length >= 2 && nodes.at(-1)!.level === nodes.at(-2)!.level) {
        const right = nodes.pop()!;
        const left = nodes.pop()!;
        const parent = { level: left.level + 1, hash: hashChildren(left.hash, right.hash) };
        nodes.push(parent);
        written.push(parent.hash);
      }
    }
    const toSize = frontier.size + leafHashes.length;
    try {
      await storage.appendNodes({
        fromSize: frontier.size,
        toSize,
        firstPosition: storedNodeCount(frontier.size),
        hashes: written,
      });
    } catch (error) {
      frontier = undefined; // reload from storage next time: another writer may have moved it
      throw error;
    }
    frontier = { size: toSize, nodes };
    return toSize;
  }

  async function builtSize(parameter: string, treeSize: number): Promise<void> {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0)
      throw new ProofRequestError(parameter, 'must be a whole number ≥ 0');
    if (treeSize <= knownBuilt) return;
    const size = await storage.treeSize();
    if (treeSize > size) throw new ProofRequestError(parameter, `must be at most the built tree size ${size}`);
    knownBuilt = size;
  }

  /** Reads every node the ranges need in one go, then folds each range into its RFC 9162 hash. */
  async function rangeHashes(ranges: readonly LeafRange[]): Promise<Buffer[]> {
    const perRange = ranges.map((range) => {
      const key = `${range[0]}-${range[1]}`;
      const folded = foldedRanges.get(key);
      return folded ? { key, folded, nodes: [] } : { key, nodes: rangeNodes(range) };
    });
    const hashes = await readNodes(perRange.flatMap((r) => r.nodes));
    let at = 0;
    return perRange.map(({ key, folded, nodes }) => {
      if (folded) return folded;
      const own = hashes.slice(at, at + nodes.length);
      at += nodes.length;
      if (own.length === 1) return own[0]!;
      const hash = own.reduceRight((right, left) => hashChildren(left, right));
      if (foldedRanges.size >= FOLDED_RANGES_KEPT) foldedRanges.clear();
      foldedRanges.set(key, hash);
      return hash;
    });
  }

  async function rootHash(treeSize: number): Promise<Buffer> {
    await builtSize('treeSize', treeSize);
    if (treeSize === 0) return EMPTY_ROOT;
    return (await rangeHashes([[0, treeSize]]))[0]!;
  }

  async function inclusionProof(leafIndex: number, treeSize: number): Promise<InclusionProof> {
    await builtSize('treeSize', treeSize);
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize)
      throw new ProofRequestError('position', `must be a position from 1 to the tree size ${treeSize}`);
    const ranges = inclusionRanges(leafIndex, treeSize);
    const hashes = await rangeHashes([[leafIndex, leafIndex + 1], [0, treeSize], ...ranges]);
    return { leafIndex, treeSize, leafHash: hashes[0]!, rootHash: hashes[1]!, hashes: hashes.slice(2) };
  }

  async function consistencyProof(first: number, second: number): Promise<ConsistencyProof> {
    await builtSize('second', second);
    if (!Number.isSafeInteger(first) || first < 0 || first > second)
      throw new ProofRequestError('first', `must be a whole number from 0 to second (${second})`);
    if (second === 0) return { first, second, firstRootHash: EMPTY_ROOT, secondRootHash: EMPTY_ROOT, hashes: [] };
    const roots: LeafRange[] =
      first === 0
        ? [[0, second]]
        : [
            [0, first],
            [0, second],
          ];
    const hashes = await rangeHashes([...roots, ...consistencyRanges(first, second)]);
    const firstRootHash = first === 0 ? EMPTY_ROOT : hashes[0]!;
    const secondRootHash = hashes[roots.length - 1]!;
    return { first, second, firstRootHash, secondRootHash, hashes: hashes.slice(roots.length) };
  }

  return { size: () => storage.treeSize(), append, rootHash, inclusionProof, consistencyProof };
}
