import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore } from '@ledger/event-store';
import type { LedgerConfig } from '@ledger/config';
import { ledgerEventValidator } from './event-validator.ts';

/** The configured event store, refusing anything that is not a valid ledger event. */
export function openLedgerEventStore(config: LedgerConfig): EventStore {
  mkdirSync(config.dataDir, { recursive: true });
  return createSqliteEventStore({ path: join(config.dataDir, 'events.db'), validate: ledgerEventValidator });
}
