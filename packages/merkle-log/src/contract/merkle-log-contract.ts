import { describe, it, expect, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createMemoryEventStore } from '@ledger/event-store';
import {
  EMPTY_ROOT,
  hashChildren,
  hashLeaf,
  parseCheckpoint,
  openNote,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from '@ledger/log-verifier';
import { catchUpTree } from '../follow-store.ts';
import { eventStoreLeafSource } from '../leaf-source.ts';
import { createMerkleTree, ProofRequestError } from '../merkle-tree.ts';
import type { NodeStorage } from '../node-storage.ts';
import { createCheckpointer, InconsistentCheckpointError } from '../checkpointer.ts';
import { generatePrivateKey, signerFromPrivateKey } from '../signing-key.ts';

/** RFC 9162 §2.1.1 MTH, by its recursive definition: the reference the stored tree must agree with. */
export function referenceRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const leafOf = (i: number) => hashLeaf(Buffer.from(`leaf ${i}`));

/** The same cases on every node storage (SQLite, PostgreSQL). */
export function describeMerkleLogContract(name: string, open: () => Promise<NodeStorage>): void {
  const opened: NodeStorage[] = [];
  const fresh = async () => {
    const storage = await open();
    opened.push(storage);
    return storage;
  };
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  describe(`merkle log: ${name}`, () => {
    it('grows in uneven batches to the roots of RFC 9162, and proves every leaf and every pair of sizes', async () => {
      const tree = createMerkleTree(await fresh());
      const leaves = Array.from({ length: 37 }, (_, i) => leafOf(i));
      const batches = [1, 2, 1, 5, 8, 3, 17];
      let at = 0;
      for (const b of batches) {
        await tree.append(leaves.slice(at, at + b));
        at += b;
        expect(await tree.size()).toBe(at);
      }
      for (let size = 0; size <= leaves.length; size++) {
        const root = await tree.rootHash(size);
        expect(root.toString('hex')).toBe(referenceRoot(leaves.slice(0, size)).toString('hex'));
        for (let i = 0; i < size; i++) {
          const proof = await tree.inclusionProof(i, size);
          expect(proof.leafHash.equals(leaves[i]!)).toBe(true);
          verifyInclusion(i, size, leaves[i]!, proof.hashes, root);
        }
        for (let first = 0; first <= size; first++) {
          const proof = await tree.consistencyProof(first, size);
          verifyConsistency(first, size, proof.firstRootHash, root, proof.hashes);
          expect(proof.firstRootHash.equals(referenceRoot(leaves.slice(0, first)))).toBe(true);
        }
      }
    });

    it('answers the same from the nodes and ranges it keeps in memory, before and after the tree grows', async () => {
      const storage = await fresh();
      const tree = createMerkleTree(storage);
      const leaves = Array.from({ length: 1_300 }, (_, i) => leafOf(i));
      await tree.append(leaves.slice(0, 1_000)); // nodes up to level 9: the upper ones are kept once read
      const proofs = async (size: number) => {
        const root = referenceRoot(leaves.slice(0, size));
        for (const i of [0, 255, 256, 511, 700, size - 2, size - 1].filter((i) => i < size)) {
          const proof = await tree.inclusionProof(i, size);
          expect(proof.rootHash.equals(root)).toBe(true);
          verifyInclusion(i, size, leaves[i]!, proof.hashes, root);
        }
        const first = await tree.consistencyProof(300, size);
        verifyConsistency(300, size, referenceRoot(leaves.slice(0, 300)), root, first.hashes);
      };
      for (let pass = 0; pass < 2; pass++) for (const size of [1_000, 777, 512]) await proofs(size);
      await tree.append(leaves.slice(1_000));
      for (let pass = 0; pass < 2; pass++) for (const size of [1_300, 1_000, 1_024]) await proofs(size);
      // A fresh reader of the same storage (as the API beside the follower) agrees with the writer's memory.
      expect((await createMerkleTree(storage).rootHash(1_300)).equals(await tree.rootHash(1_300))).toBe(true);
    });

    it('produces the proofs of the transparency-dev/merkle vectors over the RFC 6962 leaves', async () => {
      const tree = createMerkleTree(await fresh());
      const data = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
      await tree.append(data.map((d) => hashLeaf(Buffer.from(d, 'hex'))));
      const vectors = (kind: string) =>
        JSON.parse(readFileSync(new URL(`../../../log-verifier/src/testdata/${kind}.json`, import.meta.url), 'utf8'));
      const happy = (c: { file: string }) => /^[a-z]+\/\d\/happy-path\.json$/.test(c.file);
      const inclusion = vectors('inclusion').filter(happy);
      expect(inclusion.length).toBeGreaterThan(3);
      for (const c of inclusion) {
        const proof = await tree.inclusionProof(c.leafIdx, c.treeSize);
        expect(proof.rootHash.toString('base64')).toBe(c.root);
        expect(proof.leafHash.toString('base64')).toBe(c.leafHash);
        expect(proof.hashes.map((h) => h.toString('base64'))).toEqual(c.proof ?? []);
      }
      const consistency = vectors('consistency').filter(happy);
      expect(consistency.length).toBeGreaterThan(3);
      for (const c of consistency) {
        const proof = await tree.consistencyProof(c.size1, c.size2);
        expect(proof.firstRootHash.toString('base64')).toBe(c.root1);
        expect(proof.secondRootHash.toString('base64')).toBe(c.root2);
        expect(proof.hashes.map((h) => h.toString('base64'))).toEqual(c.proof ?? []);
      }
    });

    it('rebuilt from the events, has the same roots as grown one event at a time', async () => {
      const store = createMemoryEventStore();
      const source = eventStoreLeafSource(store);
      const grown = createMerkleTree(await fresh());
      for (let i = 0; i < 23; i++) {
        await store.appendToStream(`s-${i % 3}`, [{ eventId: crypto.randomUUID(), type: 'T', data: { i } }]);
        await catchUpTree(grown, source);
      }
      const rebuilt = createMerkleTree(await fresh());
      expect(await catchUpTree(rebuilt, source, { batchSize: 7 })).toBe(23);
      const events = await store.readAll();
      for (let size = 0; size <= 23; size++) {
        const root = await rebuilt.rootHash(size);
        expect(root.equals(await grown.rootHash(size))).toBe(true);
        expect(root.equals(referenceRoot(events.slice(0, size).map((e) => hashLeaf(Buffer.from(e.hash, 'hex')))))).toBe(
          true,
        );
      }
    });

    it('serves only built sizes and names the bad parameter', async () => {
      const tree = createMerkleTree(await fresh());
      await tree.append([leafOf(0), leafOf(1), leafOf(2)]);
      await expect(tree.inclusionProof(0, 4)).rejects.toThrow(/^treeSize must be at most the built tree size 3$/);
      await expect(tree.inclusionProof(3, 3)).rejects.toThrow(ProofRequestError);
      await expect(tree.inclusionProof(3, 3)).rejects.toMatchObject({ parameter: 'position' });
      await expect(tree.consistencyProof(2, 5)).rejects.toMatchObject({ parameter: 'second' });
      await expect(tree.consistencyProof(3, 2)).rejects.toMatchObject({ parameter: 'first' });
      await expect(tree.rootHash(-1)).rejects.toMatchObject({ parameter: 'treeSize' });
    });

    it('a second writer that lost the race is refused, and the nodes stay as the first wrote them', async () => {
      const storage = await fresh();
      const a = createMerkleTree(storage);
      const b = createMerkleTree(storage);
      await a.size();
      await b.append([]); // b loads its view at size 0
      await a.append([leafOf(0)]);
      await expect(b.append([leafOf(9)])).rejects.toThrow(/no longer at size 0/);
      expect((await a.rootHash(1)).equals(leafOf(0))).toBe(true);
      expect(await b.append([leafOf(1)])).toBe(2); // b reloads and carries on
    });

    it('signs checkpoints only over a consistent history', async () => {
      const storage = await fresh();
      const tree = createMerkleTree(storage);
      const signer = signerFromPrivateKey(generatePrivateKey('test.example/log'));
      const checkpointer = createCheckpointer({ tree, storage, signer, origin: 'test.example/log' });
      await tree.append([leafOf(0), leafOf(1), leafOf(2)]);
      const first = await checkpointer.signLatest();
      const key = parseVerifierKey(signer.verifierKey);
      const cp = parseCheckpoint(openNote(first, key));
      expect(cp).toMatchObject({ origin: 'test.example/log', treeSize: 3 });
      expect(cp.rootHash.equals(referenceRoot([leafOf(0), leafOf(1), leafOf(2)]))).toBe(true);
      expect(await checkpointer.signLatest()).toBe(first);
      await tree.append([leafOf(3)]);
      const second = await checkpointer.signLatest();
      expect(parseCheckpoint(openNote(second, key)).treeSize).toBe(4);
      expect(await checkpointer.latest()).toBe(second);

      // The same storage rebuilt from other events: signing would fork the history, so it is refused.
      const forkedStorage = await fresh();
      await forkedStorage.writeSignedCheckpoint(second);
      const forked = createMerkleTree(forkedStorage);
      const forkedSigner = createCheckpointer({
        tree: forked,
        storage: forkedStorage,
        signer,
        origin: 'test.example/log',
      });
      await forked.append([leafOf(0), leafOf(1), leafOf(9), leafOf(3), leafOf(4)]);
      await expect(forkedSigner.signLatest()).rejects.toThrow(InconsistentCheckpointError);
      await expect(forkedSigner.signLatest()).rejects.toThrow(
        /refusing to sign tree size 5: the consistency proof from 4 to 5 .* does not extend the first/,
      );
      const shorter = await fresh();
      await shorter.writeSignedCheckpoint(second);
      const shortTree = createMerkleTree(shorter);
      await shortTree.append([leafOf(0)]);
      await expect(
        createCheckpointer({ tree: shortTree, storage: shorter, signer, origin: 'test.example/log' }).signLatest(),
      ).rejects.toThrow(/the tree has 1 leaves, fewer than the 4 of the last signed checkpoint/);
      expect(await forkedStorage.readSignedCheckpoint()).toBe(second);
    });
  });
}
