import type { CreateTableBuilder } from 'kysely';

/**
 * Each read-model column declared once: a table is a list of fields of what the read models answer (camelCase, in the
 * order of the answer), each with its SQL type. The table's row type, its CREATE TABLE and the mapping between rows
 * and answers all come from that list; a column's name is its field's name in snake_case.
 */

type SqlType = 'text' | 'bigint' | 'integer';

/** One column: its SQL type, whether it may be null, and, where the answer holds something else, how it is stored. */
export interface Column<Stored, Value = Stored> {
  readonly type: SqlType;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  /** Only where the stored value is not the answer's own (citations as JSON text). */
  encode?(value: Value): Stored;
  decode?(stored: Stored): Value;
}

const column = <Stored, Value = Stored>(type: SqlType, codec?: Pick<Column<Stored, Value>, 'encode' | 'decode'>) =>
  ({ type, nullable: false, primaryKey: false, ...codec }) as Column<Stored, Value>;

/** Text; `T` narrows what the answer holds (a union of literals), stored as any text. */
export const text = <T extends string = string>() => column<string, T>('text');
export const bigint = () => column<number>('bigint');
export const integer = () => column<number>('integer');
/** A value stored as JSON text. */
export const json = <T>() =>
  column<string, T>('text', { encode: (value) => JSON.stringify(value), decode: (stored) => JSON.parse(stored) as T });
export const nullable = <S, V>(c: Column<S, V>) => ({ ...c, nullable: true }) as Column<S | null, V | null>;
export const primaryKey = <S, V>(c: Column<S, V>) => ({ ...c, primaryKey: true }) as Column<S, V>;

export type Columns = Record<string, Column<unknown, unknown>>;

/** `figureId` → `figure_id`. */
export type SnakeCase<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}`
  : S;
export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A stored row of the table. */
export type RowOf<C extends Columns> = {
  -readonly [K in keyof C & string as SnakeCase<K>]: C[K] extends Column<infer S, infer _V> ? S : never;
};
/** What the read models answer from a row. */
export type ValueOf<C extends Columns> = {
  -readonly [K in keyof C & string]: C[K] extends Column<infer _S, infer V> ? V : never;
};

/** A table's columns, added in the declared order (the stored column order of existing databases). */
export function withColumns<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  columns: Columns,
): CreateTableBuilder<T, C> {
  let built = table;
  for (const [field, c] of Object.entries(columns))
    built = built.addColumn(snakeCase(field), c.type, (col) => {
      if (c.primaryKey) return col.primaryKey();
      return c.nullable ? col : col.notNull();
    });
  return built;
}

export interface RowMapping<C extends Columns> {
  toRow(value: ValueOf<C>): RowOf<C>;
  fromRow(row: RowOf<C>): ValueOf<C>;
  /** Some of the fields: their column names, to select, and the mapping of a row holding only those. */
  pick<K extends keyof C & string>(
    fields: readonly K[],
  ): { names: Array<SnakeCase<K>>; fromRow(row: Pick<RowOf<C>, SnakeCase<K>>): Pick<ValueOf<C>, K> };
}

export function rowMapping<C extends Columns>(columns: C): RowMapping<C> {
  const entries = Object.entries(columns).map(([field, c]) => ({ field, name: snakeCase(field), c }));
  const nameOf = new Map(entries.map((e) => [e.field, e.name]));
  type Loose = Record<string, unknown>;
  const fromRow = (row: Loose): Loose => {
    const out: Loose = {};
    for (const { field, name, c } of entries) {
      if (!(name in row)) continue;
      const stored = row[name];
      out[field] = c.decode && stored !== null ? c.decode(stored) : stored;
    }
    return out;
  };
  return {
    toRow(value) {
      const row: Loose = {};
      for (const { field, name, c } of entries) {
        const v = (value as Loose)[field];
        row[name] = c.encode && v !== null ? c.encode(v) : v;
      }
      return row as RowOf<C>;
    },
    fromRow: (row) => fromRow(row as Loose) as ValueOf<C>,
    pick: (fields) => ({
      names: fields.map((f) => nameOf.get(f)!) as never,
      fromRow: (row) => fromRow(row as Loose) as never,
    }),
  };
}
