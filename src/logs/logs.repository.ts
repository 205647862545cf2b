import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { AppendOnlyLog, LogEntryColumns, LogEntryRow } from './logs.table.ts';

// Every log table has the shared columns and its own subject columns; Kysely cannot see through a
// table name chosen at run time, so these queries see each log as the shared columns plus any.
type LogTables = Record<AppendOnlyLog, LogEntryColumns & Record<string, unknown>>;
const asLogs = (executor: Executor) => executor as unknown as Kysely<LogTables>;

export type NewLogEntry = Omit<LogEntryRow, 'details'> & {
  details: Record<string, unknown>;
  subject: Record<string, string>;
};

export async function insertLogEntry(executor: Executor, log: AppendOnlyLog, entry: NewLogEntry) {
  const { subject, details, ...columns } = entry;
  await asLogs(executor)
    .insertInto(log)
    .values({ ...columns, ...subject, details: JSON.stringify(details) })
    .execute();
}

/** One entry of a log, with its subject columns, for checking a correction names the same subject. */
export async function findLogEntry(
  executor: Executor,
  log: AppendOnlyLog,
  orgId: string,
  id: string,
): Promise<(LogEntryRow & Record<string, unknown>) | undefined> {
  return (await asLogs(executor)
    .selectFrom(log)
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst()) as (LogEntryRow & Record<string, unknown>) | undefined;
}

/** The name a member of staff or a connected system goes by, written into each entry they record. */
export async function recorderName(
  executor: Executor,
  orgId: string,
  actor: { type: string; id: string },
): Promise<string | null> {
  if (actor.type === 'user') {
    const user = await executor
      .selectFrom('users')
      .select('display_name')
      .where('org_id', '=', orgId)
      .where('id', '=', actor.id)
      .executeTakeFirst();
    return user?.display_name ?? null;
  }
  if (actor.type === 'api_token') {
    const token = await executor
      .selectFrom('api_tokens')
      .select('name')
      .where('org_id', '=', orgId)
      .where('id', '=', actor.id)
      .executeTakeFirst();
    return token?.name ?? null;
  }
  return 'Liaison';
}
