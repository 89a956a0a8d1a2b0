import { createPostgresEventStore } from '@ledger/event-store/postgres';
import { scratchSchemas, type ScratchSchemas } from '@ledger/test-infrastructure';
import { appendThroughput, type AppendWork } from './append-workload.ts';

async function timeStore(connectionString: string, schema: string, work: AppendWork): Promise<number> {
  const store = await createPostgresEventStore({ connectionString, schema });
  const started = performance.now();
  for (const { stream, events } of work) await store.appendToStream(stream, events);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return seconds;
}

/** The same rows through a bare multi-row INSERT, same table and one transaction per batch: the floor to compare with. */
async function timeRaw(connectionString: string, schemas: ScratchSchemas, work: AppendWork): Promise<number> {
  const schema = await schemas.create();
  await (await createPostgresEventStore({ connectionString, schema })).close(); // the identical table and indexes
  const table = `"${schema}".events`;
  const revisions = new Map<string, number>();
  const hash = 'f'.repeat(64);
  let position = 0;
  const started = performance.now();
  for (const { stream, events } of work) {
    let revision = revisions.get(stream) ?? -1;
    const recordedAt = new Date().toISOString();
    const values = events.flatMap((e) => [
      ++position,
      e.eventId,
      stream,
      ++revision,
      e.type,
      JSON.stringify(e.data),
      '{}',
      recordedAt,
      hash,
      hash,
    ]);
    const rows = events.map((_, r) => `(${Array.from({ length: 10 }, (_, c) => `$${r * 10 + c + 1}`).join(', ')})`);
    const client = await schemas.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO ${table} VALUES ${rows.join(', ')}`, values);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    revisions.set(stream, revision);
  }
  return (performance.now() - started) / 1000;
}

/** Append throughput of the PostgreSQL store beside raw inserts of the same rows, one writer, fresh schemas dropped after. */
export async function benchPostgresAppend(connectionString: string): Promise<Record<string, number>> {
  const schemas = scratchSchemas(connectionString, 'bench_append');
  try {
    // Fewer single-event batches: each is a commit (an fsync), and the whole run should stay under a minute.
    return await appendThroughput(
      [
        [1, 5_000],
        [100, 100_000],
      ],
      (work) => timeRaw(connectionString, schemas, work),
      async (work) => timeStore(connectionString, await schemas.create(), work),
    );
  } finally {
    await schemas.close();
  }
}
