import { describe, it, expect } from '@jest/globals';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { insertRows } from './insert-rows.ts';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import { executeAll, readModelTables, type ReadModelDatabase } from './schema.ts';

describe('insertRows', () => {
  it('writes every row, in full statements compiled once and a last partial one', async () => {
    const db = new Kysely<ReadModelDatabase>({ dialect: nodeSqliteDialect(new DatabaseSync(':memory:')) });
    await executeAll(db, readModelTables(db, ''));
    // 8 columns: 3,750 rows a statement, so two full statements and a partial one.
    const positions = Array.from({ length: 8_000 }, (_, i) => i + 1);
    const row = (p: number) => ({
      position: p,
      event_id: `e${p}`,
      type: 'T',
      stream: `s${p % 7}`,
      recorded_at: `t${p}`,
      hash: `h${p}`,
      figure_id: p % 2 ? null : `f${p}`,
      reason: null,
    });
    await insertRows(db, 'applied_events', positions, row);
    expect(await db.selectFrom('applied_events').selectAll().orderBy('position').execute()).toEqual(positions.map(row));
    await db.destroy();
  });
});
