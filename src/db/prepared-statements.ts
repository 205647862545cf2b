import type { CompiledQuery } from 'kysely';

// Statements marked with keepPrepared, by their text. Bounded, so a mistake cannot make every
// connection hold an unbounded number of plans: past the limit, statements are simply not kept.
const preparedStatementNumbers = new Map<string, number>();
const MAX_PREPARED_STATEMENTS = 100;
// Part of every statement name: moving it makes every connection prepare its statements afresh.
let preparedStatementGeneration = 0;

/**
 * Marks a statement that runs very often to be parsed and planned once per connection to a
 * PostgreSQL server instead of on every execution (a named prepared statement). Only for a fixed
 * set of texts: values go in parameters. The embedded database ignores the mark.
 */
export function keepPrepared<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  if (!preparedStatementNumbers.has(query.sql) && preparedStatementNumbers.size < MAX_PREPARED_STATEMENTS) {
    preparedStatementNumbers.set(query.sql, preparedStatementNumbers.size + 1);
  }
  return query;
}

/** The name a kept statement is prepared under on every connection, or undefined if not kept. */
export function preparedStatementName(text: string): { name: string; generation: number } | undefined {
  const number = preparedStatementNumbers.get(text);
  if (number === undefined) return undefined;
  return {
    name: `liaison_${preparedStatementGeneration}_${number}`,
    generation: preparedStatementGeneration,
  };
}

/**
 * Makes every connection prepare its kept statements afresh, under new names, once per
 * generation: called when a kept statement turned out stale.
 */
export function forgetPreparedStatements(generation: number): void {
  if (generation === preparedStatementGeneration) preparedStatementGeneration += 1;
}
