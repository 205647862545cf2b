import { type SqlBool, sql } from 'kysely';
import { countRows } from '../db/count-rows.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { personNameSql } from '../people/person-name.ts';
import type { SharingPurpose } from '../sharing/sharing.table.ts';
import type { ConsentRecordRow, NewConsentRecordRow } from './consent.table.ts';

export async function insertConsent(executor: Executor, row: NewConsentRecordRow): Promise<ConsentRecordRow> {
  return executor.insertInto('consent_records').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findConsent(
  executor: Executor,
  orgId: string,
  personId: string,
  id: string,
): Promise<ConsentRecordRow | undefined> {
  return executor
    .selectFrom('consent_records')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function withdrawConsent(
  executor: Executor,
  orgId: string,
  id: string,
  withdrawal: {
    withdrawn_at: Date;
    withdrawn_by: 'person' | 'representative';
    withdrawn_by_representative_id: string | null;
    withdrawal_reason: string | null;
    withdrawal_recorded_by: string | null;
  },
): Promise<ConsentRecordRow | undefined> {
  return executor
    .updateTable('consent_records')
    .set(withdrawal)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Consents in force for a person still supported, whose review date is on or before `reviewBy`
 * (a London day), and not renewed: no later consent, not withdrawn, reviewed later, covers at
 * least the same purposes, information and recipients. The earliest review first.
 */
function consentsDueForReview(executor: Executor, orgId: string, reviewBy: string) {
  return executor
    .selectFrom('consent_records as consent')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'consent.person_id'))
    .where('consent.org_id', '=', orgId)
    .where('person.status', '=', 'active')
    .where('consent.withdrawn_at', 'is', null)
    .where('consent.review_on', '<=', reviewBy)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('consent_records as later')
            .select('later.id')
            .whereRef('later.org_id', '=', 'consent.org_id')
            .whereRef('later.person_id', '=', 'consent.person_id')
            .where('later.withdrawn_at', 'is', null)
            .whereRef('later.review_on', '>', 'consent.review_on')
            .where(
              sql<boolean>`later.purposes @> consent.purposes and later.categories @> consent.categories
                and later.partner_organisation_ids @> consent.partner_organisation_ids
                and later.partner_contact_ids @> consent.partner_contact_ids
                and later.partner_types @> consent.partner_types`,
            ),
        ),
      ),
    );
}

export async function listConsentsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string; limit: number },
) {
  return consentsDueForReview(executor, orgId, options.reviewBy)
    .select(['consent.id', 'consent.person_id', 'consent.review_on', personNameSql.as('person_name')])
    .orderBy('consent.review_on')
    .orderBy('consent.id')
    .limit(options.limit)
    .execute();
}

export async function countConsentsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string },
): Promise<number> {
  return countRows(consentsDueForReview(executor, orgId, options.reviewBy));
}

/** The person's consent records that cover a purpose. */
export async function listConsentsCovering(
  executor: Executor,
  orgId: string,
  personId: string,
  purpose: SharingPurpose,
): Promise<ConsentRecordRow[]> {
  return executor
    .selectFrom('consent_records')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where(sql<SqlBool>`${purpose} = any(purposes)`)
    .execute();
}
