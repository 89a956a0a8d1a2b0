import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
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

describe('sqlite store: appends by another connection', () => {
  it('wake a live subscription through the data_version probe, long before the fallback poll', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ledger-sqlite-')), 'events.db');
    // A fallback poll of an hour: only the probe can deliver within the test's time.
    const reader = createSqliteEventStore({ path, pollIntervalMs: 3_600_000, changeProbeMs: 5 });
    const writer = createSqliteEventStore({ path });
    const subscription = reader.subscribeToAll({ fromPosition: 1 });
    try {
      const next = subscription[Symbol.asyncIterator]().next();
      await sleep(50); // the subscription is waiting by now
      await writer.appendToStream('s-1', [{ eventId: randomUUID(), type: 'T', data: { i: 1 } }]);
      const first = await Promise.race([next, sleep(10_000, 'not woken', { ref: false })]);
      expect(first).toMatchObject({ value: { position: 1, stream: 's-1' } });
    } finally {
      await subscription.close();
      await writer.close();
      await reader.close();
    }
  }, 20_000);
});
