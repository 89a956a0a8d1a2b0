import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkKeyName, formatVerifierKey, noteKeyId, signatureLine } from '@ledger/log-verifier';

/** An Ed25519 note signer (C2SP signed-note). */
export interface NoteSigner {
  name: string;
  publicKey: Buffer;
  /** `<name>+<hex key id>+<base64(0x01 ‖ public key)>`, what GET /v1/log/public-key serves. */
  verifierKey: string;
  /** The note: `text`, a blank line, and this key's signature line. */
  signNote(text: string): string;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const PREFIX = 'PRIVATE+KEY+';

/** The signer of a private key in the golang.org/x/mod/sumdb/note format: PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>. */
export function signerFromPrivateKey(text: string): NoteSigner {
  const trimmed = text.trim();
  const fields = trimmed.startsWith(PREFIX) ? trimmed.slice(PREFIX.length).split('+') : [];
  const [name, idHex, ...material] = fields;
  const raw = Buffer.from(material.join('+'), 'base64');
  if (!name || !idHex || raw.length !== 33 || raw[0] !== 0x01)
    throw new RangeError('the signing key must be PRIVATE+KEY+<name>+<hex key id>+<base64 of 0x01 and a 32-byte seed>');
  checkKeyName(name);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, raw.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  if (noteKeyId(name, publicKey).toString(16).padStart(8, '0') !== idHex)
    throw new RangeError('the signing key id does not match its name and key');
  return {
    name,
    publicKey,
    verifierKey: formatVerifierKey(name, publicKey),
    signNote: (noteText) =>
      `${noteText}\n${signatureLine(name, publicKey, sign(null, Buffer.from(noteText, 'utf8'), privateKey))}`,
  };
}

function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');
}

/** A fresh key in the private-key format above. */
export function generatePrivateKey(name: string): string {
  checkKeyName(name);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const id = noteKeyId(name, rawPublicKey(publicKey)).toString(16).padStart(8, '0');
  return `${PREFIX}${name}+${id}+${Buffer.concat([Uint8Array.of(0x01), seed]).toString('base64')}\n`;
}

export interface SigningKeyOptions {
  /** LEDGER_SIGNING_KEY_FILE: a private key in the format above. */
  keyFile: string | undefined;
  /** Where a key is generated when no file is given. */
  dataDir: string;
  /** The key name of a generated key (the log's origin). */
  name: string;
  logger: { info(fields: object, message: string): void };
}

/** The signer of a key file written by generatePrivateKey (or loadOrCreateSigningKey). */
export const signerFromKeyFile = (path: string): NoteSigner => signerFromPrivateKey(readKey(path, path));

/** The configured key file, or where a generated key lives in the data directory. */
export function signingKeyPath(options: Pick<SigningKeyOptions, 'keyFile' | 'dataDir'>): string {
  return options.keyFile ?? join(options.dataDir, 'log-signing.key');
}

/** The configured key, or the one generated into the data directory on first start (mode 0600). */
export function loadOrCreateSigningKey(options: SigningKeyOptions): NoteSigner {
  if (options.keyFile) return signerFromPrivateKey(readKey(options.keyFile, 'LEDGER_SIGNING_KEY_FILE'));
  const path = signingKeyPath(options);
  if (existsSync(path)) return signerFromPrivateKey(readKey(path, path));
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(path, generatePrivateKey(options.name), { mode: 0o600, flag: 'wx' });
  const signer = signerFromPrivateKey(readKey(path, path));
  options.logger.info({ path, verifierKey: signer.verifierKey }, 'generated the log signing key');
  return signer;
}

function readKey(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new RangeError(`${what}: cannot read the signing key (${(error as NodeJS.ErrnoException).code})`);
  }
}
