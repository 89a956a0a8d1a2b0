import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll } from '@jest/globals';
import { openSqliteReadModels } from './read-models.ts';
import { describeRebuildBesideContract } from './contract/rebuild-beside-contract.ts';
import { describeReadModelContract } from './contract/read-model-contract.ts';
import { describeOutboxContract } from './contract/outbox-contract.ts';

describeReadModelContract(
  'sqlite',
  async (projector) => openSqliteReadModels({ path: ':memory:', ...(projector && { projector }) }),
  { propertyRuns: 100 },
);

describeOutboxContract('sqlite', async (projector) =>
  openSqliteReadModels({ path: ':memory:', ...(projector && { projector }) }),
);

const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
describeRebuildBesideContract('sqlite', async () => {
  const path = join(dir, `read-models-${++files}.db`);
  return {
    open: (projector) => openSqliteReadModels({ path, ...(projector && { projector }) }),
    async sql(statement) {
      const db = new DatabaseSync(path);
      try {
        return db.prepare(statement).all();
      } finally {
        db.close();
      }
    },
    storedOrder: 'rowid',
  };
});
