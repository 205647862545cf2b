import type { Executor } from '../db/database.ts';
import type {
  NewSafeguardingAuthorisationRow,
  SafeguardingAuthorisationRow,
} from './safeguarding-authorisations.table.ts';

export async function insertSafeguardingAuthorisation(
  executor: Executor,
  row: NewSafeguardingAuthorisationRow,
): Promise<SafeguardingAuthorisationRow> {
  return executor
    .insertInto('safeguarding_authorisations')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findSafeguardingAuthorisation(
  executor: Executor,
  orgId: string,
  personId: string,
  id: string,
) {
  return executor
    .selectFrom('safeguarding_authorisations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function revokeSafeguardingAuthorisation(
  executor: Executor,
  orgId: string,
  id: string,
  revocation: { revoked_at: Date; revoked_by: string; revoked_reason: string },
): Promise<SafeguardingAuthorisationRow | undefined> {
  return executor
    .updateTable('safeguarding_authorisations')
    .set(revocation)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
