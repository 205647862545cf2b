import {
  DummyDriver,
  Kysely,
  type KyselyPlugin,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertReturningAll } from './compiled-insert.ts';
import type { Database } from './database.ts';

// Compiles without a database: the statements are compared, not run.
function database(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

const at = new Date('2026-01-02T03:04:05Z');

function partner(name: string, notes: string | null = null) {
  return {
    org_id: '00000000-0000-4000-8000-000000000001',
    id: `id-${name}`,
    name,
    type: 'gp' as const,
    ods_code: null,
    address: null,
    notes,
    created_at: at,
    updated_at: at,
  };
}

/** What Kysely itself compiles for the row. */
function kyselyCompiles(db: Kysely<Database>, row: Record<string, unknown>) {
  const compiled = db
    .insertInto('partner_organisations')
    .values(row as never)
    .returningAll()
    .compile();
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

function helperCompiles(db: Kysely<Database>, row: Record<string, unknown>) {
  const compiled = insertReturningAll(db, 'partner_organisations', row as never).compile();
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

describe('insertReturningAll', () => {
  it('compiles each row as Kysely does, the first and every later one', () => {
    const db = database();
    for (const row of [partner('Riverside'), partner('Hillside', 'Open weekdays'), partner('Lakeside')]) {
      expect(helperCompiles(db, row)).toEqual(kyselyCompiles(db, row));
    }
  });

  it('puts each value in its own column when rows list the same columns in another order', () => {
    const db = database();
    const first = partner('Riverside', 'first');
    helperCompiles(db, first);
    // The same columns, in reverse: were the first text reused, name and notes would swap places.
    const reversed = Object.fromEntries(Object.entries(partner('Hillside', 'second')).reverse());
    expect(helperCompiles(db, reversed)).toEqual(kyselyCompiles(db, reversed));
    expect(helperCompiles(db, first)).toEqual(kyselyCompiles(db, first));
  });

  it('gives every value to the column it was written for, whatever the order of the keys', () => {
    const db = database();
    const columns = Object.keys(partner('x'));
    for (let shift = 0; shift < columns.length; shift += 1) {
      const order = [...columns.slice(shift), ...columns.slice(0, shift)];
      for (const name of ['A', 'B']) {
        const values = partner(name, `notes ${name}`) as Record<string, unknown>;
        const row = Object.fromEntries(order.map((column) => [column, values[column]]));
        const compiled = helperCompiles(db, row);
        expect(compiled).toEqual(kyselyCompiles(db, row));
        // And independently of Kysely: the text's column list pairs with the parameters.
        const listed = /\(([^)]*)\) values/.exec(compiled.sql)?.[1]?.split(', ') ?? [];
        expect(listed.map((column) => column.replaceAll('"', ''))).toEqual(order);
        expect(compiled.parameters).toEqual(order.map((column) => values[column]));
      }
    }
  });

  it('compiles in full a row with an expression or a missing value', () => {
    const db = database();
    helperCompiles(db, partner('Riverside'));
    const withExpression = { ...partner('Hillside'), name: sql<string>`upper(${'Hillside'})` };
    expect(helperCompiles(db, withExpression)).toEqual(kyselyCompiles(db, withExpression));
    const withUndefined = { ...partner('Lakeside'), notes: undefined };
    expect(helperCompiles(db, withUndefined)).toEqual(kyselyCompiles(db, withUndefined));
    expect(helperCompiles(db, partner('Brookside'))).toEqual(kyselyCompiles(db, partner('Brookside')));
  });

  it('does not reuse a text whose parameters turned out not to be the row values', () => {
    const db = database();
    // A first row whose text takes no parameter for its name: its text must never serve a row
    // of plain values with the same columns.
    const first = { ...partner('Riverside'), name: sql<string>`'Riverside'` };
    expect(helperCompiles(db, first)).toEqual(kyselyCompiles(db, first));
    const plain = partner('Hillside');
    expect(helperCompiles(db, plain)).toEqual(kyselyCompiles(db, plain));
  });

  it('leaves rows written through plugins to Kysely', () => {
    const renaming: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => args.result,
    };
    const db = database().withPlugin(renaming);
    const row = partner('Riverside');
    expect(helperCompiles(db, row)).toEqual(kyselyCompiles(db, row));
    expect(helperCompiles(db, row)).toEqual(kyselyCompiles(db, row));
  });
});
