import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { VerificationError } from './verification-error.ts';

/** C2SP signed-note: the one signature type the ledger uses. */
export const ED25519_TYPE = 0x01;

/** An Ed25519 public key as C2SP signed-note names it: key name, key id, 32 raw bytes. */
export interface VerifierKey {
  name: string;
  keyId: number;
  publicKey: Buffer;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4], big-endian. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519_TYPE))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

export function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name))
    throw new VerificationError(`key name "${name}" must be non-empty, without spaces or "+"`);
}

/** `<name>+<8 hex digits of key id>+<base64(0x01 ‖ public key)>` */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  checkKeyName(name);
  const id = noteKeyId(name, publicKey).toString(16).padStart(8, '0');
  return `${name}+${id}+${Buffer.concat([Uint8Array.of(ED25519_TYPE), publicKey]).toString('base64')}`;
}

export function parseVerifierKey(text: string): VerifierKey {
  const trimmed = text.trim();
  // The base64 part may itself contain "+", so split after the name, which never does.
  const firstPlus = trimmed.indexOf('+');
  if (firstPlus <= 0) throw new VerificationError(`verifier key "${trimmed}" is not name+id+key`);
  const name = trimmed.slice(0, firstPlus);
  const idHex = trimmed.slice(firstPlus + 1, firstPlus + 9);
  const material = trimmed.slice(firstPlus + 10);
  if (!/^[0-9a-f]{8}$/.test(idHex) || trimmed[firstPlus + 9] !== '+')
    throw new VerificationError(`verifier key "${trimmed}" has no 8-digit hex key id after the name`);
  const raw = Buffer.from(material, 'base64');
  if (raw.toString('base64') !== material || raw.length !== 33 || raw[0] !== ED25519_TYPE)
    throw new VerificationError(`verifier key "${trimmed}" is not base64 of 0x01 and a 32-byte Ed25519 key`);
  checkKeyName(name);
  const publicKey = raw.subarray(1);
  const keyId = parseInt(idHex, 16);
  if (noteKeyId(name, publicKey) !== keyId)
    throw new VerificationError(`verifier key "${trimmed}": key id ${idHex} does not match its name and key`);
  return { name, keyId, publicKey };
}

export function ed25519PublicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** A note split into its text (ending in newline) and its signature lines. */
export interface ParsedNote {
  text: string;
  signatures: { name: string; keyId: number; signature: Buffer }[];
}

export function parseNote(note: string): ParsedNote {
  for (const char of note) {
    if (char < ' ' && char !== '\n') throw new VerificationError('the note contains control characters');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n'))
    throw new VerificationError('the note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    if (!match) throw new VerificationError(`the note's signature line "${line}" is not "— <name> <base64>"`);
    const raw = Buffer.from(match[2]!, 'base64');
    if (raw.length < 5) throw new VerificationError(`the note's signature by ${match[1]} is too short`);
    return { name: match[1]!, keyId: raw.readUInt32BE(0), signature: raw.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Returns the note's text once a signature by `key` verifies. Signatures by other keys are ignored (C2SP); a signature
 * by this key that does not verify rejects the note, and so does a note with no signature by this key.
 */
export function openNote(note: string, key: VerifierKey): string {
  const parsed = parseNote(note);
  const own = parsed.signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  if (own.length === 0) {
    const names = parsed.signatures.map((s) => `${s.name}+${s.keyId.toString(16).padStart(8, '0')}`).join(', ');
    throw new VerificationError(
      `the note is not signed by the trusted key ${key.name}+${key.keyId.toString(16).padStart(8, '0')} (signed by: ${names || 'nobody'})`,
    );
  }
  const publicKey = ed25519PublicKeyObject(key.publicKey);
  for (const s of own) {
    if (!verify(null, Buffer.from(parsed.text, 'utf8'), publicKey, s.signature))
      throw new VerificationError(
        `the signature by ${key.name} does not verify: the note was changed or signed by another key`,
      );
  }
  return parsed.text;
}

/** One signature line for `text`, given the raw Ed25519 signature over it. */
export function signatureLine(name: string, publicKey: Uint8Array, signature: Uint8Array): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(noteKeyId(name, publicKey));
  return `\u2014 ${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}
