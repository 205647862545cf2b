import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { updateAtVersion } from '../db/versioned-change.ts';
import type { CareServiceRow, CareServiceUpdate, NewCareServiceRow } from './care-services.table.ts';

export async function insertCareService(executor: Executor, row: NewCareServiceRow): Promise<CareServiceRow> {
  return executor.insertInto('care_services').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCareService(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<CareServiceRow | undefined> {
  return executor
    .selectFrom('care_services')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listCareServices(
  executor: Executor,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<CareServiceRow[]> {
  return executor
    .selectFrom('care_services')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function careServiceNameInUse(
  executor: Executor,
  orgId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  let query = executor
    .selectFrom('care_services')
    .select('id')
    .where('org_id', '=', orgId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Compare and set: changes nothing unless the service is still at `expectedVersion`. */
export async function updateCareService(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: CareServiceUpdate,
): Promise<CareServiceRow | undefined> {
  return updateAtVersion(executor, 'care_services', { orgId, id, expectedVersion }, changes);
}
