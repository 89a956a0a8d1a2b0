import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteEventStore, withUpcasting, type EventStore } from '@ledger/event-store';
import type { LedgerConfig } from '@ledger/config';
import type { UpcasterRegistry } from '@ledger/domain';
import { ledgerEventUpcaster } from './event-upcaster.ts';
import { ledgerEventValidator } from './event-validator.ts';

/**
 * The configured event store, refusing anything that is not a valid ledger event, and upcasting every event it reads
 * to the current shape of its type (the projector, the relay and the API all read through it).
 */
export async function openLedgerEventStore(
  config: LedgerConfig,
  options: {
    upcasters?: UpcasterRegistry;
    /** Only reads the log in order (the relay, the projector): the embedded store then keeps a small page cache. */
    readsInOrder?: boolean;
  } = {},
): Promise<EventStore> {
  return withUpcasting(await openConfiguredStore(config, options.readsInOrder), ledgerEventUpcaster(options.upcasters));
}

/** Server adapters load on demand. */
async function openConfiguredStore(config: LedgerConfig, readsInOrder = false): Promise<EventStore> {
  const validate = ledgerEventValidator;
  switch (config.store) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return createSqliteEventStore({
        path: join(config.dataDir, 'events.db'),
        validate,
        readsInOrder,
      });
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
