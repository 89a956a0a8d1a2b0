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
 * multi-row statements. A statement's text depends only on its table, columns and row count, so each is compiled once
 * and then only bound again: building a query per chunk cost more than SQLite running it.
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
  for (let i = 0; i < items.length; i += size) {
    const rows = items.slice(i, i + size).map(toRow);
    await db.executeQuery(
      CompiledQuery.raw(
        insertText(db, table, rows),
        rows.flatMap((row) => Object.values(row)),
      ),
    );
  }
}

/**
 * Statement texts by the database's plugins (which name the tables: a rebuild's are suffixed), table, columns and row
 * count. A following projector inserts a few rows per table per batch, and building and compiling each such insert
 * cost more than SQLite running it. Bounded: each rebuild's plugin adds its own texts.
 */
const insertTexts = new Map<string, string>();
const MAX_INSERT_TEXTS = 10_000;
const pluginIds = new WeakMap<object, number>();
let lastPluginId = 0;
const pluginId = (plugin: object) => {
  let id = pluginIds.get(plugin);
  if (id === undefined) pluginIds.set(plugin, (id = ++lastPluginId));
  return id;
};

function insertText(db: ReadModelDb, table: Table, rows: readonly object[]): string {
  const plugins = db.getExecutor().plugins.map(pluginId).join(',');
  const key = `${plugins} ${table} ${rows.length} ${Object.keys(rows[0]!).join(',')}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    text = db
      .insertInto(table)
      .values(rows as never)
      .compile().sql;
    if (insertTexts.size >= MAX_INSERT_TEXTS) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}
