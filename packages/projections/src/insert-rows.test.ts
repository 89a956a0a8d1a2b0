import { describe, it, expect } from '@jest/globals';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { insertRows } from './insert-rows.ts';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import { executeAll, readModelTables, type ReadModelDatabase } from './schema.ts';
import { TableSuffixPlugin } from './table-suffix.ts';

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

  it('keeps the statement texts of tables renamed by a plugin apart from the plain ones, in every transaction', async () => {
    const db = new Kysely<ReadModelDatabase>({ dialect: nodeSqliteDialect(new DatabaseSync(':memory:')) });
    await executeAll(db, readModelTables(db, ''));
    const built = db.withPlugin(new TableSuffixPlugin('_next', ['applied_events']));
    await executeAll(built, readModelTables(built, '_b'));
    const row = (p: number) => ({
      position: p,
      event_id: `e${p}`,
      type: 'T',
      stream: 's',
      recorded_at: 't',
      hash: 'h',
      figure_id: null,
      reason: null,
    });
    // The same table, columns and row count each time: only the plugin tells the statements apart.
    await db.transaction().execute((trx) => insertRows(trx, 'applied_events', [1, 2], row));
    await built.transaction().execute((trx) => insertRows(trx, 'applied_events', [3, 4], row));
    await db.transaction().execute((trx) => insertRows(trx, 'applied_events', [5, 6], row));
    await built.transaction().execute((trx) => insertRows(trx, 'applied_events', [7, 8], row));
    const positions = async (k: Kysely<ReadModelDatabase>) =>
      (await k.selectFrom('applied_events').select('position').orderBy('position').execute()).map((r) => r.position);
    expect(await positions(db)).toEqual([1, 2, 5, 6]);
    expect(await positions(built)).toEqual([3, 4, 7, 8]);
    await db.destroy();
  });
});
