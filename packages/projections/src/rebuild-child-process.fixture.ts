// A projector process for the rebuild crash tests: `<events.db> <sqlite:PATH | postgres:URL#SCHEMA> <batch N | swap>`
// rebuilds the read models from the SQLite event store, a few events per batch, and stops inside the transaction of the
// Nth batch (before its checkpoint moves) or of the swap (before it commits): it says `stopped` and waits there to be
// killed.
import { createSqliteEventStore } from '@ledger/event-store';
import { openPostgresReadModels, openSqliteReadModels } from './read-models.ts';
import type { ProjectorOptions } from './projector.ts';

const [eventsPath, target, mode, n] = process.argv.slice(2);
const stop = async () => {
  process.stdout.write('stopped\n');
  await new Promise(() => setInterval(() => {}, 60_000)); // until killed: the timer keeps the process alive
};
let batches = 0;
const projector: ProjectorOptions = {
  batchSize: 3,
  beforeCheckpoint: async () => {
    if (mode === 'batch' && ++batches === Number(n)) await stop();
  },
  beforeSwap: async () => {
    if (mode === 'swap') await stop();
  },
};
const store = createSqliteEventStore({ path: eventsPath! });
const models = target!.startsWith('sqlite:')
  ? await openSqliteReadModels({ path: target!.slice('sqlite:'.length), projector })
  : await openPostgresReadModels({
      connectionString: target!.slice('postgres:'.length, target!.lastIndexOf('#')),
      schema: target!.slice(target!.lastIndexOf('#') + 1),
      projector,
    });
await models.projector.rebuild(store);
process.stdout.write('rebuilt\n');
await models.close();
await store.close();
