import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

/**
 * The tables beside the projections, changed only through numbered migrations run by Kysely's Migrator (which keeps
 * its own table of what ran, and a lock). Each migration says in one line what it changes. The projections' own
 * tables are versioned by their definitions instead and rebuilt beside the old ones (rebuild-beside.ts).
 */
const MIGRATIONS: Record<string, Migration & { note: string }> = {
  '0001-projections-and-outbox': {
    note: 'projections: the version and build of each projection; observation_outbox: unsent observation changes',
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('projections')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .execute();
      // IF NOT EXISTS: read models of the first outbox commit made this table without a migration.
      await db.schema
        .createTable('observation_outbox')
        .ifNotExists()
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        .addPrimaryKeyConstraint('observation_outbox_key', ['position', 'key'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Runs every migration not yet run, in order; throws the first failure (its transaction rolled back). On PostgreSQL
 * the migrator's own tables go in the read models' schema: it looks them up across all schemas otherwise.
 */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<void> {
  const { error } = await new Migrator({
    db,
    provider,
    ...(schema && { migrationTableSchema: schema }),
  }).migrateToLatest();
  if (error) throw error;
}
