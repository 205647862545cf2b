import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { findRepresentative, listRepresentativesOf } from '../people/people.service.ts';
import { endSharingOn, formatLondon } from '../sharing/basis-endings.ts';
import {
  checkScope,
  type Names,
  namesFor,
  presentScope,
  refuseFutureDate,
  requirePerson,
  scopeRow,
  userIdOrNull,
  userName,
} from '../sharing/basis-records.ts';
import type { SharingPurpose } from '../sharing/sharing.table.ts';
import * as consentRepository from './consent.repository.ts';
import type { CreateConsentInput, WithdrawConsentInput } from './consent.schemas.ts';
import type { ConsentRecordRow } from './consent.table.ts';

export function consentStatus(consent: ConsentRecordRow, now: Date) {
  const onDate = londonDateOf(now);
  if (consent.withdrawn_at !== null && consent.withdrawn_at <= now) return 'withdrawn' as const;
  if (consent.given_on > onDate) return 'not_yet' as const;
  if (consent.review_on < onDate) return 'lapsed' as const;
  return 'in_force' as const;
}

export function presentConsent(consent: ConsentRecordRow, names: Names, now: Date) {
  const representative = consent.representative_id
    ? names.representatives.get(consent.representative_id)
    : null;
  return {
    id: consent.id,
    givenBy: consent.given_by,
    representative:
      consent.representative_id && representative
        ? { id: consent.representative_id, name: representative.name, kind: representative.kind }
        : null,
    scope: presentScope(consent, names),
    purposes: consent.purposes,
    categories: consent.categories,
    recordedHow: consent.recorded_how,
    notes: consent.notes,
    givenOn: consent.given_on,
    reviewOn: consent.review_on,
    recordedBy: userName(names, consent.recorded_by),
    createdAt: consent.created_at.toISOString(),
    withdrawal:
      consent.withdrawn_at && consent.withdrawn_by
        ? {
            at: consent.withdrawn_at.toISOString(),
            by: consent.withdrawn_by,
            representativeName: consent.withdrawn_by_representative_id
              ? (names.representatives.get(consent.withdrawn_by_representative_id)?.name ?? null)
              : null,
            reason: consent.withdrawal_reason,
            recordedBy: userName(names, consent.withdrawal_recorded_by),
          }
        : null,
    status: consentStatus(consent, now),
  };
}

export async function presentConsentWithNames(
  executor: Executor,
  context: RequestContext,
  consent: ConsentRecordRow,
  now: Date,
) {
  const names = await namesFor(executor, context, {
    scopes: [consent],
    userIds: [consent.recorded_by, consent.withdrawal_recorded_by],
    representatives: await listRepresentativesOf(executor, context, consent.person_id),
  });
  return presentConsent(consent, names, now);
}

const legallyAuthorisedKinds = new Set([
  'lpa_health_and_welfare',
  'lpa_property_and_financial_affairs',
  'court_appointed_deputy',
]);

async function actingRepresentative(
  executor: Executor,
  context: RequestContext,
  options: { personId: string; representativeId: string; at: Date },
) {
  const representative = await findRepresentative(executor, context, options);
  if (!representative) {
    throw invalid('representativeId', 'This person has no representative with this id.');
  }
  if (representative.ended_at !== null && representative.ended_at <= options.at) {
    throw invalid('representativeId', `${representative.name} no longer represents this person.`);
  }
  return representative;
}

