// The projector as its own process (production): follows the event store's global order into the read models.
import { pino } from 'pino';
import { loadConfigOrExit } from '@ledger/config';
import { openLedgerEventStore } from '@ledger/ledger-commands';
import { openConfiguredReadModels, ProjectionFailedError } from '@ledger/projections';
import { acquireLeadership } from '@ledger/leader-lock';
import { startCheckpointPublisher } from '@ledger/kafka';
import { openConfiguredLog, startLogFollower } from '@ledger/merkle-log';

const config = loadConfigOrExit();
const logger = pino({ level: config.logLevel, base: { service: 'projector' } });
// It only reads the log, in order.
const store = await openLedgerEventStore(config, { readsInOrder: true });
const readModels = await openConfiguredReadModels(config);
// The Merkle tree and its checkpoints follow the store beside the read models, under the same leader lock.
const log = await openConfiguredLog(config, logger);
const checkpoints = config.kafkaBrokers.length
  ? startCheckpointPublisher({ brokers: config.kafkaBrokers, logger })
  : undefined;
const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopping.abort());

// Replicas against one PostgreSQL read-model database: one applies, the others wait as standbys on the lock.
const leadership =
  config.store === 'sqlite'
    ? undefined
    : await acquireLeadership(config.databaseUrl!, 'indicator-ledger:projector', stopping.signal).catch(
        async (error: unknown) => {
          if ((error as Error).name !== 'AbortError') throw error;
          await Promise.all([readModels.close(), log.close(), store.close()]);
          process.exit(0); // stopped while standing by
        },
      );
void leadership?.lost.then(() => {
  if (stopping.signal.aborted) return;
  logger.error({}, 'projector lost its leader lock; stopping');
  // Not asked to stop: exit non-zero, so that its supervisor restarts it (as a standby, if another took over).
  process.exitCode = 1;
  stopping.abort();
});

logger.info({ store: config.store, checkpoint: await readModels.queries.checkpoint() }, 'projector starting');
try {
  await Promise.all([
    readModels.projector.follow(store, stopping.signal),
    startLogFollower({
      config,
      log,
      store,
      signal: stopping.signal,
      onReady: (treeSize) => logger.info({ treeSize, verifierKey: log.signer.verifierKey }, 'merkle log caught up'),
      onSigned: (checkpoint) => checkpoints?.publish(checkpoint),
    }),
  ]);
} catch (error) {
  // Stops at the event it cannot apply and exits non-zero: the log says where and why, the API's /readyz says 503.
  const position = error instanceof ProjectionFailedError ? error.position : undefined;
  logger.error({ err: error, position }, 'projector cannot go on');
  process.exitCode = 1;
  stopping.abort(); // the log follower too
} finally {
  await leadership?.release();
  logger.info({ checkpoint: await readModels.queries.checkpoint() }, 'projector stopped');
  await checkpoints?.close();
  await readModels.close();
  await log.close();
  await store.close();
}
