import { createServer, type RequestListener, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino, type Logger } from 'pino';
import type { LedgerConfig } from '@ledger/config';
import { ingestDocuments } from '@ledger/ingestion';
import { createLedgerCommands, openLedgerEventStore } from '@ledger/ledger-commands';
import { openConfiguredReadModels, ProjectionFailedError } from '@ledger/projections';
import { startCheckpointPublisher, startConfiguredRelay } from '@ledger/kafka';
import { openConfiguredLog, startLogFollower } from '@ledger/merkle-log';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { createApp } from './app.ts';
import { createApiMetrics } from './metrics.ts';
import { answeredWhenProjected, startProjectorThread } from './projector-thread.ts';
import type { Readiness } from './app-deps.ts';

export interface RunningLedger {
  server: Server;
  port: number;
  /** Stops taking requests, lets in-flight ones finish, ends live streams, stops the projector, closes the stores. */
  close(): Promise<void>;
}

/**
 * The API over the configured stores. Embedded (the default): SQLite files in the data directory and the projector in
 * this process, on a thread of its own. With LEDGER_PROJECTOR=off a separate projector process keeps the read models. Either way the seeds are
 * ingested on first start (an empty store) unless LEDGER_INGEST_SEEDS=off.
 */
export async function startLedger(
  config: LedgerConfig,
  logger: Logger = pino({ level: config.logLevel }),
): Promise<RunningLedger> {
  const store = await openLedgerEventStore(config);
  const readModels = await openConfiguredReadModels(config);
  const commands = createLedgerCommands(store);
  const log = await openConfiguredLog(config, logger);

  if (config.ingestSeeds && (await store.headPosition()) === 0) {
    const summary = await ingestDocuments(commands, await loadDocumentDirectory(config.seedsDir));
    logger.info({ ...summary, seedsDir: config.seedsDir }, 'ingested seed documents');
  }

  const metrics = createApiMetrics(async () => (await store.headPosition()) - (await readModels.queries.checkpoint()));
  let readiness: Readiness = { status: 'catching up' };
  const stopping = new AbortController();
  const projectorThread =
    config.projector === 'inline'
      ? startProjectorThread({
          config,
          signal: stopping.signal,
          onCaughtUp: (checkpoint) => {
            readiness = { status: 'ready' };
            logger.info({ checkpoint }, 'read models caught up');
          },
        })
      : undefined;
  const projector = projectorThread?.done ?? waitForProjector(await store.headPosition());
  // The embedded SQLite ledger answers a write once its read models show it, as it did when the projector shared this
  // thread (its synchronous batch ran before the next request). On PostgreSQL the projector always applied
  // asynchronously, and waiting for its round trips would halve single writes: reads follow within milliseconds.
  const readYourWrites = config.store === 'sqlite' ? projectorThread : undefined;
  // Stopped for good until an operator acts: say so on /readyz and in a metric, never keep answering ready.
  projector.catch(async (error: unknown) => {
    const position =
      error instanceof ProjectionFailedError
        ? error.position
        : await readModels.queries.checkpoint().then(
            (checkpoint) => checkpoint + 1,
            () => 0,
          );
    const reason = (error as Error).message;
    readiness = { status: 'projector stopped', position, reason };
    metrics.projectorFailures.inc();
    logger.error({ err: error, position }, 'projector stopped');
  });

  /**
   * Another process projects: ready once the read models reach the head this process saw at start; then not ready
   * while they stay behind the store without moving for the stall period (that process stopped or cannot go on).
   */
  async function waitForProjector(head: number): Promise<void> {
    const pause = (ms: number) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => {});
    while (!stopping.signal.aborted && (await readModels.queries.checkpoint()) < head) await pause(200);
    readiness = { status: 'ready' };
    let last = -1;
    let movedAt = Date.now();
    while (!stopping.signal.aborted) {
      await pause(Math.min(1000, config.projectorStallMs));
      const positions = await Promise.all([readModels.queries.checkpoint(), store.headPosition()]).catch(
        (error: unknown) => {
          readiness = { status: 'projector stopped', position: last + 1, reason: (error as Error).message };
          return undefined;
        },
      );
      if (!positions) continue;
      const [checkpoint, now] = positions;
      if (checkpoint !== last || checkpoint >= now) {
        last = checkpoint;
        movedAt = Date.now();
        readiness = { status: 'ready' };
      } else if (Date.now() - movedAt >= config.projectorStallMs) {
        const reason = `the read models have stayed at position ${checkpoint} for ${Math.round((Date.now() - movedAt) / 1000)} s while the store is at ${now}`;
        readiness = { status: 'projector stopped', position: checkpoint + 1, reason };
      }
    }
  }

  // The Merkle tree follows the store like the projector, in this process when it projects (on a worker thread of its
  // own, see startLogFollower): appends never wait for it.
  const checkpoints =
    config.projector === 'inline' && config.kafkaBrokers.length
      ? startCheckpointPublisher({ brokers: config.kafkaBrokers, logger })
      : undefined;
  let logReady = config.projector !== 'inline';
  const logFollower =
    config.projector === 'inline'
      ? startLogFollower({
          config,
          log,
          store,
          signal: stopping.signal,
          onReady: (treeSize) => {
            logReady = true;
            logger.info({ treeSize, verifierKey: log.signer.verifierKey }, 'merkle log caught up');
          },
          onSigned: (checkpoint) => checkpoints?.publish(checkpoint),
        })
      : Promise.resolve();
  logFollower.catch((error: unknown) => logger.error({ err: error }, 'merkle log stopped'));

  // The all-in-one also relays to Kafka when brokers are configured; in production a kafka-relay process does.
  // Writes never wait for Kafka: the relay follows the store from its own checkpoint.
  const relay =
    config.projector === 'inline' && config.kafkaBrokers.length
      ? startConfiguredRelay(config, store, logger, stopping.signal)
      : undefined;

  const app = createApp({
    config,
    store,
    commands: readYourWrites ? answeredWhenProjected(commands, readYourWrites) : commands,
    queries: readModels.queries,
    log,
    logger,
    metrics,
    // Ready once the read models and (when built here) the log have caught up, so proofs cover what reads show.
    readiness: () => (readiness.status === 'ready' && !logReady ? { status: 'catching up' } : readiness),
    shutdown: stopping.signal,
  });
  const server = createHttpServer(config.http, app);
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
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
      await logFollower.catch(() => {});
      await checkpoints?.close();
      await log.close();
      await relay?.done.catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') logger.error({ err: error }, 'kafka relay failed');
      });
      await readModels.close();
      await store.close();
      logger.info('ledger stopped');
    },
  };
}

/** A request whose headers or body never end is answered 408 and closed; idle and surplus connections are closed. */
function createHttpServer(limits: LedgerConfig['http'], app: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often the timeouts above are enforced (Node's default, 30 s, would let them overrun by that much).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    app,
  );
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  server.maxConnections = limits.maxConnections;
  return server;
}
