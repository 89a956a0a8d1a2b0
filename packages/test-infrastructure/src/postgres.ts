import { randomBytes } from 'node:crypto';
import { Client, Pool, escapeIdentifier } from 'pg';
import { firstAvailable, fromContainer, fromEnvironment, notOurs, type Unavailable } from './first-available.ts';

export interface PostgresForTests {
  connectionString: string;
  source: 'env' | 'testcontainers' | 'local';
  /** Stops what was started for the tests (the container); nothing for a server the tests did not start. */
  stop(): Promise<void>;
}

const LOCAL_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const IMAGE = 'postgres:16-alpine';

/** PostgreSQL for integration tests: the configured URL, else a throwaway container, else the local service. */
export function postgresForTests(): Promise<PostgresForTests | Unavailable> {
  return firstAvailable<PostgresForTests>('PostgreSQL', [
    fromEnvironment(['TEST_DATABASE_URL', 'DATABASE_URL'], (connectionString) => ({
      connectionString,
      source: 'env',
      stop: notOurs,
    })),
    fromContainer(IMAGE, async () => {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer(IMAGE).start();
      return {
        connectionString: container.getConnectionUri(),
        source: 'testcontainers',
        stop: async () => void (await container.stop()),
      };
    }),
    {
      name: LOCAL_URL,
      provide: async () => {
        const client = new Client({ connectionString: LOCAL_URL, connectionTimeoutMillis: 2000 });
        try {
          await client.connect();
          await client.query('SELECT 1');
        } finally {
          await client.end().catch(() => {});
        }
        return { connectionString: LOCAL_URL, source: 'local', stop: notOurs };
      },
    },
  ]);
}

/** Fresh schemas that isolate stores sharing one database; `close` drops them all. */
export interface ScratchSchemas {
  /** A connection pool for SQL of the test's own (e.g. changing rows behind a store's back). */
  pool: Pool;
  create(): Promise<string>;
  /** Drops every schema created and ends the pool. */
  close(): Promise<void>;
}

export function scratchSchemas(connectionString: string, prefix = 'scratch'): ScratchSchemas {
  const pool = new Pool({ connectionString, max: 2 });
  const created: string[] = [];
  return {
    pool,
    async create() {
      const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
      await pool.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`);
      created.push(schema);
      return schema;
    },
    async close() {
      for (const schema of created.splice(0))
        await pool.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`);
      await pool.end();
    },
  };
}
