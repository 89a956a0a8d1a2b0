export {
  createMerkleTree,
  ProofRequestError,
  type MerkleTree,
  type InclusionProof,
  type ConsistencyProof,
} from './merkle-tree.ts';
export { StaleTreeError, type NodeStorage } from './node-storage.ts';
export { openSqliteNodeStorage } from './sqlite-node-storage.ts';
export { openPostgresNodeStorage } from './postgres-node-storage.ts';
export { catchUpTree, followStore, leafHashOf, type FollowOptions } from './follow-store.ts';
export {
  signerFromPrivateKey,
  generatePrivateKey,
  loadOrCreateSigningKey,
  type NoteSigner,
  type SigningKeyOptions,
} from './signing-key.ts';
export { createCheckpointer, InconsistentCheckpointError, type Checkpointer } from './checkpointer.ts';
export { openVerifiableLog, openConfiguredLog, type VerifiableLog } from './open-configured.ts';
export { maintainLog, type SignedCheckpoint } from './maintain-log.ts';
export { eventStoreLeafSource, sqliteLeafSource, postgresLeafSource, type LeafSource } from './leaf-source.ts';
