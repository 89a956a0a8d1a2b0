// The projector as its own process (production): follows the event store's global order into the read models.
import { pino } from 'pino';
import { loadConfigOrExit } from '@ledger/config';
import { openLedgerEventStore } from '@ledger/ledger-commands';
import { openConfiguredReadModels } from '@ledger/projections';

const config = loadConfigOrExit();
const logger = pino({ level: config.logLevel, base: { service: 'projector' } });
const store = await openLedgerEventStore(config);
const readModels = await openConfiguredReadModels(config);
const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopping.abort());

logger.info({ store: config.store, checkpoint: await readModels.queries.checkpoint() }, 'projector starting');
try {
  await readModels.projector.follow(store, stopping.signal);
} finally {
  logger.info({ checkpoint: await readModels.queries.checkpoint() }, 'projector stopped');
  await readModels.close();
  await store.close();
}
