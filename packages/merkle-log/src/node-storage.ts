/**
 * Where a tree's nodes live: an append-only sequence of 32-byte hashes in post-order (see tree-shape.ts), the number
 * of leaves they cover, and the last checkpoint signed over them.
 */
export interface NodeStorage {
  /** The number of leaves whose nodes are stored. */
  treeSize(): Promise<number>;
  /** The hashes at these post-order positions, in the same order; throws when one is missing. */
  readNodes(positions: readonly number[]): Promise<Buffer[]>;
  /**
   * Stores `hashes` at positions firstPosition… and moves the size from `fromSize` to `toSize`, atomically. Throws
   * StaleTreeError when the stored size is not `fromSize` (another writer moved it).
   */
  appendNodes(append: {
    fromSize: number;
    toSize: number;
    firstPosition: number;
    hashes: readonly Buffer[];
  }): Promise<void>;
  /** The signed note of the last checkpoint, if any was signed. */
  readSignedCheckpoint(): Promise<string | undefined>;
  writeSignedCheckpoint(note: string): Promise<void>;
  close(): Promise<void>;
}

export class StaleTreeError extends Error {
  override readonly name = 'StaleTreeError';
}
