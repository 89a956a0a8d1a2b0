import { openSqliteReadModels } from './read-models.ts';
import { describeReadModelContract } from './contract/read-model-contract.ts';

describeReadModelContract(
  'sqlite',
  async (projector) => openSqliteReadModels({ path: ':memory:', ...(projector && { projector }) }),
  { propertyRuns: 100 },
);
