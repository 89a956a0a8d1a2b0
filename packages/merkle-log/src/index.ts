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
  signerFromKeyFile,
  generatePrivateKey,
  loadOrCreateSigningKey,
  type NoteSigner,
  type SigningKeyOptions,
} from './signing-key.ts';
export { createCheckpointer, InconsistentCheckpointError, type Checkpointer } from './checkpointer.ts';
export {
  openVerifiableLog,
  openConfiguredLog,
  openLogAt,
  configuredLogLocation,
  type VerifiableLog,
  type LogLocation,
  type TableLocation,
  type LogConfig,
} from './open-configured.ts';
export { maintainLog, type SignedCheckpoint, type MaintainLogOptions } from './maintain-log.ts';
export { startLogFollowerThread, type FollowerThread, type FollowerThreadOptions } from './log-follower-thread.ts';
export { startLogFollower } from './start-log-follower.ts';
export { eventStoreLeafSource, sqliteLeafSource, postgresLeafSource, type LeafSource } from './leaf-source.ts';
