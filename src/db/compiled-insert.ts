import { type Compilable, CompiledQuery, type Insertable, type Selectable } from 'kysely';
import type { Database, Executor } from './database.ts';

type Table = keyof Database & string;

/** What a statement text is known to need: the row's values in its columns' order, or a full compile. */
type Known = { sql: string } | 'compile';

// Per query adapter (one per database, shared by its transactions), then per table and columns.
const knownStatements = new WeakMap<object, Map<string, Known>>();
// Bounded, as the columns come from the rows: past it, rows are compiled in full as usual.
const MAX_SHAPES_PER_DATABASE = 200;

/**
 * An insert of one row returning every column, for inserts made on every request. Kysely builds
 * and compiles it the first time a table is written with a given list of columns (the row's keys,
 * in order); later rows with the same columns reuse that text with their values in that order, so
 * the query is not built and compiled again for each one. The first compile must show the text
 * takes exactly the row's values, in that order, as its parameters; when it does not (a value that
 * is an expression, say), or a row holds anything but plain values, the row is compiled in full.
 */
export function insertReturningAll<T extends Table>(
  executor: Executor,
  table: T,
  row: Insertable<Database[T]>,
): Compilable<Selectable<Database[T]>> {
  return {
    compile: () =>
      compileInsert(executor, table, row as Record<string, unknown>) as CompiledQuery<
        Selectable<Database[T]>
      >,
  };
}

function compileInsert(executor: Executor, table: Table, row: Record<string, unknown>): CompiledQuery {
  const queryExecutor = executor.getExecutor();
  const columns = Object.keys(row);
  const values = columns.map((column) => row[column]);
  // Plugins may rewrite a query, and values that are not plain (expressions, undefined) change
  // its text: those are compiled in full every time.
  if (queryExecutor.plugins.length > 0 || !values.every(isPlainValue))
    return fullCompile(executor, table, row);
  let shapes = knownStatements.get(queryExecutor.adapter);
  if (shapes === undefined) {
    shapes = new Map();
    knownStatements.set(queryExecutor.adapter, shapes);
  }
  const key = `${table}\u0000${columns.join('\u0000')}`;
  const known = shapes.get(key);
  if (known === 'compile') return fullCompile(executor, table, row);
  if (known !== undefined) return CompiledQuery.raw(known.sql, values);
  const compiled = fullCompile(executor, table, row);
  const takesTheValues =
    compiled.parameters.length === values.length &&
    compiled.parameters.every((parameter, index) => Object.is(parameter, values[index]));
  if (shapes.size < MAX_SHAPES_PER_DATABASE)
    shapes.set(key, takesTheValues ? { sql: compiled.sql } : 'compile');
  return compiled;
}

function fullCompile(executor: Executor, table: Table, row: Record<string, unknown>): CompiledQuery {
  return (executor as Executor)
    .insertInto(table)
    .values(row as never)
    .returningAll()
    .compile();
}

/** A value Kysely passes as a parameter as it is: not an expression, a callback or undefined. */
function isPlainValue(value: unknown): boolean {
  if (value === undefined || typeof value === 'function') return false;
  if (value === null || typeof value !== 'object') return true;
  return typeof (value as { toOperationNode?: unknown }).toOperationNode !== 'function';
}
