import type { Executor } from '../db/database.ts';

export type CounterWindow = { count: number; window_ends_at: Date };

/**
 * Counts one more against the key, in one statement so that servers counting at once lose no
 * count: a window that has ended starts again at `at` with a count of one.
 */
export async function countOne(
  executor: Executor,
  key: string,
  at: Date,
  windowMs: number,
): Promise<CounterWindow> {
  return executor
    .insertInto('rate_limit_counters')
    .values({ key, count: 1, window_started_at: at, window_ends_at: new Date(at.getTime() + windowMs) })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limit_counters.window_ends_at', '<=', eb.ref('excluded.window_started_at'));
        return {
          count: eb
            .case()
            .when(ended)
            .then(1)
            .else(eb('rate_limit_counters.count', '+', 1))
            .end(),
          window_started_at: eb
            .case()
            .when(ended)
            .then(eb.ref('excluded.window_started_at'))
            .else(eb.ref('rate_limit_counters.window_started_at'))
            .end(),
          window_ends_at: eb
            .case()
            .when(ended)
            .then(eb.ref('excluded.window_ends_at'))
            .else(eb.ref('rate_limit_counters.window_ends_at'))
            .end(),
        };
      }),
    )
    .returning(['count', 'window_ends_at'])
    .executeTakeFirstOrThrow();
}

/** The key's count in the window running at `at`, if one is. */
export function readCount(executor: Executor, key: string, at: Date): Promise<CounterWindow | undefined> {
  return executor
    .selectFrom('rate_limit_counters')
    .select(['count', 'window_ends_at'])
    .where('key', '=', key)
    .where('window_ends_at', '>', at)
    .executeTakeFirst();
}

/** Forgets counts whose window ended before the moment; answers how many. */
export async function forgetEndedCounts(executor: Executor, before: Date): Promise<number> {
  const result = await executor
    .deleteFrom('rate_limit_counters')
    .where('window_ends_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
