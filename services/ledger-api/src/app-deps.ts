import type { Logger } from 'pino';
import type { LedgerConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import type { LedgerCommands } from '@ledger/ledger-commands';
import type { LedgerQueries } from '@ledger/projections';
import type { VerifiableLog } from '@ledger/merkle-log';
import type { ApiMetrics } from './metrics.ts';

export type Readiness =
  { status: 'ready' } | { status: 'catching up' } | { status: 'projector stopped'; position: number; reason: string };

/** Everything the HTTP layer talks to; main.ts builds it, tests build it with in-memory parts. */
export interface AppDeps {
  config: Pick<LedgerConfig, 'apiTokens' | 'readAccess' | 'bodyLimitBytes' | 'rateLimitPerMinute' | 'sse'>;
  store: EventStore;
  commands: LedgerCommands;
  queries: LedgerQueries;
  logger: Logger;
  metrics: ApiMetrics;
  /** Ready once the projector (and the Merkle log, when built here) caught up; stopped, with where and why, once it cannot go on. */
  readiness: () => Readiness;
  /** The Merkle tree and its signed checkpoints; without it the /v1/log routes are absent. */
  log?: Pick<VerifiableLog, 'tree' | 'checkpointer' | 'signer'>;
  /** Aborted on shutdown, so that live streams end and in-flight requests can finish. */
  shutdown: AbortSignal;
}
