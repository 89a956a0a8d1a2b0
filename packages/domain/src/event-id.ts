import { contentUuid } from '@ledger/canonical';
import type { LedgerEvent } from './events.ts';

/** Events get ids from their content, so appending the same decision twice is recognised by the store as one event. */
export function eventIdOf(event: LedgerEvent): string {
  return contentUuid('event', event);
}
