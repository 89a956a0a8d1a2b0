import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore } from '@ledger/event-store';
import type { LedgerConfig } from '@ledger/config';
import { ledgerEventValidator } from './event-validator.ts';

/** The configured event store, refusing anything that is not a valid ledger event. Server adapters load on demand. */
export async function openLedgerEventStore(config: LedgerConfig): Promise<EventStore> {
  const validate = ledgerEventValidator;
  switch (config.store) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return createSqliteEventStore({ path: join(config.dataDir, 'events.db'), validate });
    case 'postgres': {
      const { createPostgresEventStore } = await import('@ledger/event-store/postgres');
      return createPostgresEventStore({ connectionString: config.databaseUrl!, validate });
    }
    case 'kurrentdb': {
      const { createKurrentDbEventStore } = await import('@ledger/event-store/kurrentdb');
      return createKurrentDbEventStore({ connectionString: config.eventStoreConnectionString!, validate });
    }
  }
}
