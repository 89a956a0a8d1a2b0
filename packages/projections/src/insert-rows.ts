import { CompiledQuery, PostgresAdapter, sql, type Insertable } from 'kysely';
import { perStatement } from './chunks.ts';
import { snakeCase } from './columns.ts';
import type { ReadModelDatabase, ReadModelDb } from './schema.ts';
import { READ_MODEL_COLUMNS } from './tables.ts';

type Table = keyof ReadModelDatabase;

/** Rows per statement on PostgreSQL, where each column is bound as one array: the limit is memory, not parameters. */
const UNNEST_ROWS = 10_000;

/**
 * On PostgreSQL, rows of a declared table go in as one array per column, `INSERT … SELECT * FROM unnest($1::text[], …)`:
 * a statement of a few parameters, parsed and planned as fast for ten thousand rows as for one.
 */
async function insertUnnested<I>(
  db: ReadModelDb,
  table: keyof typeof READ_MODEL_COLUMNS,
  items: readonly I[],
  toRow: (item: I) => object,
): Promise<void> {
  const columns = Object.entries(READ_MODEL_COLUMNS[table]).map(([field, c]) => ({ name: snakeCase(field), c }));
  for (let i = 0; i < items.length; i += UNNEST_ROWS) {
    const rows = items.slice(i, i + UNNEST_ROWS).map(toRow) as Array<Record<string, unknown>>;
    const arrays = columns.map(({ name, c }) => sql`${rows.map((row) => row[name])}::${sql.raw(c.type)}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(({ name }) => sql.ref(name)))}) select * from unnest(${sql.join(arrays)})`.execute(
      db,
    );
  }
}

/**
 * Rows per SQLite statement: about a hundred rows bind and insert fastest (measured with 22 text columns: 1 row
 * 146k rows/s, 100 rows 194k, 1,363 rows (the parameter limit) 137k).
 */
const SQLITE_ROWS = 100;

/**
 * Inserts items as rows of `table`, converted a statement at a time (so a million rows are never all held), in
 * multi-row statements. Every full statement has the same text, so it is compiled once and then only bound again:
 * building a query per chunk cost more than SQLite running it.
 * `toRow` must give every row the same columns in the same order, which the compiled text lists (on PostgreSQL, every
 * declared column of the table).
 */
export async function insertRows<T extends Table, I>(
  db: ReadModelDb,
  table: T,
  items: readonly I[],
  toRow: (item: I) => Insertable<ReadModelDatabase[T]>,
): Promise<void> {
  if (items.length === 0) return;
  if (db.getExecutor().adapter instanceof PostgresAdapter && table in READ_MODEL_COLUMNS)
    return insertUnnested(db, table as keyof typeof READ_MODEL_COLUMNS, items, toRow);
  const size = Math.min(SQLITE_ROWS, perStatement(Object.keys(toRow(items[0]!)).length));
  let fullStatement: string | undefined;
  for (let i = 0; i < items.length; i += size) {
    const rows = items.slice(i, i + size).map(toRow);
    if (rows.length < size) {
      await db
        .insertInto(table)
        .values(rows as never)
        .execute();
      continue;
    }
    fullStatement ??= db
      .insertInto(table)
      .values(rows as never)
      .compile().sql;
    await db.executeQuery(
      CompiledQuery.raw(
        fullStatement,
        rows.flatMap((row) => Object.values(row)),
      ),
    );
  }
}