/** Records consent given by the person, or by an attorney or deputy acting for them. */
export async function recordConsent(
  db: Db,
  context: RequestContext,
  personId: string,
  input: CreateConsentInput,
  clock: Clock,
) {
  const now = clock.now();
  refuseFutureDate('givenOn', input.givenOn, clock, 'The date consent was given');
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, { personId, mode: 'update' });
    if (input.givenBy === 'representative' && input.representativeId) {
      const representative = await actingRepresentative(trx, context, {
        personId,
        representativeId: input.representativeId,
        at: now,
      });
      if (!legallyAuthorisedKinds.has(representative.kind)) {
        throw invalid(
          'representativeId',
          `${representative.name} is not an attorney or deputy, so cannot consent on the person’s behalf. Record the person’s own consent, or a best-interests decision if they lack capacity.`,
        );
      }
      if (representative.kind.startsWith('lpa_') && representative.registered_on === null) {
        throw invalid(
          'representativeId',
          `${representative.name}’s Lasting Power of Attorney is not recorded as registered with the Office of the Public Guardian. Record the registration date on their details first.`,
        );
      }
    }
    await checkScope(trx, context, input);
    const consent = await consentRepository.insertConsent(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: personId,
      given_by: input.givenBy,
      representative_id: input.givenBy === 'representative' ? (input.representativeId ?? null) : null,
      ...scopeRow(input),
      purposes: input.purposes,
      categories: input.categories,
      recorded_how: input.recordedHow,
      notes: input.notes ?? null,
      given_on: input.givenOn,
      review_on: input.reviewOn,
      recorded_by: userIdOrNull(context),
      created_at: now,
      withdrawn_at: null,
      withdrawn_by: null,
      withdrawn_by_representative_id: null,
      withdrawal_reason: null,
      withdrawal_recorded_by: null,
    });
    await recordAudit(trx, context, now, {
      action: 'consent.record',
      entityType: 'consent_record',
      entityId: consent.id,
      changedFields: Object.keys(consent),
      details: { personId },
    });
    return consent;
  });
}

/**
 * Withdrawal takes effect at once: the gate refuses from this instant, and every share queued to be
 * sent on this consent is held for a manager.
 */
export async function withdrawConsent(
  db: Db,
  context: RequestContext,
  personId: string,
  consentId: string,
  input: WithdrawConsentInput,
  clock: Clock,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, { personId, mode: 'update' });
    const existing = await consentRepository.findConsent(trx, context.orgId, personId, consentId);
    if (!existing) throw notFound('The consent record');
    if (existing.withdrawn_at !== null) {
      throw new AppError('conflict', 'This consent has already been withdrawn.');
    }
    if (input.withdrawnBy === 'representative' && input.representativeId) {
      await actingRepresentative(trx, context, {
        personId,
        representativeId: input.representativeId,
        at: now,
      });
    }
    const consent = await consentRepository.withdrawConsent(trx, context.orgId, consentId, {
      withdrawn_at: now,
      withdrawn_by: input.withdrawnBy,
      withdrawn_by_representative_id:
        input.withdrawnBy === 'representative' ? (input.representativeId ?? null) : null,
      withdrawal_reason: input.reason ?? null,
      withdrawal_recorded_by: userIdOrNull(context),
    });
    if (!consent) throw new AppError('conflict', 'This consent has already been withdrawn.');
    await recordAudit(trx, context, now, {
      action: 'consent.withdraw',
      entityType: 'consent_record',
      entityId: consentId,
      changedFields: ['withdrawn_at', 'withdrawn_by', 'withdrawn_by_representative_id', 'withdrawal_reason'],
      details: { personId },
    });
    const held = await endSharingOn(
      trx,
      context,
      {
        recordId: consentId,
        recordType: 'consent_record',
        reason: `Consent withdrawn on ${formatLondon(now)}`,
        endedAt: now,
      },
      now,
    );
    return { consent, heldShares: held.length };
  });
}

/**
 * Consents coming due for review, or past it, and not renewed (see the repository for what
 * renews one): how many, and the first `limit`, the earliest review first. Reads only: the caller
 * audits the view.
 */
export async function consentsDueForReview(
  executor: Executor,
  context: RequestContext,
  options: { reviewBy: string; limit: number },
) {
  return {
    count: await consentRepository.countConsentsDueForReview(executor, context.orgId, options),
    consents: await consentRepository.listConsentsDueForReview(executor, context.orgId, options),
  };
}

// ---- for other records ----

/** The person's consent records that cover a purpose, withdrawn and lapsed ones too. */
export function consentsCovering(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: { personId: string; purpose: SharingPurpose },
) {
  return consentRepository.listConsentsCovering(executor, context.orgId, options.personId, options.purpose);
}

/** The consent record about the person with this id, or undefined. */
export function findConsentOf(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: { personId: string; id: string },
) {
  return consentRepository.findConsent(executor, context.orgId, options.personId, options.id);
}
