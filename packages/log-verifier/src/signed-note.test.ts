import { describe, it, expect } from '@jest/globals';
import { formatVerifierKey, openNote, parseVerifierKey } from './signed-note.ts';

// The signed note of golang.org/x/mod/sumdb/note's documentation and tests: an independent implementation's output.
const GO_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('C2SP signed notes', () => {
  it('reads a verifier key and rebuilds it', () => {
    const key = parseVerifierKey(GO_KEY);
    expect(key.name).toBe('PeterNeumann');
    expect(key.keyId).toBe(0xc74f20a3);
    expect(formatVerifierKey(key.name, key.publicKey)).toBe(GO_KEY);
  });

  it('refuses a key whose id does not match', () => {
    expect(() => parseVerifierKey(GO_KEY.replace('c74f20a3', 'c74f20a4'))).toThrow(/key id c74f20a4 does not match/);
    expect(() => parseVerifierKey('no-plus')).toThrow(/not name\+id\+key/);
  });

  it('opens a note signed by the trusted key', () => {
    expect(openNote(GO_NOTE, parseVerifierKey(GO_KEY))).toBe(GO_TEXT);
  });

  it('refuses a changed text, an unknown signer and a missing separator', () => {
    const key = parseVerifierKey(GO_KEY);
    expect(() => openNote(GO_NOTE.replace('cryptography', 'cryptographY'), key)).toThrow(/does not verify/);
    expect(() => openNote(GO_NOTE.replace('— PeterNeumann', '— PeterNoymann'), key)).toThrow(
      /not signed by the trusted key PeterNeumann\+c74f20a3 \(signed by: PeterNoymann\+c74f20a3\)/,
    );
    expect(() => openNote(GO_TEXT, key)).toThrow(/no blank line/);
  });
});
