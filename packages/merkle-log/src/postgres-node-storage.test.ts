import { describe, it, expect, afterAll } from '@jest/globals';
import { createPostgresEventStore } from '@ledger/event-store/postgres';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { describeMerkleLogContract } from './contract/merkle-log-contract.ts';
import { openPostgresNodeStorage } from './postgres-node-storage.ts';
import { catchUpTree } from './follow-store.ts';
import { eventStoreLeafSource, postgresLeafSource } from './leaf-source.ts';
import { createMerkleTree } from './merkle-tree.ts';

const postgres = await postgresForTests();

if (isUnavailable(postgres)) {
  describe('merkle log: postgres', () => {
    it('is skipped: no PostgreSQL reachable', () => {
      console.warn(`postgres merkle-log tests did not run. ${postgres.skipReason}.`);
    });
  });
} else {
  const schemas = scratchSchemas(postgres.connectionString, 'merkle_test');
  afterAll(async () => {
    await schemas.close();
    await postgres.stop();
  });
  describeMerkleLogContract(`postgres (${postgres.source})`, async () =>
    openPostgresNodeStorage({ connectionString: postgres.connectionString, schema: await schemas.create() }),
  );

  it('reads the chain hashes from the events table as the store reads them', async () => {
    const schema = await schemas.create();
    const store = await createPostgresEventStore({ connectionString: postgres.connectionString, schema });
    for (let i = 0; i < 5; i++)
      await store.appendToStream(`s-${i}`, [{ eventId: crypto.randomUUID(), type: 'T', data: { i } }]);
    const source = postgresLeafSource({ connectionString: postgres.connectionString, schema });
    const storage = await openPostgresNodeStorage({ connectionString: postgres.connectionString, schema });
    try {
      expect(await source.chainHashes(2, 4)).toEqual((await store.readAll()).slice(1, 4).map((e) => e.hash));
      expect(await source.headPosition()).toBe(await store.headPosition());
      const viaSource = createMerkleTree(storage);
      expect(await catchUpTree(viaSource, source, { batchSize: 2 })).toBe(5);
      const otherStorage = await openPostgresNodeStorage({
        connectionString: postgres.connectionString,
        schema: await schemas.create(),
      });
      const viaEvents = createMerkleTree(otherStorage);
      await catchUpTree(viaEvents, eventStoreLeafSource(store));
      expect((await viaSource.rootHash(5)).equals(await viaEvents.rootHash(5))).toBe(true);
      await otherStorage.close();
    } finally {
      await source.close();
      await storage.close();
      await store.close();
    }
  });
}
