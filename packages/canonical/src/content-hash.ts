import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export function sha256Hex(input: string | Uint8Array): string {
  return createHash('sha256').update(input).digest('hex');
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
