import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/** Kysely prepares every query anew; the read path repeats a few shapes, so prepared statements are kept. */
const CACHED_STATEMENTS = 200;

/** node:sqlite binds no booleans: they become 0/1, as SQLite itself stores them. Copied only when there are any (a bulk insert binds 30,000). */
const bindable = (parameters: ReadonlyArray<unknown>): SQLInputValue[] =>
  parameters.some((p) => typeof p === 'boolean')
    ? parameters.map((p) => (typeof p === 'boolean' ? Number(p) : (p as SQLInputValue)))
    : (parameters as SQLInputValue[]);

/**
 * Kysely's SqliteDialect over Node's built-in node:sqlite (no native build): it expects better-sqlite3's shape,
 * where statements take an array of parameters and say whether they return rows.
 */
export function nodeSqliteDialect(db: DatabaseSync): SqliteDialect {
  // With whether each returns rows: asking node:sqlite costs as much as a small query.
  const statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  function prepared(text: string) {
    let entry = statements.get(text);
    if (!entry) {
      if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      const statement = db.prepare(text);
      entry = { statement, reader: statement.columns().length > 0 };
      statements.set(text, entry);
    }
    return entry;
  }
  const database: SqliteDatabase = {
    close: () => db.close(),
    prepare(text): SqliteStatement {
      const { statement, reader } = prepared(text);
      return {
        reader,
        all: (parameters) => statement.all(...bindable(parameters)),
        run: (parameters) => statement.run(...bindable(parameters)),
        iterate: (parameters) => statement.iterate(...bindable(parameters)),
      };
    },
  };
  return new SqliteDialect({ database });
}
