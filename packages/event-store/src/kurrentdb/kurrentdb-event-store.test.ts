import { describe, it, expect, afterAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { isUnavailable, kurrentDbForTests } from '@ledger/test-infrastructure';
import { createKurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.ts';
import { toEventData } from './event-mapping.ts';
import { collect, describeEventStoreContract, newEvent, positions } from '../contract/event-store-contract.ts';
import type { EventStore } from '../types.ts';

const kurrentDb = await kurrentDbForTests();

if (isUnavailable(kurrentDb)) {
  describe('kurrentdb event store', () => {
    it('is skipped: no KurrentDB reachable', () => {
      console.warn(
        `KurrentDB contract suite skipped: ${kurrentDb.skipReason}. Set EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://127.0.0.1:2113?tls=false) to a KurrentDB 25.1+ server, or start Docker.`,
      );
    });
  });
} else {
  // Every store gets its own namespace in the one server, as the PostgreSQL suite gives each its own schema.
  const namespaceOf = new WeakMap<EventStore, string>();
  const open = async (namespace: string, options: Partial<KurrentDbEventStoreOptions> = {}) => {
    const store = await createKurrentDbEventStore({
      connectionString: kurrentDb.connectionString,
      namespace,
      pollIntervalMs: 50,
      ...options,
    });
    namespaceOf.set(store, namespace);
    return store;
  };
  const freshNamespace = () => `test-${randomUUID()}/`;
  const raw = KurrentDBClient.connectionString(kurrentDb.connectionString);

  afterAll(async () => {
    await raw.dispose();
    await kurrentDb.stop();
  });

  describeEventStoreContract('kurrentdb', {
    appendsToStreamsAtomically: false,
    create: (options) => open(freshNamespace(), options?.validate ? { validate: options.validate } : {}),
    connectAgain: (store) => open(namespaceOf.get(store)!),
    reopen: async (store) => {
      await store.close();
      return open(namespaceOf.get(store)!);
    },
    // $all cannot be changed in place. A forger with direct access can only append: a record, written past the
    // adapter, that claims the position (and keeps its hashes) with other data. verify must name that position.
    tamper: async (store, position) => {
      const [original] = await store.readAll({ fromPosition: position, maxCount: 1 });
      const forged = { ...original!, eventId: randomUUID(), data: { ...original!.data, i: 999 } };
      await raw.appendToStream(`${namespaceOf.get(store)!}${original!.stream}`, toEventData(forged));
    },
  });

  describe(`kurrentdb event store (${kurrentDb.source})`, () => {
    it('gives a live subscriber every position exactly once, in order, while writers on several connections append concurrently', async () => {
      const namespace = freshNamespace();
      const [reader, ...writers] = await Promise.all(Array.from({ length: 5 }, () => open(namespace)));
      const batchesPerWriter = 10;
      const batchSize = (b: number) => (b % 3) + 1;
      const total = writers.length * positions(0, batchesPerWriter - 1).reduce((sum, b) => sum + batchSize(b), 0);
      try {
        const received = collect(reader!.subscribeToAll(), total);
        await Promise.all(
          writers.map(async (writer, w) => {
            for (let b = 0; b < batchesPerWriter; b++) {
              await writer.appendToStream(
                `writer-${w}`,
                Array.from({ length: batchSize(b) }, (_, i) => newEvent('Counted', { b, i })),
              );
            }
          }),
        );
        const events = await received;
        expect(events.map((e) => e.position)).toEqual(positions(1, total));
        for (let w = 0; w < writers.length; w++) {
          const revisions = events.filter((e) => e.stream === `writer-${w}`).map((e) => e.revision);
          expect(revisions).toEqual(positions(0, revisions.length - 1));
        }
        expect(await reader!.verify()).toMatchObject({ ok: true, checked: total });
      } finally {
        await Promise.all([reader!, ...writers].map((s) => s.close()));
      }
    });
  });
}
