import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway PostgreSQL database on the server of `connectionString`; `drop` removes it. */
export async function freshDatabase(connectionString: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ledger_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(connectionString);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
