import { describe, it, afterAll } from '@jest/globals';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { describeMerkleLogContract } from './contract/merkle-log-contract.ts';
import { openPostgresNodeStorage } from './postgres-node-storage.ts';

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
}
