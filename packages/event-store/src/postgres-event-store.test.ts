import { describe, it, expect, afterAll } from '@jest/globals';
import { escapeIdentifier } from 'pg';
import { isUnavailable, postgresForTests, scratchSchemas } from '@ledger/test-infrastructure';
import { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.ts';
import { collect, describeEventStoreContract, newEvent, positions } from './contract/event-store-contract.ts';
import { WrongExpectedVersionError } from './errors.ts';
import type { EventStore } from './types.ts';

const postgres = await postgresForTests();

if (isUnavailable(postgres)) {
  describe('postgres event store', () => {
    it('is skipped: no PostgreSQL reachable', () => {
      console.warn(
        `postgres event store tests did not run. ${postgres.skipReason}. Set DATABASE_URL, start Docker, or run PostgreSQL on 127.0.0.1:5432.`,
      );
    });
  });
} else {
  const schemas = scratchSchemas(postgres.connectionString, 'ledger_test');
  const schemaOf = new WeakMap<EventStore, string>();
  const open = async (schema: string, options: Partial<PostgresEventStoreOptions> = {}) => {
    const store = await createPostgresEventStore({
      connectionString: postgres.connectionString,
      schema,
      pollIntervalMs: 50,
      ...options,
    });
    schemaOf.set(store, schema);
    return store;
  };
  const openMany = (schema: string, count: number) => Promise.all(Array.from({ length: count }, () => open(schema)));
  const closeAll = (stores: EventStore[]) => Promise.all(stores.map((s) => s.close()));

  afterAll(async () => {
    await schemas.close();
    await postgres.stop();
  });

  describeEventStoreContract('postgres', {
    create: async (options) => open(await schemas.create(), options?.validate ? { validate: options.validate } : {}),
    connectAgain: async (store) => open(schemaOf.get(store)!),
    reopen: async (store) => {
      await store.close();
      return open(schemaOf.get(store)!);
    },
    tamper: async (store, position) => {
      const table = `${escapeIdentifier(schemaOf.get(store)!)}.events`;
      await schemas.pool.query(
        `UPDATE ${table} SET data = jsonb_set(data::jsonb, '{i}', '999')::text WHERE position = $1`,
        [position],
      );
    },
  });

  describe(`postgres event store (${postgres.source})`, () => {
    it('gives a live subscriber every position exactly once, in order, while writers on several connections append concurrently', async () => {
      const schema = await schemas.create();
      const [reader, ...writers] = await openMany(schema, 7);
      const batchesPerLoop = 25;
      const loops = writers.flatMap((writer, w) => [0, 1].map((loop) => ({ writer, stream: `writer-${w}-${loop}` })));
      const batchSize = (b: number) => (b % 3) + 1;
      const total = loops.length * positions(0, batchesPerLoop - 1).reduce((sum, b) => sum + batchSize(b), 0);
      try {
        const received = collect(reader!.subscribeToAll(), total);
        await Promise.all(
          loops.map(async ({ writer, stream }) => {
            for (let b = 0; b < batchesPerLoop; b++) {
              await writer.appendToStream(
                stream,
                Array.from({ length: batchSize(b) }, (_, i) => newEvent('Counted', { b, i })),
              );
            }
          }),
        );
        const events = await received;
        expect(events.map((e) => e.position)).toEqual(positions(1, total));
        for (const { stream } of loops) {
          const revisions = events.filter((e) => e.stream === stream).map((e) => e.revision);
          expect(revisions).toEqual(positions(0, revisions.length - 1));
        }
        expect(await reader!.verify()).toMatchObject({ ok: true, checked: total });
      } finally {
        await closeAll([reader!, ...writers]);
      }
    });

    it('keeps one gap-free chain while writers with their own pools append on expected revisions, each knowing only its own last append', async () => {
      const schema = await schemas.create();
      const [reader, ...writers] = await openMany(schema, 5);
      const appendsPerWriter = 30;
      try {
        // Each writer's next append is planned on the head it wrote last, which the others have usually moved on.
        await Promise.all(
          writers.map(async (writer, w) => {
            for (let n = 0; n < appendsPerWriter; n++)
              await writer.appendToStream(
                `known-${w}`,
                [newEvent('Counted', { w, n }), newEvent('Counted', { w, n })],
                {
                  expectedRevision: n === 0 ? 'no_stream' : 2 * n - 1,
                },
              );
          }),
        );
        const total = writers.length * appendsPerWriter * 2;
        const events = await reader!.readAll({ maxCount: total + 1 });
        expect(events.map((e) => e.position)).toEqual(positions(1, total));
        expect(await reader!.verify()).toMatchObject({ ok: true, checked: total });
        // A writer alone knows the head: its next appends still check their expected revisions and retries.
        const [writer] = writers;
        const again = newEvent('Counted', { again: true });
        const first = await writer!.appendToStream('known-0', [again], { expectedRevision: 2 * appendsPerWriter - 1 });
        expect(
          await writer!.appendToStream('known-0', [again], { expectedRevision: 2 * appendsPerWriter - 1 }),
        ).toEqual(first);
        await expect(writer!.appendToStream('known-0', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        await expect(
          writer!.appendToStream('known-0', [newEvent()], { expectedRevision: 'no_stream' }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await reader!.verify()).toMatchObject({ ok: true, checked: total + 1 });
      } finally {
        await closeAll([reader!, ...writers]);
      }
    });

    it('lets exactly one of several writers with their own pools win on one expected revision', async () => {
      const schema = await schemas.create();
      const writers = await openMany(schema, 8);
      try {
        await writers[0]!.appendToStream('contended', [newEvent()]);
        for (const [stream, expectedRevision] of [
          ['contended', 0],
          ['new-stream', 'no_stream'],
        ] as const) {
          const outcomes = await Promise.allSettled(
            writers.map((w) => w.appendToStream(stream, [newEvent()], { expectedRevision })),
          );
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          for (const o of outcomes)
            if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
        }
        expect((await writers[0]!.readStream('contended')).length).toBe(2);
        expect((await writers[0]!.readStream('new-stream')).length).toBe(1);
      } finally {
        await closeAll(writers);
      }
    });

    it('stores quotes, backslashes and other text of stream, type, data and metadata byte for byte (SQL literals)', async () => {
      const store = await open(await schemas.create());
      try {
        const text = `it's \\ a "quote" \\' ''; DROP TABLE events; -- 统计 \u{1F600}`;
        const event = { ...newEvent(`type ${text}`, { [text]: text, n: [1, text] }), metadata: { note: text } };
        await store.appendToStream(`stream ${text}`, [event], { expectedRevision: 'no_stream' });
        const [stored] = await store.readStream(`stream ${text}`);
        expect(stored).toMatchObject({ type: event.type, data: event.data, metadata: event.metadata });
        expect(await store.appendToStream(`stream ${text}`, [event])).toEqual({ nextExpectedRevision: 0, position: 1 });
        expect(await store.verify()).toMatchObject({ ok: true, checked: 1 });
      } finally {
        await store.close();
      }
    });

    it('wakes subscribers by notification, and listens again after losing its listening connection', async () => {
      const schema = await schemas.create();
      // Polling once a minute: anything delivered sooner came by notification.
      const subscriber = await open(schema, { pollIntervalMs: 60_000 });
      const writer = await open(schema);
      try {
        const subscription = subscriber.subscribeToAll();
        const received = collect(subscription, 2, 10_000);
        await writer.appendToStream('s', [newEvent('A', { i: 1 })]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const { rowCount } = await schemas.pool.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [`ledger-events-listener:${schema}`],
        );
        expect(rowCount).toBe(2); // one listening connection per store
        await new Promise((resolve) => setTimeout(resolve, 1500)); // the store listens again after a second
        await writer.appendToStream('s', [newEvent('A', { i: 2 })]);
        expect((await received).map((e) => e.data.i)).toEqual([1, 2]);
      } finally {
        await closeAll([subscriber, writer]);
      }
    });
  });
}
