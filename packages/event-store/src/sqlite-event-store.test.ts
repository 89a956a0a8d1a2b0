import { describe, it, expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { WrongExpectedVersionError } from './errors.ts';
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

describe('sqlite appendToStreams', () => {
  const event = (i: number) => ({ eventId: randomUUID(), type: 'Happened', data: { i } });

  it('appends to several streams in order under one commit, or to none of them', async () => {
    const store = open(join(mkdtempSync(join(tmpdir(), 'ledger-sqlite-')), 'events.db'));
    const results = await store.appendToStreams!([
      { stream: 'a', events: [event(1), event(2)] },
      { stream: 'b', events: [event(3)], expectedRevision: 'no_stream' },
      { stream: 'a', events: [event(4)], expectedRevision: 1 },
    ]);
    expect(results).toEqual([
      { nextExpectedRevision: 1, position: 2 },
      { nextExpectedRevision: 0, position: 3 },
      { nextExpectedRevision: 2, position: 4 },
    ]);
    expect((await store.readAll()).map((e) => [e.stream, e.revision, e.data.i])).toEqual([
      ['a', 0, 1],
      ['a', 1, 2],
      ['b', 0, 3],
      ['a', 2, 4],
    ]);
    const late = store.appendToStreams!([
      { stream: 'c', events: [event(5)] },
      { stream: 'a', events: [event(6)], expectedRevision: 0 },
    ]);
    await expect(late).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.headPosition()).toBe(4);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 4 });
    await store.close();
  });
});
