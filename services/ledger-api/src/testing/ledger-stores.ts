import { it } from '@jest/globals';
import { freshDatabase, postgresForTests } from '@ledger/test-infrastructure';

/** Prepares one store for a suite: the environment that selects it, and how to remove it afterwards. */
export type PrepareStore = () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;

/**
 * The stores an API suite runs on, for describe.each: embedded SQLite always, and PostgreSQL (event store and read
 * models, a fresh database each) when a server is reachable; otherwise the suite says it skipped PostgreSQL.
 */
export async function ledgerStores(suite: string): Promise<Array<[string, PrepareStore]>> {
  const stores: Array<[string, PrepareStore]> = [['SQLite', async () => ({ env: {}, cleanup: async () => {} })]];
  const postgres = await postgresForTests();
  if ('skipReason' in postgres) {
    it(`${suite} on PostgreSQL: skipped`, () => console.warn(`${suite} on PostgreSQL skipped: ${postgres.skipReason}`));
    return stores;
  }
  const { connectionString } = postgres;
  stores.push([
    'PostgreSQL',
    async () => {
      const db = await freshDatabase(connectionString);
      return { env: { LEDGER_STORE: 'postgres', DATABASE_URL: db.url }, cleanup: db.drop };
    },
  ]);
  return stores;
}
