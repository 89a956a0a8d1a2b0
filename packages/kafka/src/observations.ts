import type { OutboxEntry } from '@ledger/projections';
import type { Message } from 'kafkajs';

/**
 * An outbox entry as a message of the compacted observations topic: the projector's JSON value, or no value at all
 * for a tombstone. The projector decides what changed (by the projections' rules of best); the relay only sends it.
 */
export function observationMessage(entry: Pick<OutboxEntry, 'key' | 'value'>): Message {
  return entry.value === null
    ? { key: entry.key, value: null }
    : { key: entry.key, value: entry.value, headers: { 'content-type': 'application/json' } };
}
