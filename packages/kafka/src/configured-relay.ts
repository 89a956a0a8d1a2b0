import { join } from 'node:path';
import type { LedgerConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import type { RelayLogger } from './logging.ts';
import { acquireLeadership } from '@ledger/leader-lock';
import { openConfiguredReadModels, type ReadModels } from '@ledger/projections';
import { openPostgresCheckpoint } from './postgres-checkpoint.ts';
import { startRelay } from './relay.ts';

const LEADER_LOCK = 'indicator-ledger:kafka-relay';

/**
 * The relay as configured, in the background: `done` resolves when it stopped. It publishes the outbox of the read
 * models where the configuration puts them (opened here, closed when it stops). Embedded (sqlite): its checkpoint in a
 * file beside the events. Server stores: the checkpoint in PostgreSQL and a leader lock there, so one relay publishes
 * while standbys wait; losing the lock's connection stops this relay, since another may have taken over.
 */
export function startConfiguredRelay(
  config: LedgerConfig,
  store: EventStore,
  logger: RelayLogger,
  signal: AbortSignal,
): { done: Promise<void> } {
  return { done: withReadModels() };

  async function withReadModels(): Promise<void> {
    const readModels = await openConfiguredReadModels(config);
    try {
      if (config.store === 'sqlite')
        await startRelay({
          ...common(readModels),
          checkpointPath: join(config.dataDir, 'kafka-relay.db'),
          signal,
        }).done;
      else await leadThenRelay(readModels);
    } finally {
      await readModels.close();
    }
  }

  function common(readModels: ReadModels) {
    return { store, outbox: readModels.outbox, brokers: config.kafkaBrokers, topics: config.kafkaTopics, logger };
  }

  async function leadThenRelay(readModels: ReadModels): Promise<void> {
    const leadership = await acquireLeadership(config.databaseUrl!, LEADER_LOCK, signal);
    logger.info({}, 'kafka relay holds the leader lock');
    const stop = new AbortController();
    const stopRelay = () => stop.abort();
    signal.addEventListener('abort', stopRelay, { once: true });
    void leadership.lost.then(() => {
      if (!stop.signal.aborted) logger.error({}, 'kafka relay lost its leader lock; stopping');
      stopRelay();
    });
    try {
      // The relay closes its checkpoint store when it stops.
      await startRelay({
        ...common(readModels),
        checkpointStore: await openPostgresCheckpoint(config.databaseUrl!),
        signal: stop.signal,
      }).done;
    } finally {
      signal.removeEventListener('abort', stopRelay);
      await leadership.release();
    }
  }
}
