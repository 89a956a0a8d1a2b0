import {
  formatCheckpoint,
  parseCheckpoint,
  parseNote,
  verifyConsistency,
  VerificationError,
} from '@ledger/log-verifier';
import type { MerkleTree } from './merkle-tree.ts';
import type { NodeStorage } from './node-storage.ts';
import type { NoteSigner } from './signing-key.ts';

/** Signing would contradict a checkpoint signed before: the tree was rebuilt from different events. */
export class InconsistentCheckpointError extends Error {
  override readonly name = 'InconsistentCheckpointError';
}

export interface Checkpointer {
  /** Signs a checkpoint over the built tree, unless the last one already covers it; resolves to the signed note. */
  signLatest(): Promise<string>;
  /** The last signed checkpoint (a C2SP signed note), if any. */
  latest(): Promise<string | undefined>;
}

/**
 * Never signs two checkpoints that contradict each other: the last signed one is kept, and a new one is signed only
 * when the tree proves itself consistent with it (RFC 9162 consistency proof, checked as a verifier would).
 */
export function createCheckpointer(options: {
  tree: MerkleTree;
  storage: NodeStorage;
  signer: NoteSigner;
  origin: string;
}): Checkpointer {
  const { tree, storage, signer, origin } = options;
  let queue: Promise<unknown> = Promise.resolve();

  async function sign(): Promise<string> {
    const treeSize = await tree.size();
    const rootHash = await tree.rootHash(treeSize);
    const lastNote = await storage.readSignedCheckpoint();
    if (lastNote) {
      const last = parseCheckpoint(parseNote(lastNote).text);
      if (last.treeSize > treeSize)
        throw new InconsistentCheckpointError(
          `the tree has ${treeSize} leaves, fewer than the ${last.treeSize} of the last signed checkpoint`,
        );
      if (last.treeSize === treeSize && last.origin === origin && last.rootHash.equals(rootHash)) return lastNote;
      const proof = await tree.consistencyProof(last.treeSize, treeSize);
      try {
        verifyConsistency(last.treeSize, treeSize, last.rootHash, rootHash, proof.hashes);
      } catch (error) {
        if (error instanceof VerificationError)
          throw new InconsistentCheckpointError(`refusing to sign tree size ${treeSize}: ${error.message}`);
        throw error;
      }
    }
    const note = signer.signNote(formatCheckpoint({ origin, treeSize, rootHash }));
    await storage.writeSignedCheckpoint(note);
    return note;
  }

  return {
    // One signing at a time, so two callers never both pass the check against the same last checkpoint.
    signLatest() {
      const next = queue.then(sign, sign);
      queue = next.catch(() => {});
      return next;
    },
    latest: () => storage.readSignedCheckpoint(),
  };
}
