import { openSqliteReadModels } from './read-models.ts';
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
