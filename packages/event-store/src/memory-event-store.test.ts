import { createMemoryEventLog, createMemoryEventStore, type MemoryEventLog } from './memory-event-store.ts';
import { describeEventStoreContract } from './contract/event-store-contract.ts';
import type { EventStore, EventValidator } from './types.ts';

// The log is the "database": another connection and a restarted process both open the same log.
const logs = new WeakMap<EventStore, MemoryEventLog>();
const open = (log: MemoryEventLog, validate?: EventValidator) => {
  const store = createMemoryEventStore({ log, ...(validate && { validate }) });
  logs.set(store, log);
  return store;
};

describeEventStoreContract('in-memory', {
  create: async (options) => open(createMemoryEventLog(), options?.validate),
  connectAgain: async (store) => open(logs.get(store)!),
  reopen: async (store) => open(logs.get(store)!),
  tamper: async (store, position) => {
    const log = logs.get(store)!;
    log.all[position - 1] = { ...log.all[position - 1]!, data: { tampered: true } };
  },
});
