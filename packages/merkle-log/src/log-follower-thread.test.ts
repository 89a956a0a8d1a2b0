import { describe, it, expect, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteEventStore } from '@ledger/event-store';
import { hashLeaf, openNote, parseCheckpoint, parseVerifierKey, verifyConsistency } from '@ledger/log-verifier';
import { referenceRoot } from './contract/merkle-log-contract.ts';
import { leafHashOf } from './follow-store.ts';
import { startLogFollowerThread, type FollowerThreadData } from './log-follower-thread.ts';
import type { SignedCheckpoint } from './maintain-log.ts';
import { createMerkleTree } from './merkle-tree.ts';
import { generatePrivateKey, signerFromKeyFile } from './signing-key.ts';
import { openSqliteNodeStorage } from './sqlite-node-storage.ts';

const dir = mkdtempSync(join(tmpdir(), 'merkle-follower-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ORIGIN = 'test.example/log';
const keyFile = join(dir, 'signing.key');
writeFileSync(keyFile, generatePrivateKey(ORIGIN));
const key = parseVerifierKey(signerFromKeyFile(keyFile).verifierKey);
let n = 0;

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 3000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** An events table with only what the log reads (position, hash), filled fast; returns the chain hashes added. */
function bareEvents(path: string) {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; CREATE TABLE events (position INTEGER PRIMARY KEY, hash TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO events (position, hash) VALUES (?, ?)');
  const hashes: string[] = [];
  return {
    hashes,
    add(count: number) {
      db.exec('BEGIN');
      for (let i = 0; i < count; i++) {
        hashes.push(randomBytes(32).toString('hex'));
        insert.run(hashes.length, hashes.at(-1)!);
      }
      db.exec('COMMIT');
    },
    close: () => db.close(),
  };
}

describe('the log follower in its own thread', () => {
  it('follows a SQLite store, signs checkpoints a verifier accepts, and stops when asked', async () => {
    const name = `store-${n++}`;
    const eventsPath = join(dir, `${name}-events.db`);
    const store = createSqliteEventStore({ path: eventsPath });
    for (let i = 0; i < 5; i++)
      await store.appendToStream(`s-${i % 2}`, [{ eventId: randomUUID(), type: 'T', data: { i } }]);
    const stop = new AbortController();
    const signed: SignedCheckpoint[] = [];
    let readyAt = -1;
    const thread = startLogFollowerThread({
      location: { nodes: { sqlitePath: join(dir, `${name}-merkle.db`) }, events: { sqlitePath: eventsPath } },
      signingKeyFile: keyFile,
      origin: ORIGIN,
      signal: stop.signal,
      onReady: (size) => (readyAt = size),
      onSigned: (checkpoint) => signed.push(checkpoint),
    });
    try {
      await until(() => readyAt >= 0, 'the follower to catch up');
      expect(readyAt).toBe(5);
      for (let i = 5; i < 12; i++)
        await store.appendToStream('s-2', [{ eventId: randomUUID(), type: 'T', data: { i } }]);
      await until(() => signed.at(-1)?.treeSize === 12, 'a checkpoint of 12 leaves');
      const leaves = (await store.readAll()).map(leafHashOf);
      const first = parseCheckpoint(openNote(signed[0]!.note, key));
      const last = parseCheckpoint(openNote(signed.at(-1)!.note, key));
      expect(first).toMatchObject({ origin: ORIGIN, treeSize: 5 });
      expect(first.rootHash.equals(referenceRoot(leaves.slice(0, 5)))).toBe(true);
      expect(last.rootHash.equals(referenceRoot(leaves))).toBe(true);
    } finally {
      stop.abort();
      await thread.done;
      await store.close();
    }
  });

  it('killed in the middle of catching up, resumes from its stored nodes and signs only consistent checkpoints', async () => {
    const name = `crash-${n++}`;
    const events = bareEvents(join(dir, `${name}-events.db`));
    const nodesPath = join(dir, `${name}-merkle.db`);
    const data: FollowerThreadData = {
      location: { nodes: { sqlitePath: nodesPath }, events: { sqlitePath: join(dir, `${name}-events.db`) } },
      signingKeyFile: keyFile,
      origin: ORIGIN,
      batchSize: 500,
    };
    events.add(1_000);
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, 'log-follower.fixture.ts'), JSON.stringify(data)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: child.stdout! });
    const signedSizes: number[] = [];
    lines.on('line', (line) => {
      const [what, size] = line.split(' ');
      if (what === 'signed') signedSizes.push(Number(size));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const nodes = openSqliteNodeStorage({ path: nodesPath });
    try {
      await until(() => signedSizes.includes(1_000), 'the first checkpoint');
      const before = (await nodes.readSignedCheckpoint())!;
      events.add(60_000);
      await until(async () => (await nodes.treeSize()) > 1_000, 'the follower to store a batch');
      child.kill('SIGKILL');
      await exited;
      const atCrash = await nodes.treeSize();
      expect(atCrash).toBeLessThan(61_000); // killed before it caught up
      expect(atCrash % 500).toBe(0); // every stored batch is whole
      const leaves = events.hashes.map((hash) => hashLeaf(Buffer.from(hash, 'hex')));
      expect((await createMerkleTree(nodes).rootHash(atCrash)).equals(referenceRoot(leaves.slice(0, atCrash)))).toBe(
        true,
      );

      const stop = new AbortController();
      let resumed: SignedCheckpoint | undefined;
      const thread = startLogFollowerThread({ ...data, signal: stop.signal, onSigned: (c) => (resumed = c) });
      await until(() => resumed?.treeSize === 61_000, 'the resumed follower to sign 61,000 leaves');
      stop.abort();
      await thread.done;
      const old = parseCheckpoint(openNote(before, key));
      const now = parseCheckpoint(openNote(resumed!.note, key));
      expect(now.rootHash.equals(referenceRoot(leaves))).toBe(true);
      const proof = await createMerkleTree(nodes).consistencyProof(old.treeSize, now.treeSize);
      expect(() =>
        verifyConsistency(old.treeSize, now.treeSize, old.rootHash, now.rootHash, proof.hashes),
      ).not.toThrow();
    } finally {
      child.kill('SIGKILL');
      await nodes.close();
      events.close();
    }
  });
});
