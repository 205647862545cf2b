import type { Executor } from './database.ts';

/** Tables whose rows other records name by id, and the column that holds each one's name. */
const nameColumns = {
  users: 'display_name',
  partner_organisations: 'name',
  api_tokens: 'name',
} as const;

/**
 * The names of an organisation's rows by id, to show beside the ids other records keep (who did
 * something, which partner). Ids not found are left out.
 */
export async function namesById(
  executor: Executor,
  table: keyof typeof nameColumns,
  key: { orgId: string; ids: readonly string[] },
): Promise<Map<string, string>> {
  if (key.ids.length === 0) return new Map();
  const rows = await executor
    .selectFrom(table)
    .select(['id', `${nameColumns[table]} as name` as 'name'])
    .where('org_id', '=', key.orgId)
    .where('id', 'in', [...key.ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
