import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNote, parseVerifierKey } from '@ledger/log-verifier';
import { generatePrivateKey, loadOrCreateSigningKey, signerFromPrivateKey } from './signing-key.ts';

// golang.org/x/mod/sumdb/note's example key and note: Ed25519 is deterministic, so signing must give the same bytes.
const GO_PRIVATE = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('note signing key', () => {
  it('signs exactly as the Go reference implementation', () => {
    const signer = signerFromPrivateKey(GO_PRIVATE);
    expect(signer.verifierKey).toBe('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(signer.signNote(GO_TEXT)).toBe(GO_NOTE);
  });

  it('refuses a malformed key without echoing it', () => {
    expect(() => signerFromPrivateKey('PRIVATE+KEY+x+00000000+c2VjcmV0')).toThrow(/must be PRIVATE\+KEY\+<name>/);
    expect(() => signerFromPrivateKey(GO_PRIVATE.replace('c74f20a3', 'c74f20a4'))).toThrow(/id does not match/);
  });

  it('generates a key into the data directory once, mode 0600, with one log line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
    try {
      const lines: object[] = [];
      const logger = { info: (fields: object) => void lines.push(fields) };
      const first = loadOrCreateSigningKey({ keyFile: undefined, dataDir: dir, name: 'ledger.example/log', logger });
      const again = loadOrCreateSigningKey({ keyFile: undefined, dataDir: dir, name: 'ledger.example/log', logger });
      expect(again.verifierKey).toBe(first.verifierKey);
      expect(lines).toEqual([{ path: join(dir, 'log-signing.key'), verifierKey: first.verifierKey }]);
      expect(statSync(join(dir, 'log-signing.key')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'log-signing.key'), 'utf8')).toMatch(/^PRIVATE\+KEY\+ledger\.example\/log\+/);
      const note = first.signNote('ledger.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
      expect(openNote(note, parseVerifierKey(first.verifierKey))).toMatch(/^ledger\.example\/log\n0\n/);
      expect(() =>
        openNote(note, parseVerifierKey(signerFromPrivateKey(generatePrivateKey('ledger.example/log')).verifierKey)),
      ).toThrow(/does not verify|not signed by the trusted key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
