import type { EventStore } from '@ledger/event-store';
import { eventStoreLeafSource } from './leaf-source.ts';
import { startLogFollowerThread } from './log-follower-thread.ts';
import { maintainLog, type SignedCheckpoint } from './maintain-log.ts';
import {
  configuredLogLocation,
  configuredSigningKeyFile,
  type LogConfig,
  type VerifiableLog,
} from './open-configured.ts';

/**
 * Grows the configured log beside the store until `signal` aborts (see maintainLog). On SQLite and PostgreSQL it runs
 * in a worker thread with its own connections, reading chain hashes straight from the events table; on KurrentDB,
 * whose events only the store reads, in this thread through `store`. Open `log` first (it creates the signing key).
 */
export function startLogFollower(options: {
  config: LogConfig;
  log: VerifiableLog;
  store: EventStore;
  signal: AbortSignal;
  onReady?: (treeSize: number) => void;
  onSigned?: (checkpoint: SignedCheckpoint) => void;
}): Promise<void> {
  const { config, log, store, signal, onReady, onSigned } = options;
  const location = configuredLogLocation(config);
  const callbacks = { ...(onReady && { onReady }), ...(onSigned && { onSigned }) };
  if (!location.events) return maintainLog({ log, source: eventStoreLeafSource(store), signal, ...callbacks });
  return startLogFollowerThread({
    location: { ...location, events: location.events },
    signingKeyFile: configuredSigningKeyFile(config),
    origin: config.logOrigin,
    signal,
    ...callbacks,
  }).done;
}
