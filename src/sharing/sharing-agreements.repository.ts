import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { NewSharingAgreementRow, SharingAgreementRow, SharingPurpose } from './sharing.table.ts';

export type AgreementWithPartner = SharingAgreementRow & { partner_organisation_name: string };

function selectAgreements(executor: Executor, orgId: string) {
  return executor
    .selectFrom('sharing_agreements as agreement')
    .innerJoin('partner_organisations as organisation', (join) =>
      sameOrganisation(join, 'organisation.id', 'agreement.partner_organisation_id'),
    )
    .selectAll('agreement')
    .select('organisation.name as partner_organisation_name')
    .where('agreement.org_id', '=', orgId);
}

export async function listAgreements(
  executor: Executor,
  orgId: string,
  options: { limit: number; offset: number; partnerOrganisationId?: string | undefined },
): Promise<AgreementWithPartner[]> {
  let query = selectAgreements(executor, orgId);
  if (options.partnerOrganisationId) {
    query = query.where('agreement.partner_organisation_id', '=', options.partnerOrganisationId);
  }
  return query
    .orderBy('organisation.name')
    .orderBy('agreement.starts_on', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function findAgreement(executor: Executor, orgId: string, id: string) {
  return selectAgreements(executor, orgId).where('agreement.id', '=', id).executeTakeFirst();
}

/** The agreement in force on the date with the partner organisation that covers the purpose and categories. */
export async function findCoveringAgreement(
  executor: Executor,
  orgId: string,
  options: {
    partnerOrganisationId: string;
    purpose: SharingPurpose;
    categories: readonly string[];
    onDate: string;
  },
) {
  return executor
    .selectFrom('sharing_agreements')
    .select(['id', 'title', 'reference'])
    .where('org_id', '=', orgId)
    .where('partner_organisation_id', '=', options.partnerOrganisationId)
    .where('starts_on', '<=', options.onDate)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', options.onDate)]))
    .where(sql<boolean>`${options.purpose} = any(purposes)`)
    .where(sql<boolean>`categories @> ${sql.val([...options.categories])}::text[]`)
    .orderBy('starts_on', 'desc')
    .executeTakeFirst();
}

export async function insertAgreement(executor: Executor, row: NewSharingAgreementRow): Promise<void> {
  await executor.insertInto('sharing_agreements').values(row).execute();
}

export async function updateAgreement(
  executor: Executor,
  orgId: string,
  id: string,
  version: number,
  changes: Record<string, unknown>,
): Promise<boolean> {
  const result = await executor
    .updateTable('sharing_agreements')
    .set({ ...changes, version: sql`version + 1` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
