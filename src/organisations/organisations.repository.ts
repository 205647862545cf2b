import type { Executor } from '../db/database.ts';
import type { NewOrganisationRow, OrganisationRow, OrganisationUpdate } from './organisations.table.ts';

export async function findOrganisation(
  executor: Executor,
  orgId: string,
): Promise<OrganisationRow | undefined> {
  return executor.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
}

export async function listOrganisations(executor: Executor): Promise<{ id: string; name: string }[]> {
  return executor.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute();
}

export async function findOrganisationByName(
  executor: Executor,
  name: string,
): Promise<OrganisationRow | undefined> {
  return executor.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertOrganisation(
  executor: Executor,
  organisation: NewOrganisationRow,
): Promise<OrganisationRow> {
  return executor.insertInto('organisations').values(organisation).returningAll().executeTakeFirstOrThrow();
}

/** Compare and set: changes nothing unless the organisation is still at `expectedVersion`. */
export async function updateOrganisation(
  executor: Executor,
  orgId: string,
  expectedVersion: number,
  changes: OrganisationUpdate,
): Promise<OrganisationRow | undefined> {
  return executor
    .updateTable('organisations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', orgId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}
