import type { Server } from 'node:http';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { LedgerConfig } from '@ledger/config';
import { ingestDocuments } from '@ledger/ingestion';
import { createLedgerCommands, openLedgerEventStore } from '@ledger/ledger-commands';
import { openSqliteReadModels } from '@ledger/projections';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { createApp } from './app.ts';
import { createApiMetrics } from './metrics.ts';

export interface RunningLedger {
  server: Server;
  port: number;
  /** Stops taking requests, lets in-flight ones finish, ends live streams, stops the projector, closes the stores. */
  close(): Promise<void>;
}

/**
 * The embedded all-in-one: SQLite event store and read models in the data directory, the seeds ingested on first
 * start (an empty store), the projector following in the same process, and the API.
 */
export async function startEmbeddedLedger(config: LedgerConfig, logger: Logger = pino({ level: config.logLevel })): Promise<RunningLedger> {
  const store = openLedgerEventStore(config);
  const readModels = await openSqliteReadModels({ path: join(config.dataDir, 'read-models.db') });
  const commands = createLedgerCommands(store);

  if ((await store.headPosition()) === 0) {
    const summary = await ingestDocuments(commands, await loadDocumentDirectory(config.seedsDir));
    logger.info({ ...summary, seedsDir: config.seedsDir }, 'ingested seed documents');
  }

  let ready = false;
  const stopping = new AbortController();
  const projector = (async () => {
    const checkpoint = await readModels.projector.catchUp(store);
    ready = true;
    logger.info({ checkpoint }, 'read models caught up');
    await readModels.projector.follow(store, stopping.signal);
  })();
  projector.catch((error: unknown) => logger.error({ err: error }, 'projector stopped'));

  const metrics = createApiMetrics(async () => (await store.headPosition()) - (await readModels.queries.checkpoint()));
  const app = createApp({
    config,
    store,
    commands,
    queries: readModels.queries,
    logger,
    metrics,
    isReady: () => ready,
    shutdown: stopping.signal,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'ledger API listening');

  return {
    server,
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      stopping.abort();
      server.closeIdleConnections();
      await closed;
      await projector.catch(() => {});
      await readModels.close();
      await store.close();
      logger.info('ledger stopped');
    },
  };
}
