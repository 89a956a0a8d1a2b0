import { validateLedgerEvent } from '@ledger/domain';
import type { EventValidator } from '@ledger/event-store';

/** Makes the store refuse any event that is not a valid ledger event, before anything is written. */
export const ledgerEventValidator: EventValidator = (event) => {
  validateLedgerEvent(event);
};
