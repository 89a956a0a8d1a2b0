import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSqliteEventStore } from './sqlite-event-store.ts';
import { describeEventStoreContract } from './contract/event-store-contract.ts';
import type { EventStore, EventValidator } from './types.ts';

const paths = new WeakMap<EventStore, string>();
const open = (path: string, validate?: EventValidator) => {
  const store = createSqliteEventStore({ path, pollIntervalMs: 20, ...(validate && { validate }) });
  paths.set(store, path);
  return store;
};

describeEventStoreContract('sqlite', {
  create: async (options) => open(join(mkdtempSync(join(tmpdir(), 'ledger-sqlite-')), 'events.db'), options?.validate),
  connectAgain: async (store) => open(paths.get(store)!),
  reopen: async (store) => {
    await store.close();
    return open(paths.get(store)!);
  },
  tamper: async (store, position) => {
    const db = new DatabaseSync(paths.get(store)!);
    db.prepare(`UPDATE events SET data = json_set(data, '$.i', 999) WHERE position = ?`).run(position);
    db.close();
  },
});
