export { VerificationError } from './verification-error.ts';
export {
  hashLeaf,
  hashChildren,
  EMPTY_ROOT,
  rootFromInclusionProof,
  verifyInclusion,
  verifyConsistency,
} from './rfc9162.ts';
export {
  noteKeyId,
  checkKeyName,
  formatVerifierKey,
  parseVerifierKey,
  parseNote,
  openNote,
  signatureLine,
  ed25519PublicKeyObject,
  type VerifierKey,
  type ParsedNote,
} from './signed-note.ts';
export { formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.ts';
export { chainHashOf, type ChainedEvent } from './event-hash.ts';
export { auditLog, type AuditOptions, type AuditReport, type TrustedState } from './audit.ts';
