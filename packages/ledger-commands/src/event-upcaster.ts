import { ledgerUpcasters, type UpcasterRegistry } from '@ledger/domain';
import type { EventUpcaster } from '@ledger/event-store';

/** Brings each event read from the store to the current shape of its type, by the ledger's upcaster registry. */
export function ledgerEventUpcaster(registry: UpcasterRegistry = ledgerUpcasters): EventUpcaster {
  return (event) => {
    const data = registry.upcastData(event.type, event.data);
    return data === event.data ? event : { ...event, data };
  };
}
