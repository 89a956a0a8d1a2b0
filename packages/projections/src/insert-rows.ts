import { CompiledQuery, type Insertable } from 'kysely';
import { perStatement } from './chunks.ts';
import type { ReadModelDatabase, ReadModelDb } from './schema.ts';

type Table = keyof ReadModelDatabase;

/**
 * Inserts items as rows of `table`, converted a statement at a time (so a million rows are never all held), in
 * statements of as many rows as the parameter limit allows. Every full statement has the same text, so it is compiled
 * once and then only bound again: building a 30,000-parameter query per chunk cost more than SQLite running it.
 * `toRow` must give every row the same columns in the same order, which the compiled text lists.
 */
export async function insertRows<T extends Table, I>(
  db: ReadModelDb,
  table: T,
  items: readonly I[],
  toRow: (item: I) => Insertable<ReadModelDatabase[T]>,
): Promise<void> {
  if (items.length === 0) return;
  const size = perStatement(Object.keys(toRow(items[0]!)).length);
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
