import type { Logger } from 'pino';
import type { LedgerConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import type { LedgerCommands } from '@ledger/ledger-commands';
import type { LedgerQueries } from '@ledger/projections';
import type { VerifiableLog } from '@ledger/merkle-log';
import type { ApiMetrics } from './metrics.ts';

/** Everything the HTTP layer talks to; main.ts builds it, tests build it with in-memory parts. */
export interface AppDeps {
  config: Pick<LedgerConfig, 'apiTokens' | 'readAccess' | 'bodyLimitBytes' | 'rateLimitPerMinute'>;
  store: EventStore;
  commands: LedgerCommands;
  queries: LedgerQueries;
  logger: Logger;
  metrics: ApiMetrics;
  /** True once the projector has caught up with the store. */
  isReady: () => boolean;
  /** The Merkle tree and its signed checkpoints; without it the /v1/log routes are absent. */
  log?: Pick<VerifiableLog, 'tree' | 'checkpointer' | 'signer'>;
  /** Aborted on shutdown, so that live streams end and in-flight requests can finish. */
  shutdown: AbortSignal;
}
