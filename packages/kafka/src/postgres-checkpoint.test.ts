import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { postgresForTests, scratchSchemas, type ScratchSchemas } from '@ledger/test-infrastructure';
import { openPostgresCheckpoint } from './postgres-checkpoint.ts';

const postgres = await postgresForTests();

if ('skipReason' in postgres) {
  it('relay checkpoint on PostgreSQL: skipped', () =>
    console.warn(`relay checkpoint on PostgreSQL skipped: ${postgres.skipReason}`));
} else {
  describe('relay checkpoint on PostgreSQL', () => {
    let schemas: ScratchSchemas;
    let url: string;
    beforeAll(async () => {
      schemas = scratchSchemas(postgres.connectionString, 'relay_coord');
      const schema = await schemas.create();
      const u = new URL(postgres.connectionString);
      u.searchParams.set('options', `-c search_path=${schema}`);
      url = u.toString();
    });
    afterAll(async () => {
      await schemas.close();
      await postgres.stop();
    });

    it('keeps the checkpoint across connections', async () => {
      const first = await openPostgresCheckpoint(url, 'relay-a');
      expect(await first.read()).toBe(0);
      await first.save(42);
      await first.close();
      const again = await openPostgresCheckpoint(url, 'relay-a');
      expect(await again.read()).toBe(42);
      const other = await openPostgresCheckpoint(url, 'relay-b');
      expect(await other.read()).toBe(0);
      await Promise.all([again.close(), other.close()]);
    });
  });
}
