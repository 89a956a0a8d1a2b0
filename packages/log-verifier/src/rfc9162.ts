import { createHash, hash } from 'node:crypto';
import { VerificationError } from './verification-error.ts';

// One-shot hashing of a reused input buffer: a tree of n leaves hashes about 2n times, and a Hash object per node
// costs about as much as the SHA-256 itself. hash() reads its input before returning, so reuse is safe.
const nodeInput = Buffer.alloc(65, 1);
const leafInput = Buffer.alloc(33, 0);

/** RFC 9162 §2.1.1: leaves and interior nodes are hashed with different prefixes, so one can never pass for the other. */
export function hashLeaf(data: Uint8Array): Buffer {
  if (data.length !== HASH_BYTES) return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
  leafInput.set(data, 1);
  return hash('sha256', leafInput, 'buffer');
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES)
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_BYTES);
  return hash('sha256', nodeInput, 'buffer');
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = createHash('sha256').digest();

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);
const HASH_BYTES = 32;

function checkHash(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_BYTES) throw new VerificationError(`${what} is ${hash.length} bytes, not ${HASH_BYTES}`);
}

const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');

/**
 * RFC 9162 §2.1.3.2: the root that an inclusion proof leads to from a leaf hash. Throws when the proof has the wrong
 * shape for (leafIndex, treeSize): too long, too short, or hashes that are not 32 bytes.
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || treeSize < 0)
    throw new VerificationError(`leaf index ${leafIndex} and tree size ${treeSize} must be whole numbers ≥ 0`);
  if (leafIndex >= treeSize)
    throw new VerificationError(`leaf index ${leafIndex} is outside a tree of size ${treeSize}`);
  checkHash(leafHash, 'the leaf hash');
  proof.forEach((p, i) => checkHash(p, `proof hash ${i}`));
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const [i, p] of proof.entries()) {
    if (sn === 0)
      throw new VerificationError(`the inclusion proof has ${proof.length} hashes, more than the ${i} the path needs`);
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        // Right border of the tree: skip the levels where this node has no right sibling.
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0)
    throw new VerificationError(`the inclusion proof has ${proof.length} hashes, fewer than the path needs`);
  return r;
}

/** Checks that `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves whose root is `rootHash`. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): void {
  checkHash(rootHash, 'the root hash');
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  if (!computed.equals(rootHash))
    throw new VerificationError(
      `inclusion proof of leaf ${leafIndex} in tree size ${treeSize} leads to root ${hex(computed)}, not the expected ${hex(rootHash)}`,
    );
}

/**
 * RFC 9162 §2.1.4.2: checks that the tree of `second` leaves with root `secondRoot` extends the tree of `first` leaves
 * with root `firstRoot` (every leaf of the first is unchanged, in the same place).
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || second < 0)
    throw new VerificationError(`tree sizes ${first} and ${second} must be whole numbers ≥ 0`);
  if (first > second)
    throw new VerificationError(`tree size ${second} is smaller than the earlier size ${first}: the log shrank`);
  checkHash(firstRoot, 'the first root hash');
  checkHash(secondRoot, 'the second root hash');
  proof.forEach((p, i) => checkHash(p, `proof hash ${i}`));
  if (first === second) {
    if (proof.length > 0) throw new VerificationError(`a consistency proof between equal sizes must be empty`);
    if (!Buffer.from(firstRoot).equals(secondRoot))
      throw new VerificationError(
        `two roots for tree size ${first}: ${hex(firstRoot)} and ${hex(secondRoot)} (a forked history)`,
      );
    return;
  }
  if (first === 0) {
    // Any tree is consistent with the empty one; a proof would mean nothing (and RFC 9162 has none).
    if (proof.length > 0) throw new VerificationError(`a consistency proof from the empty tree must be empty`);
    return;
  }
  if (proof.length === 0) throw new VerificationError(`the consistency proof from ${first} to ${second} is empty`);

  let path = [...proof];
  // When `first` is a power of two its root is a node of the second tree and stands first in the path implicitly.
  if (isPowerOfTwo(first)) path = [Buffer.from(firstRoot), ...path];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const [i, c] of path.slice(1).entries()) {
    if (sn === 0)
      throw new VerificationError(
        `the consistency proof from ${first} to ${second} has ${proof.length} hashes, more than it needs (extra at ${i})`,
      );
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0)
    throw new VerificationError(
      `the consistency proof from ${first} to ${second} has ${proof.length} hashes, fewer than it needs`,
    );
  if (!fr.equals(firstRoot))
    throw new VerificationError(
      `the consistency proof from ${first} to ${second} rebuilds the first root as ${hex(fr)}, not the trusted ${hex(firstRoot)}: the history was rewritten`,
    );
  if (!sr.equals(secondRoot))
    throw new VerificationError(
      `the consistency proof from ${first} to ${second} rebuilds the second root as ${hex(sr)}, not the claimed ${hex(secondRoot)}: the second tree does not extend the first`,
    );
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1) {
    if (n % 2 === 1) return false;
    n /= 2;
  }
  return n === 1;
}
