/** What a verifier found wrong; the message says exactly which check failed and on what values. */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';
}
