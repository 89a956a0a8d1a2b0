import { describe, it, expect, afterAll } from '@jest/globals';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { openPostgresReadModels } from './read-models.ts';
import type { ProjectorOptions } from './projector.ts';
import { describeReadModelContract } from './contract/read-model-contract.ts';
import { describeOutboxContract } from './contract/outbox-contract.ts';
import { describeRebuildBesideContract } from './contract/rebuild-beside-contract.ts';
import pg from 'pg';

const postgres = await postgresForTests();

if (isUnavailable(postgres)) {
  describe('read models: postgres', () => {
    it('is skipped: no PostgreSQL reachable', () => {
      console.warn(
        `postgres read-model tests did not run. ${postgres.skipReason}. Set DATABASE_URL, start Docker, or run PostgreSQL on 127.0.0.1:5432.`,
      );
    });
  });
} else {
  // Every read model in a schema of its own, dropped at the end.
  const schemas = scratchSchemas(postgres.connectionString, 'projections_test');
  afterAll(async () => {
    await schemas.close();
    await postgres.stop();
  });
  const open = async (projector?: ProjectorOptions) =>
    openPostgresReadModels({
      connectionString: postgres.connectionString,
      schema: await schemas.create(),
      ...(projector && { projector }),
    });
  describeReadModelContract(`postgres (${postgres.source})`, open, { propertyRuns: 15 });
  describeOutboxContract(`postgres (${postgres.source})`, open);
  describeRebuildBesideContract(`postgres (${postgres.source})`, async () => {
    const schema = await schemas.create();
    return {
      open: (projector) =>
        openPostgresReadModels({
          connectionString: postgres.connectionString,
          schema,
          ...(projector && { projector }),
        }),
      async sql(statement) {
        const client = new pg.Client({
          connectionString: postgres.connectionString,
          options: `-c search_path=${schema}`,
        });
        await client.connect();
        try {
          return (await client.query(statement)).rows;
        } finally {
          await client.end();
        }
      },
      storedOrder: 'ctid',
    };
  });

  it('opens on a fresh schema from several processes at once: one creates the read models, the others find them', async () => {
    const schema = await schemas.create();
    const opened = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresReadModels({ connectionString: postgres.connectionString, schema })),
    );
    try {
      for (const models of opened) expect(await models.queries.checkpoint()).toBe(0);
    } finally {
      await Promise.all(opened.map((models) => models.close()));
    }
  });
}
