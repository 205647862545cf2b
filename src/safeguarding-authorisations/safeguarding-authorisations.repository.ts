import { sql } from 'kysely';
import { countRows } from '../db/count-rows.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { personNameSql } from '../people/person-name.ts';
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

/**
 * Authorisations not revoked, of people still supported, that end between `from` and `to`, and
 * are not renewed: no later authorisation, not revoked, ending later, for at least the same
 * information and recipients. The first to end first.
 */
function authorisationsEnding(executor: Executor, orgId: string, window: { from: Date; to: Date }) {
  return executor
    .selectFrom('safeguarding_authorisations as authorisation')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'authorisation.person_id'))
    .where('authorisation.org_id', '=', orgId)
    .where('person.status', '=', 'active')
    .where('authorisation.revoked_at', 'is', null)
    .where('authorisation.expires_at', '>', window.from)
    .where('authorisation.expires_at', '<=', window.to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('safeguarding_authorisations as later')
            .select('later.id')
            .whereRef('later.org_id', '=', 'authorisation.org_id')
            .whereRef('later.person_id', '=', 'authorisation.person_id')
            .where('later.revoked_at', 'is', null)
            .whereRef('later.expires_at', '>', 'authorisation.expires_at')
            .where(
              sql<boolean>`later.categories @> authorisation.categories
                and later.partner_organisation_ids @> authorisation.partner_organisation_ids
                and later.partner_contact_ids @> authorisation.partner_contact_ids
                and later.partner_types @> authorisation.partner_types`,
            ),
        ),
      ),
    );
}

export async function listAuthorisationsEnding(
  executor: Executor,
  orgId: string,
  options: { from: Date; to: Date; limit: number },
) {
  return authorisationsEnding(executor, orgId, options)
    .select([
      'authorisation.id',
      'authorisation.person_id',
      'authorisation.expires_at',
      personNameSql.as('person_name'),
    ])
    .orderBy('authorisation.expires_at')
    .orderBy('authorisation.id')
    .limit(options.limit)
    .execute();
}

export async function countAuthorisationsEnding(
  executor: Executor,
  orgId: string,
  options: { from: Date; to: Date },
): Promise<number> {
  return countRows(authorisationsEnding(executor, orgId, options));
}
