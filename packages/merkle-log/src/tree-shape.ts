/**
 * Where RFC 9162 trees keep their nodes, as pure arithmetic. A node is a perfect subtree: (level, index) covers leaves
 * [index·2^level, (index+1)·2^level). Stored nodes are numbered in post-order, the order in which appending leaves
 * completes them, so storage only ever appends.
 */
export interface NodeId {
  level: number;
  index: number;
}

/** A range of leaves [start, end). */
export type LeafRange = readonly [start: number, end: number];

const TWO_32 = 2 ** 32;

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function popcount(n: number): number {
  return popcount32((n % TWO_32) >>> 0) + popcount32(Math.floor(n / TWO_32));
}

function trailingZeros(n: number): number {
  let z = 0;
  while (n % 2 === 0) {
    n /= 2;
    z++;
  }
  return z;
}

/** How many nodes a tree of `size` leaves stores: every leaf and every completed interior node. */
export function storedNodeCount(size: number): number {
  return 2 * size - popcount(size);
}

/** The post-order number of a node: 2(k+1)·2^L − popcount(k+1) − 1 − tz(k+1) for node (L, k). */
export function nodePosition({ level, index }: NodeId): number {
  const k1 = index + 1;
  return 2 * k1 * 2 ** level - popcount(k1) - 1 - trailingZeros(k1);
}

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The perfect subtrees that make up [start, end), left to right, largest first (start aligned as RFC 9162 splits). */
export function rangeNodes([start, end]: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (size * 2 <= end - at && at % (size * 2) === 0) {
      size *= 2;
      level++;
    }
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[start:end]): the subtrees whose hashes prove leaf m, leaf to root. */
export function inclusionRanges(leafIndex: number, treeSize: number): LeafRange[] {
  const out: LeafRange[] = [];
  const walk = (start: number, end: number): void => {
    if (end - start <= 1) return;
    const k = splitPoint(end - start);
    if (leafIndex - start < k) {
      walk(start, start + k);
      out.push([start + k, end]);
    } else {
      walk(start + k, end);
      out.push([start, start + k]);
    }
  };
  walk(0, treeSize);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) through SUBPROOF: the subtrees whose hashes prove that size m grew into n. */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  const out: LeafRange[] = [];
  if (first === 0 || first === second) return out;
  const sub = (start: number, end: number, startsAtOldRoot: boolean): void => {
    const m = first - start;
    const n = end - start;
    if (m === n) {
      if (!startsAtOldRoot) out.push([start, end]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(start, start + k, startsAtOldRoot);
      out.push([start + k, end]);
    } else {
      sub(start + k, end, false);
      out.push([start, start + k]);
    }
  };
  sub(0, second, true);
  return out;
}
