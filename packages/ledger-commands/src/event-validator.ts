import { validateLedgerEvent } from '@ledger/domain';
import type { EventValidator } from '@ledger/event-store';

// The data of events decided here from parsed commands: the deciders build it from what the command's parse checked
// (the decider tests hold every decided event to its schema), so the store's validator need not parse it again.
const decidedData = new WeakSet<object>();

/** Marks the data of an event decided from a parsed command: ledgerEventValidator lets it through unparsed. */
export function decidedFromParsedCommand<Data extends object>(data: Data): Data {
  decidedData.add(data);
  return data;
}

/** Makes the store refuse any event that is not a valid ledger event, before anything is written. */
export const ledgerEventValidator: EventValidator = (event) => {
  if (decidedData.has(event.data)) return;
  validateLedgerEvent(event);
};
