import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { columnChanges, type VersionedChange } from '../db/versioned-change.ts';
import { changedElsewhere, checkVersion, invalid, orNotFound } from '../errors.ts';
import { findPartnerOrganisation } from '../partners/partners.service.ts';
import type { CreateAgreementInput, UpdateAgreementInput } from './sharing.schemas.ts';
import type { AgreementWithPartner } from './sharing-agreements.repository.ts';
import * as agreementsRepository from './sharing-agreements.repository.ts';

type Page = { limit: number; offset: number };

function agreementInForce(agreement: { starts_on: string; ends_on: string | null }, onDate: string): boolean {
  return agreement.starts_on <= onDate && (agreement.ends_on === null || agreement.ends_on >= onDate);
}

export function toAgreementResponse(agreement: AgreementWithPartner, now: Date) {
  return {
    id: agreement.id,
    partnerOrganisationId: agreement.partner_organisation_id,
    partnerOrganisationName: agreement.partner_organisation_name,
    title: agreement.title,
    reference: agreement.reference,
    purposes: agreement.purposes,
    categories: agreement.categories,
    startsOn: agreement.starts_on,
    endsOn: agreement.ends_on,
    notes: agreement.notes,
    inForce: agreementInForce(agreement, londonDateOf(now)),
    createdAt: agreement.created_at.toISOString(),
    updatedAt: agreement.updated_at.toISOString(),
    version: agreement.version,
  };
}

export async function listAgreements(
  db: Db,
  context: RequestContext,
  options: Page & { partnerOrganisationId?: string | undefined },
) {
  return agreementsRepository.listAgreements(db, context.orgId, options);
}

export async function getAgreement(executor: Executor, context: RequestContext, id: string) {
  return orNotFound(
    await agreementsRepository.findAgreement(executor, context.orgId, id),
    'The information sharing agreement',
  );
}

export async function createAgreement(
  db: Db,
  context: RequestContext,
  { input, clock }: { input: CreateAgreementInput; clock: Clock },
) {
  const now = clock.now();
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const partner = await findPartnerOrganisation(trx, context, input.partnerOrganisationId);
    if (!partner)
      throw invalid(
        'partnerOrganisationId',
        'There is no partner organisation with this id in your register.',
      );
    await agreementsRepository.insertAgreement(trx, {
      org_id: context.orgId,
      id,
      partner_organisation_id: input.partnerOrganisationId,
      title: input.title,
      reference: input.reference ?? null,
      purposes: input.purposes,
      categories: input.categories,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      notes: input.notes ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'sharing_agreement.create',
      entityType: 'sharing_agreement',
      entityId: id,
      changedFields: [
        'partner_organisation_id',
        'title',
        'reference',
        'purposes',
        'categories',
        'starts_on',
        'ends_on',
        'notes',
      ],
    });
    return getAgreement(trx, context, id);
  });
}

const agreementColumns = {
  title: 'title',
  reference: 'reference',
  purposes: 'purposes',
  categories: 'categories',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  notes: 'notes',
} as const;

/** Changes an information sharing agreement if it is still at `expectedVersion`. */
export async function updateAgreement(
  db: Db,
  context: RequestContext,
  { id, expectedVersion, input, clock }: VersionedChange<UpdateAgreementInput>,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await getAgreement(trx, context, id);
    checkVersion(expectedVersion, existing.version, 'The agreement');
    const { changes, changedFields } = columnChanges(input, agreementColumns);
    const startsOn = (changes.starts_on as string | undefined) ?? existing.starts_on;
    const endsOn = 'ends_on' in changes ? (changes.ends_on as string | null) : existing.ends_on;
    if (endsOn !== null && endsOn < startsOn)
      throw invalid('endsOn', 'The end date must be on or after the start date.');
    const updated = await agreementsRepository.updateAgreement(trx, context.orgId, id, expectedVersion, {
      ...changes,
      updated_at: now,
    });
    if (!updated) throw changedElsewhere('The agreement');
    await recordAudit(trx, context, now, {
      action: 'sharing_agreement.update',
      entityType: 'sharing_agreement',
      entityId: id,
      changedFields,
    });
    return getAgreement(trx, context, id);
  });
}
