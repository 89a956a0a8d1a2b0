import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '@ledger/config';
import { openPostgresReadModels, openSqliteReadModels, type ReadModels } from './read-models.ts';
import type { ProjectorOptions } from './projector.ts';

/** Read models where the configuration puts them: a SQLite file beside the embedded store, PostgreSQL otherwise. */
export async function openConfiguredReadModels(
  config: LedgerConfig,
  projector?: ProjectorOptions,
): Promise<ReadModels> {
  if (config.store === 'sqlite') {
    mkdirSync(config.dataDir, { recursive: true });
    return openSqliteReadModels({ path: join(config.dataDir, 'read-models.db'), ...(projector && { projector }) });
  }
  return openPostgresReadModels({ connectionString: config.databaseUrl!, ...(projector && { projector }) });
}
