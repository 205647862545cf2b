import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * How many rows a query finds, for a list that is shown a page at a time and counted whole from
 * the same query (what is due, what is waiting), so the count and the list cannot disagree.
 */
export async function countRows<DB, TB extends keyof DB>(
  query: SelectQueryBuilder<DB, TB, Record<never, never>>,
): Promise<number> {
  // The type of the selection cannot be worked out for any query: it is named here.
  const row = await query
    .select(sql<number>`count(*)::int`.as('count'))
    .$castTo<{ count: number }>()
    .executeTakeFirstOrThrow();
  return row.count;
}
