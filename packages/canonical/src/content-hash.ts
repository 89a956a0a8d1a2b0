import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** One-shot (crypto.hash): several times cheaper than a Hash object for the short inputs every write hashes. */
export function sha256Hex(input: string | Uint8Array): string {
  return hash('sha256', input, 'hex');
}

/**
 * A UUID (version 8, RFC 9562 "custom") derived from the sha256 of the canonical content:
 * the same content always gets the same id, which makes re-ingestion idempotent, and KurrentDB accepts it.
 */
export function contentUuid(namespace: string, content: unknown): string {
  const hex = sha256Hex(`${namespace}\n${canonicalJson(content)}`);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
