import { describe, it, expect } from '@jest/globals';
import { Kysely, SqliteAdapter, DummyDriver, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { bigint, json, nullable, primaryKey, rowMapping, snakeCase, text, withColumns } from './columns.ts';

const columns = {
  figureId: primaryKey(text()),
  endedAtPosition: nullable(bigint()),
  citations: json<Array<{ quote: string }>>(),
  numberAsWritten: nullable(text()),
};
const rows = rowMapping(columns);

describe('columns declared once', () => {
  it('names each column after its field in snake_case', () => {
    expect(['figureId', 'endedAtPosition', 'sha256', 'period'].map(snakeCase)).toEqual([
      'figure_id',
      'ended_at_position',
      'sha256',
      'period',
    ]);
  });

  it('maps a value to its row and back, storing JSON fields as text and keeping nulls', () => {
    const value = { figureId: 'f1', endedAtPosition: null, citations: [{ quote: '126 亿元' }], numberAsWritten: null };
    const row = rows.toRow(value);
    expect(row).toEqual({
      figure_id: 'f1',
      ended_at_position: null,
      citations: '[{"quote":"126 亿元"}]',
      number_as_written: null,
    });
    expect(rows.fromRow(row)).toEqual(value);
    expect(Object.keys(rows.fromRow(row))).toEqual(Object.keys(columns));
  });

  it('picks some fields: their column names, and the mapping of a row holding only those', () => {
    const picked = rows.pick(['figureId', 'endedAtPosition']);
    expect(picked.names).toEqual(['figure_id', 'ended_at_position']);
    expect(picked.fromRow({ figure_id: 'f2', ended_at_position: 7 })).toEqual({ figureId: 'f2', endedAtPosition: 7 });
  });

  it('creates the table with the columns in the declared order, their types, keys and nullability', () => {
    const db = new Kysely<unknown>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new SqliteIntrospector(k),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    expect(withColumns(db.schema.createTable('figures'), columns).compile().sql).toBe(
      'create table "figures" ("figure_id" text primary key, "ended_at_position" bigint, "citations" text not null, "number_as_written" text)',
    );
  });
});
