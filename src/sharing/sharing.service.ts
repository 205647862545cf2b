import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import { type RequestContext, systemContext } from '../context.ts';
import type { Db, Executor, DbTransaction as Transaction } from '../db/database.ts';
import { AppError, changedElsewhere, checkVersion, notFound } from '../errors.ts';
import * as partnersRepository from '../partners/partners.repository.ts';
import type { PartnerType } from '../partners/partners.table.ts';
import type { RepresentativeKind } from '../people/people.table.ts';
import * as usersRepository from '../users/users.repository.ts';
import { actOnSharingBasisEnded, type SharingBasisEnded } from './basis-endings.ts';
import { defaultLawfulBases, type LawfulBasis } from './lawful-basis.ts';
import * as sharingRepository from './sharing.repository.ts';
import type {
  CreateAgreementInput,
  CreateBestInterestsInput,
  CreateCapacityAssessmentInput,
  CreateConsentInput,
  CreateSafeguardingAuthorisationInput,
  RecordShareInput,
  SetLawfulBasisInput,
  ShareQuestionInput,
  UpdateAgreementInput,
  WithdrawConsentInput,
} from './sharing.schemas.ts';
import type {
  BasisRecordType,
  BestInterestsDecisionRow,
  CapacityAssessmentRow,
  ConsentRecordRow,
  DisclosureMoment,
  InformationCategory,
  RecipientScope,
  SafeguardingAuthorisationRow,
  ShareDelivery,
  ShareLogRow,
  SharingPurpose,
} from './sharing.table.ts';
import { sharingPurposes } from './sharing.table.ts';
import { decideShare, type GateDecision, type Recipient, type RefusalReason } from './sharing-gate.ts';

const DAY_MS = 86_400_000;
/** A safeguarding authorisation lasts a week unless the manager says otherwise, and never more than 30 days. */
const SAFEGUARDING_DEFAULT_DAYS = 7;
const SAFEGUARDING_MAX_DAYS = 30;

type Page = { limit: number; offset: number };

function today(clock: Clock): string {
  return londonDate(clock.now());
}

function londonDate(at: Date): string {
  return inLondon(at).toISODate() ?? '';
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation', message, { field });
}

function refuseFutureDate(field: string, date: string, clock: Clock, what: string): void {
  if (date > today(clock)) throw invalid(field, `${what} cannot be in the future.`);
}

/** Recording and deciding need a named member of staff, not a system token. */
function staffUserId(context: RequestContext, what: string): string {
  if (context.actor.type !== 'user') {
    throw new AppError('forbidden', `${what} must be made by a named member of staff, signed in.`);
  }
  return context.actor.id;
}

function userIdOrNull(context: RequestContext): string | null {
  return context.actor.type === 'user' ? context.actor.id : null;
}

async function requirePerson(
  executor: Executor,
  context: RequestContext,
  personId: string,
  mode: 'share' | 'update',
) {
  const person = await sharingRepository.lockPerson(executor, context.orgId, personId, mode);
  if (!person) throw notFound('The person');
  return person;
}

// ---- presenting records ----

type Names = {
  organisations: Map<string, string>;
  contacts: Map<string, { name: string; organisationName: string }>;
  users: Map<string, string>;
  representatives: Map<string, { name: string; kind: RepresentativeKind }>;
};

async function namesFor(
  executor: Executor,
  orgId: string,
  scopes: readonly RecipientScope[],
  userIds: readonly (string | null)[],
  representatives: readonly { id: string; name: string; kind: RepresentativeKind }[] = [],
): Promise<Names> {
  const organisationIds = new Set(scopes.flatMap((scope) => scope.partner_organisation_ids));
  const contactIds = new Set(scopes.flatMap((scope) => scope.partner_contact_ids));
  const users = new Set(userIds.filter((id): id is string => id !== null));
  return {
    organisations: await sharingRepository.partnerOrganisationNames(executor, orgId, [...organisationIds]),
    contacts: await sharingRepository.partnerContactNames(executor, orgId, [...contactIds]),
    users: await sharingRepository.userNames(executor, orgId, [...users]),
    representatives: new Map(representatives.map((each) => [each.id, { name: each.name, kind: each.kind }])),
  };
}

function presentScope(scope: RecipientScope, names: Names) {
  return {
    partnerOrganisations: scope.partner_organisation_ids.map((id) => ({
      id,
      name: names.organisations.get(id) ?? 'Unknown organisation',
    })),
    partnerContacts: scope.partner_contact_ids.map((id) => ({
      id,
      name: names.contacts.get(id)?.name ?? 'Unknown contact',
      organisationName: names.contacts.get(id)?.organisationName ?? '',
    })),
    partnerTypes: scope.partner_types,
  };
}

function userName(names: Names, id: string | null): string | null {
  if (id === null) return null;
  return names.users.get(id) ?? 'Former member of staff';
}

export function consentStatus(consent: ConsentRecordRow, now: Date) {
  const onDate = londonDate(now);
  if (consent.withdrawn_at !== null && consent.withdrawn_at <= now) return 'withdrawn' as const;
  if (consent.given_on > onDate) return 'not_yet' as const;
  if (consent.review_on < onDate) return 'lapsed' as const;
  return 'in_force' as const;
}

function reviewedStatus(record: { review_on: string }, startedOn: string, now: Date) {
  const onDate = londonDate(now);
  if (startedOn > onDate) return 'not_yet' as const;
  if (record.review_on < onDate) return 'review_overdue' as const;
  return 'in_force' as const;
}

function safeguardingStatus(authorisation: SafeguardingAuthorisationRow, now: Date) {
  if (authorisation.revoked_at !== null && authorisation.revoked_at <= now) return 'revoked' as const;
  if (authorisation.expires_at <= now) return 'expired' as const;
  if (authorisation.authorised_at > now) return 'not_yet' as const;
  return 'in_force' as const;
}

function presentConsent(consent: ConsentRecordRow, names: Names, now: Date) {
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

function presentCapacityAssessment(assessment: CapacityAssessmentRow, now: Date) {
  return {
    id: assessment.id,
    decision: assessment.decision,
    purposes: assessment.purposes,
    categories: assessment.categories,
    impairment: assessment.impairment,
    impairmentNote: assessment.impairment_note,
    canUnderstand: assessment.can_understand,
    canRetain: assessment.can_retain,
    canUseOrWeigh: assessment.can_use_or_weigh,
    canCommunicate: assessment.can_communicate,
    outcome: assessment.outcome,
    reasons: assessment.reasons,
    assessorUserId: assessment.assessor_user_id,
    assessorName: assessment.assessor_name,
    assessorRole: assessment.assessor_role,
    assessedOn: assessment.assessed_on,
    reviewOn: assessment.review_on,
    createdAt: assessment.created_at.toISOString(),
    status: reviewedStatus(assessment, assessment.assessed_on, now),
  };
}

function presentBestInterests(decision: BestInterestsDecisionRow, names: Names, now: Date) {
  return {
    id: decision.id,
    capacityAssessmentId: decision.capacity_assessment_id,
    decision: decision.decision,
    scope: presentScope(decision, names),
    purposes: decision.purposes,
    categories: decision.categories,
    consulted: decision.consulted,
    wishesAndFeelings: decision.wishes_and_feelings,
    outcome: decision.outcome,
    rationale: decision.rationale,
    decisionMaker: userName(names, decision.decision_maker_user_id) ?? '',
    decidedOn: decision.decided_on,
    reviewOn: decision.review_on,
    createdAt: decision.created_at.toISOString(),
    status: reviewedStatus(decision, decision.decided_on, now),
  };
}

function presentSafeguarding(authorisation: SafeguardingAuthorisationRow, names: Names, now: Date) {
  return {
    id: authorisation.id,
    scope: presentScope(authorisation, names),
    categories: authorisation.categories,
    rationale: authorisation.rationale,
    authorisedBy: userName(names, authorisation.authorised_by) ?? '',
    authorisedAt: authorisation.authorised_at.toISOString(),
    expiresAt: authorisation.expires_at.toISOString(),
    revokedAt: authorisation.revoked_at?.toISOString() ?? null,
    revokedBy: userName(names, authorisation.revoked_by),
    revokedReason: authorisation.revoked_reason,
    status: safeguardingStatus(authorisation, now),
  };
}

/** The person's consent, capacity, best-interests and safeguarding records, newest first. The view is audited. */
export async function viewSharingRecords(db: Db, context: RequestContext, personId: string, clock: Clock) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId, 'share');
    const records = await sharingRepository.loadSharingRecords(trx, context.orgId, personId);
    const names = await namesFor(
      trx,
      context.orgId,
      [...records.consents, ...records.bestInterestsDecisions, ...records.safeguardingAuthorisations],
      [
        ...records.consents.flatMap((each) => [each.recorded_by, each.withdrawal_recorded_by]),
        ...records.bestInterestsDecisions.map((each) => each.decision_maker_user_id),
        ...records.safeguardingAuthorisations.flatMap((each) => [each.authorised_by, each.revoked_by]),
      ],
      records.representatives,
    );
    await recordAudit(trx, context, now, {
      action: 'sharing_records.view',
      entityType: 'person',
      entityId: personId,
    });
    const newestFirst = <T extends { created_at: Date }>(rows: readonly T[]) =>
      [...rows].sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
    return {
      consents: newestFirst(records.consents).map((each) => presentConsent(each, names, now)),
      capacityAssessments: newestFirst(records.capacityAssessments).map((each) =>
        presentCapacityAssessment(each, now),
      ),
      bestInterestsDecisions: newestFirst(records.bestInterestsDecisions).map((each) =>
        presentBestInterests(each, names, now),
      ),
      safeguardingAuthorisations: [...records.safeguardingAuthorisations]
        .sort((a, b) => b.authorised_at.getTime() - a.authorised_at.getTime())
        .map((each) => presentSafeguarding(each, names, now)),
    };
  });
}

// ---- checking the people and partners a record names ----

async function checkScope(
  executor: Executor,
  context: RequestContext,
  scope: { partnerOrganisationIds: string[]; partnerContactIds: string[] },
): Promise<void> {
  const organisations = await sharingRepository.partnerOrganisationNames(
    executor,
    context.orgId,
    scope.partnerOrganisationIds,
  );
  const unknownOrganisation = scope.partnerOrganisationIds.findIndex((id) => !organisations.has(id));
  if (unknownOrganisation >= 0) {
    throw invalid(
      `partnerOrganisationIds.${unknownOrganisation}`,
      'There is no partner organisation with this id in your register.',
    );
  }
  const contacts = await sharingRepository.partnerContactNames(
    executor,
    context.orgId,
    scope.partnerContactIds,
  );
  const unknownContact = scope.partnerContactIds.findIndex((id) => !contacts.has(id));
  if (unknownContact >= 0) {
    throw invalid(
      `partnerContactIds.${unknownContact}`,
      'There is no partner contact with this id in your register.',
    );
  }
}

function scopeRow(input: {
  partnerOrganisationIds: string[];
  partnerContactIds: string[];
  partnerTypes: PartnerType[];
}) {
  return {
    partner_organisation_ids: input.partnerOrganisationIds,
    partner_contact_ids: input.partnerContactIds,
    partner_types: input.partnerTypes,
  };
}

const legallyAuthorisedKinds = new Set([
  'lpa_health_and_welfare',
  'lpa_property_and_financial_affairs',
  'court_appointed_deputy',
]);

async function actingRepresentative(
  executor: Executor,
  context: RequestContext,
  personId: string,
  representativeId: string,
  at: Date,
) {
  const representative = await sharingRepository.findRepresentative(
    executor,
    context.orgId,
    personId,
    representativeId,
  );
  if (!representative) {
    throw invalid('representativeId', 'This person has no representative with this id.');
  }
  if (representative.ended_at !== null && representative.ended_at <= at) {
    throw invalid('representativeId', `${representative.name} no longer represents this person.`);
  }
  return representative;
}

// ---- consent ----

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
    await requirePerson(trx, context, personId, 'update');
    if (input.givenBy === 'representative' && input.representativeId) {
      const representative = await actingRepresentative(trx, context, personId, input.representativeId, now);
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
    const consent = await sharingRepository.insertConsent(trx, {
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
    await requirePerson(trx, context, personId, 'update');
    const existing = await sharingRepository.findConsent(trx, context.orgId, personId, consentId);
    if (!existing) throw notFound('The consent record');
    if (existing.withdrawn_at !== null) {
      throw new AppError('conflict', 'This consent has already been withdrawn.');
    }
    if (input.withdrawnBy === 'representative' && input.representativeId) {
      await actingRepresentative(trx, context, personId, input.representativeId, now);
    }
    const consent = await sharingRepository.withdrawConsent(trx, context.orgId, consentId, {
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

function formatLondon(at: Date): string {
  return inLondon(at).toFormat('d MMMM yyyy, h:mma').replace('AM', 'am').replace('PM', 'pm');
}

/**
 * A record shares rest on has ended: every share still queued on it is held, and what was shared on
 * it through Liaison's links closes (see basis-endings.ts). The gate refuses from this instant.
 */
async function endSharingOn(
  trx: Transaction,
  context: RequestContext,
  ended: SharingBasisEnded,
  at: Date,
): Promise<string[]> {
  const held = await holdSharesRestingOn(trx, context, ended.recordId, ended.reason, at);
  await actOnSharingBasisEnded(trx, context, ended, at);
  return held;
}

export const NOTICE_LAPSED_SHARING_JOB = 'notice-lapsed-sharing';

const lapseWords: Record<BasisRecordType, string> = {
  consent_record: 'Consent lapsed after its review date',
  safeguarding_authorisation: 'Safeguarding authorisation expired',
  best_interests_decision: 'Best-interests decision lapsed after its review date',
};

/**
 * Acts on records that ended with time, with nobody recording anything: consents and
 * best-interests decisions past their review date, safeguarding authorisations past their expiry.
 * Each in its own transaction; bounded, the rest are taken on the next run.
 */
export async function noticeLapsedSharing(db: Db, clock: Clock, limit = 100): Promise<number> {
  const now = clock.now();
  const lapsed = await sharingRepository.findLapsedBases(db, { now, today: londonDate(now), limit });
  for (const record of lapsed) {
    const context = systemContext(record.org_id, NOTICE_LAPSED_SHARING_JOB);
    const reason = `${lapseWords[record.record_type]} (${inLondon(record.ended_at).toFormat('d MMMM yyyy')})`;
    await db
      .transaction()
      .execute((trx) =>
        endSharingOn(
          trx,
          context,
          { recordId: record.record_id, recordType: record.record_type, reason, endedAt: record.ended_at },
          now,
        ),
      );
  }
  return lapsed.length;
}

/** Holds one queued share that the gate refused at the moment it was to leave. */
export async function holdQueuedShare(
  trx: Transaction,
  context: RequestContext,
  shareId: string,
  reason: string,
  at: Date,
): Promise<boolean> {
  const held = await sharingRepository.holdQueuedShare(trx, context.orgId, shareId, { reason, at });
  if (held) {
    await recordAudit(trx, context, at, {
      action: 'share.hold',
      entityType: 'share',
      entityId: shareId,
      changedFields: ['status', 'held_reason', 'held_at'],
      details: { refusedAtDelivery: true },
    });
  }
  return held;
}

async function holdSharesRestingOn(
  trx: Transaction,
  context: RequestContext,
  recordId: string,
  reason: string,
  at: Date,
): Promise<string[]> {
  const held = await sharingRepository.holdQueuedShares(trx, context.orgId, recordId, { reason, at });
  for (const shareId of held) {
    await recordAudit(trx, context, at, {
      action: 'share.hold',
      entityType: 'share',
      entityId: shareId,
      changedFields: ['status', 'held_reason', 'held_at'],
      details: { basisRecordId: recordId },
    });
  }
  return held;
}

// ---- capacity ----

export async function recordCapacityAssessment(
  db: Db,
  context: RequestContext,
  personId: string,
  input: CreateCapacityAssessmentInput,
  clock: Clock,
) {
  const now = clock.now();
  refuseFutureDate('assessedOn', input.assessedOn, clock, 'The assessment date');
  if (input.reviewOn < input.assessedOn) {
    throw invalid('reviewOn', 'The review date must be on or after the assessment date.');
  }
  // The two-stage test: capacity is lacking only when an impairment leaves the person unable to
  // understand, retain, use or weigh the information, or communicate their decision.
  const unable = !(input.canUnderstand && input.canRetain && input.canUseOrWeigh && input.canCommunicate);
  const outcome = input.impairment && unable ? 'lacks_capacity' : 'has_capacity';
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId, 'update');
    let assessorUserId: string | null = null;
    let assessorName = input.assessorName ?? null;
    if (!assessorName) {
      assessorUserId = staffUserId(context, 'A capacity assessment without a named external assessor');
      const assessor = await usersRepository.findUserById(trx, context.orgId, assessorUserId);
      assessorName = assessor?.display_name ?? 'Unknown';
    }
    const assessment = await sharingRepository.insertCapacityAssessment(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: personId,
      decision: input.decision,
      purposes: input.purposes,
      categories: input.categories,
      impairment: input.impairment,
      impairment_note: input.impairmentNote ?? null,
      can_understand: input.canUnderstand,
      can_retain: input.canRetain,
      can_use_or_weigh: input.canUseOrWeigh,
      can_communicate: input.canCommunicate,
      outcome,
      reasons: input.reasons,
      assessor_user_id: assessorUserId,
      assessor_name: assessorName,
      assessor_role: input.assessorRole ?? null,
      assessed_on: input.assessedOn,
      review_on: input.reviewOn,
      created_at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'capacity_assessment.record',
      entityType: 'capacity_assessment',
      entityId: assessment.id,
      changedFields: Object.keys(assessment),
      details: { personId, outcome },
    });
    return presentCapacityAssessment(assessment, now);
  });
}

// ---- best interests ----

export async function recordBestInterestsDecision(
  db: Db,
  context: RequestContext,
  personId: string,
  input: CreateBestInterestsInput,
  clock: Clock,
) {
  const now = clock.now();
  const decisionMaker = staffUserId(context, 'A best-interests decision');
  refuseFutureDate('decidedOn', input.decidedOn, clock, 'The decision date');
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId, 'update');
    const assessment = await sharingRepository.findCapacityAssessment(
      trx,
      context.orgId,
      personId,
      input.capacityAssessmentId,
    );
    if (!assessment)
      throw invalid('capacityAssessmentId', 'This person has no capacity assessment with this id.');
    if (assessment.outcome !== 'lacks_capacity') {
      throw invalid(
        'capacityAssessmentId',
        'This assessment found the person has capacity for the decision: they decide for themselves, so a best-interests decision cannot be made for them.',
      );
    }
    const purposeMissing = input.purposes.filter((purpose) => !assessment.purposes.includes(purpose));
    const categoryMissing = input.categories.filter((category) => !assessment.categories.includes(category));
    if (purposeMissing.length > 0 || categoryMissing.length > 0) {
      throw invalid(
        'capacityAssessmentId',
        `The capacity assessment does not cover ${[...purposeMissing, ...categoryMissing].join(', ').replaceAll('_', ' ')}. Capacity is decision-specific: assess it for this decision first.`,
      );
    }
    if (input.decidedOn < assessment.assessed_on) {
      throw invalid('decidedOn', 'The decision cannot be dated before the capacity assessment it relies on.');
    }
    await checkScope(trx, context, input);
    const decision = await sharingRepository.insertBestInterestsDecision(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: personId,
      capacity_assessment_id: assessment.id,
      decision: input.decision,
      ...scopeRow(input),
      purposes: input.purposes,
      categories: input.categories,
      consulted: input.consulted,
      wishes_and_feelings: input.wishesAndFeelings,
      outcome: input.outcome,
      rationale: input.rationale,
      decision_maker_user_id: decisionMaker,
      decided_on: input.decidedOn,
      review_on: input.reviewOn,
      created_at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'best_interests_decision.record',
      entityType: 'best_interests_decision',
      entityId: decision.id,
      changedFields: Object.keys(decision),
      details: { personId, outcome: decision.outcome },
    });
    const names = await namesFor(trx, context.orgId, [decision], [decisionMaker]);
    return presentBestInterests(decision, names, now);
  });
}

// ---- safeguarding ----

/** A manager's written authorisation to share for safeguarding without consent, limited to what it names. */
export async function authoriseSafeguardingShare(
  db: Db,
  context: RequestContext,
  personId: string,
  input: CreateSafeguardingAuthorisationInput,
  clock: Clock,
) {
  const now = clock.now();
  const authorisedBy = staffUserId(context, 'A safeguarding authorisation');
  const expiresAt = input.expiresAt
    ? new Date(input.expiresAt)
    : new Date(now.getTime() + SAFEGUARDING_DEFAULT_DAYS * DAY_MS);
  if (expiresAt <= now) throw invalid('expiresAt', 'The authorisation must end in the future.');
  // Up to the end of the London day 30 days from now, so "ends on" a date 30 days ahead is allowed.
  const latest = inLondon(now).plus({ days: SAFEGUARDING_MAX_DAYS }).endOf('day').toJSDate();
  if (expiresAt > latest) {
    throw invalid(
      'expiresAt',
      `A safeguarding authorisation can last at most ${SAFEGUARDING_MAX_DAYS} days; authorise again if sharing must continue.`,
    );
  }
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId, 'update');
    await checkScope(trx, context, input);
    const authorisation = await sharingRepository.insertSafeguardingAuthorisation(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: personId,
      ...scopeRow(input),
      categories: input.categories,
      rationale: input.rationale,
      authorised_by: authorisedBy,
      authorised_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      revoked_by: null,
      revoked_reason: null,
    });
    await recordAudit(trx, context, now, {
      action: 'safeguarding_authorisation.grant',
      entityType: 'safeguarding_authorisation',
      entityId: authorisation.id,
      changedFields: Object.keys(authorisation),
      details: { personId, categories: authorisation.categories },
    });
    const names = await namesFor(trx, context.orgId, [authorisation], [authorisedBy]);
    return presentSafeguarding(authorisation, names, now);
  });
}

export async function revokeSafeguardingAuthorisation(
  db: Db,
  context: RequestContext,
  personId: string,
  authorisationId: string,
  reason: string,
  clock: Clock,
) {
  const now = clock.now();
  const revokedBy = staffUserId(context, 'Revoking a safeguarding authorisation');
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId, 'update');
    const existing = await sharingRepository.findSafeguardingAuthorisation(
      trx,
      context.orgId,
      personId,
      authorisationId,
    );
    if (!existing) throw notFound('The safeguarding authorisation');
    const revoked = await sharingRepository.revokeSafeguardingAuthorisation(
      trx,
      context.orgId,
      authorisationId,
      {
        revoked_at: now,
        revoked_by: revokedBy,
        revoked_reason: reason,
      },
    );
    if (!revoked) throw new AppError('conflict', 'This authorisation has already been revoked.');
    await recordAudit(trx, context, now, {
      action: 'safeguarding_authorisation.revoke',
      entityType: 'safeguarding_authorisation',
      entityId: authorisationId,
      changedFields: ['revoked_at', 'revoked_by', 'revoked_reason'],
      details: { personId },
    });
    await endSharingOn(
      trx,
      context,
      {
        recordId: authorisationId,
        recordType: 'safeguarding_authorisation',
        reason: `Safeguarding authorisation revoked on ${formatLondon(now)}`,
        endedAt: now,
      },
      now,
    );
    const names = await namesFor(trx, context.orgId, [revoked], [revoked.authorised_by, revokedBy]);
    return presentSafeguarding(revoked, names, now);
  });
}

// ---- the gate ----

type RecipientInput = { partnerOrganisationId?: string | undefined; partnerContactId?: string | undefined };
type ResolvedRecipient = Recipient & { organisationName: string; contactName: string | null };

async function resolveRecipient(
  executor: Executor,
  context: RequestContext,
  input: RecipientInput,
  options: { requireCurrentContact: boolean } = { requireCurrentContact: true },
): Promise<ResolvedRecipient> {
  let organisationId = input.partnerOrganisationId;
  let contact: partnersRepository.PartnerContactWithOrganisation | undefined;
  if (input.partnerContactId) {
    contact = await partnersRepository.findPartnerContact(executor, context.orgId, input.partnerContactId);
    if (!contact)
      throw invalid('partnerContactId', 'There is no partner contact with this id in your register.');
    // Choosing a recipient must name a current contact; a later moment (a link opened, an email
    // handed over) asks about the contact the information already went to, and the gate decides.
    if (options.requireCurrentContact && contact.ended_at !== null) {
      throw invalid(
        'partnerContactId',
        `${contact.name} has left ${contact.partner_organisation_name}: choose a current contact.`,
      );
    }
    if (organisationId && organisationId !== contact.partner_organisation_id) {
      throw invalid('partnerOrganisationId', `${contact.name} works for a different organisation.`);
    }
    organisationId = contact.partner_organisation_id;
  }
  const organisation = organisationId
    ? await partnersRepository.findPartnerOrganisation(executor, context.orgId, organisationId)
    : undefined;
  if (!organisation) {
    throw invalid('partnerOrganisationId', 'There is no partner organisation with this id in your register.');
  }
  return {
    partnerOrganisationId: organisation.id,
    partnerContactId: contact?.id ?? null,
    organisationType: organisation.type,
    contactType: contact?.type ?? null,
    organisationName: organisation.name,
    contactName: contact?.name ?? null,
  };
}

async function lawfulBasisFor(
  executor: Executor,
  orgId: string,
  purpose: SharingPurpose,
): Promise<LawfulBasis> {
  const configured = (await sharingRepository.listLawfulBasisDefaults(executor, orgId)).find(
    (row) => row.purpose === purpose,
  );
  return configured
    ? { article6: configured.article6, article9: configured.article9, dpa2018: configured.dpa2018 }
    : defaultLawfulBases[purpose];
}

function presentDecision(
  decision: GateDecision,
  recipient: ResolvedRecipient,
  lawfulBasis: LawfulBasis | null,
  agreement: { id: string; title: string; reference: string | null } | null,
) {
  return {
    allowed: decision.allowed,
    basis: decision.allowed ? decision.basis : null,
    record: decision.allowed ? decision.record : null,
    explanation: decision.explanation,
    reasons: decision.reasons,
    lawfulBasis,
    recipient: {
      partnerOrganisationId: recipient.partnerOrganisationId,
      partnerOrganisationName: recipient.organisationName,
      partnerContactId: recipient.partnerContactId,
      partnerContactName: recipient.contactName,
    },
    agreement,
  };
}

/** Locks the person, resolves the recipient and asks the gate; the lawful basis when it allows. */
async function decideFor(
  trx: Transaction,
  context: RequestContext,
  personId: string,
  request: RecipientInput & { purpose: SharingPurpose; categories: readonly InformationCategory[] },
  at: Date,
  options: { requireCurrentContact: boolean } = { requireCurrentContact: true },
) {
  await requirePerson(trx, context, personId, 'share');
  const recipient = await resolveRecipient(trx, context, request, options);
  const records = await sharingRepository.loadSharingRecords(trx, context.orgId, personId);
  const decision = decideShare(records, {
    recipient,
    purpose: request.purpose,
    categories: request.categories,
    at,
  });
  const lawfulBasis = decision.allowed ? await lawfulBasisFor(trx, context.orgId, request.purpose) : null;
  return { recipient, decision, lawfulBasis };
}

/** "Can I share this?": the gate's answer without sharing anything. The question is audited. */
export async function checkShare(
  db: Db,
  context: RequestContext,
  personId: string,
  input: ShareQuestionInput,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const { recipient, decision, lawfulBasis } = await decideFor(trx, context, personId, input, at);
    const agreement =
      (await sharingRepository.findCoveringAgreement(trx, context.orgId, {
        partnerOrganisationId: recipient.partnerOrganisationId,
        purpose: input.purpose,
        categories: input.categories,
        onDate: londonDate(at),
      })) ?? null;
    await recordAudit(trx, context, at, {
      action: 'share.check',
      entityType: 'person',
      entityId: personId,
      outcome: decision.allowed ? 'success' : 'denied',
      details: {
        partnerOrganisationId: recipient.partnerOrganisationId,
        partnerContactId: recipient.partnerContactId,
        purpose: input.purpose,
        categories: input.categories,
        basis: decision.allowed ? decision.basis : null,
        reasons: decision.reasons.map((reason) => reason.code),
      },
    });
    return presentDecision(decision, recipient, lawfulBasis, agreement);
  });
}

export type ShareRequest = RecipientInput & {
  purpose: SharingPurpose;
  categories: readonly InformationCategory[];
  delivery: ShareDelivery;
  /** The moment the gate is asked at (see disclosure.ts). */
  moment: DisclosureMoment;
  description: string | null;
  /** What carries the information, e.g. a message. */
  subject?: { type: string; id: string } | undefined;
};

export type GatedShare = { decision: GateDecision; share: ShareLogRow; recipient: ResolvedRecipient };

/**
 * The only way information about a person leaves Liaison: decides the share, writes the share log
 * entry (allowed or refused) and its audit entry, and queues it for sending when asked. Runs in the
 * caller's transaction; a refused share is logged, so the caller must commit before it reports the
 * refusal (see `shareRefused`).
 */
export async function gateShare(
  trx: Transaction,
  context: RequestContext,
  personId: string,
  request: ShareRequest,
  at: Date,
): Promise<GatedShare> {
  const { recipient, decision, lawfulBasis } = await decideFor(trx, context, personId, request, at, {
    requireCurrentContact: request.moment === 'compose' || request.moment === 'recorded',
  });
  const share = await sharingRepository.insertShare(trx, {
    org_id: context.orgId,
    id: randomUUID(),
    person_id: personId,
    partner_organisation_id: recipient.partnerOrganisationId,
    partner_contact_id: recipient.partnerContactId,
    purpose: request.purpose,
    categories: [...request.categories],
    outcome: decision.allowed ? 'allowed' : 'refused',
    basis: decision.allowed ? decision.basis : null,
    basis_record_type: decision.allowed ? decision.record.type : null,
    basis_record_id: decision.allowed ? decision.record.id : null,
    reasons: JSON.stringify(decision.reasons),
    article6: lawfulBasis?.article6 ?? null,
    article9: lawfulBasis?.article9 ?? null,
    dpa2018: lawfulBasis?.dpa2018 ?? null,
    delivery: request.delivery,
    moment: request.moment,
    description: request.description,
    subject_type: request.subject?.type ?? null,
    subject_id: request.subject?.id ?? null,
    actor_type: context.actor.type,
    actor_id: context.actor.id,
    occurred_at: at,
  });
  if (decision.allowed && request.delivery === 'queued') {
    await sharingRepository.insertQueuedShare(trx, {
      org_id: context.orgId,
      share_id: share.id,
      person_id: personId,
      basis_record_id: decision.record.id,
      created_at: at,
    });
  }
  await recordAudit(trx, context, at, {
    action: decision.allowed ? 'share.allowed' : 'share.refused',
    entityType: 'share',
    entityId: share.id,
    outcome: decision.allowed ? 'success' : 'denied',
    changedFields: Object.keys(share),
    details: {
      personId,
      partnerOrganisationId: recipient.partnerOrganisationId,
      purpose: request.purpose,
      categories: [...request.categories],
      basis: share.basis,
      basisRecordId: share.basis_record_id,
      moment: request.moment,
      reasons: decision.reasons.map((reason) => reason.code),
    },
  });
  return { decision, share, recipient };
}

/**
 * The gate's answer for a recipient now, without sharing or logging anything: for deciding what to
 * offer staff (a call to make, who else could be reached), never for disclosing.
 */
export async function decideQuietly(
  executor: Executor,
  orgId: string,
  personId: string,
  question: {
    partnerOrganisationId: string;
    partnerContactId: string | null;
    purpose: SharingPurpose;
    categories: readonly InformationCategory[];
    at: Date;
  },
): Promise<GateDecision> {
  const organisation = await partnersRepository.findPartnerOrganisation(
    executor,
    orgId,
    question.partnerOrganisationId,
  );
  const contact = question.partnerContactId
    ? await partnersRepository.findPartnerContact(executor, orgId, question.partnerContactId)
    : undefined;
  if (!organisation) {
    return { allowed: false, reasons: [], explanation: 'The partner organisation is not in the register.' };
  }
  const records = await sharingRepository.loadSharingRecords(executor, orgId, personId);
  return decideShare(records, {
    recipient: {
      partnerOrganisationId: organisation.id,
      partnerContactId: contact?.id ?? null,
      organisationType: organisation.type,
      contactType: contact?.type ?? null,
    },
    purpose: question.purpose,
    categories: question.categories,
    at: question.at,
  });
}

/**
 * Who at a partner organisation the gate would allow this share to now, by name: offered to staff
 * when the person an escalation step would have reached is not covered. Nothing is shared.
 */
export async function contactsCoveredBy(
  executor: Executor,
  orgId: string,
  personId: string,
  question: {
    partnerOrganisationId: string;
    purpose: SharingPurpose;
    categories: readonly InformationCategory[];
    at: Date;
  },
): Promise<string[]> {
  const organisation = await partnersRepository.findPartnerOrganisation(
    executor,
    orgId,
    question.partnerOrganisationId,
  );
  if (!organisation) return [];
  const records = await sharingRepository.loadSharingRecords(executor, orgId, personId);
  const contacts = await partnersRepository.listPartnerContacts(executor, orgId, {
    partnerOrganisationId: organisation.id,
    limit: 100,
    offset: 0,
  });
  return contacts
    .filter(
      (contact) =>
        decideShare(records, {
          recipient: {
            partnerOrganisationId: organisation.id,
            partnerContactId: contact.id,
            organisationType: organisation.type,
            contactType: contact.type,
          },
          purpose: question.purpose,
          categories: question.categories,
          at: question.at,
        }).allowed,
    )
    .map((contact) => contact.name);
}

/** The 403 for a refused share, carrying every reason. */
export function shareRefused(reasons: readonly RefusalReason[], shareId: string): AppError {
  return new AppError(
    'forbidden',
    `This information cannot be shared. ${reasons.map((reason) => reason.message).join(' ')}`,
    { extensions: { reasons, shareId } },
  );
}

/** Records a share made outside Liaison (a phone call, a meeting) once the gate allows it. */
export async function recordShare(
  db: Db,
  context: RequestContext,
  personId: string,
  input: RecordShareInput,
  clock: Clock,
) {
  const at = clock.now();
  const gated = await db.transaction().execute((trx) =>
    gateShare(
      trx,
      context,
      personId,
      {
        partnerOrganisationId: input.partnerOrganisationId,
        partnerContactId: input.partnerContactId,
        purpose: input.purpose,
        categories: input.categories,
        delivery: 'recorded',
        moment: 'recorded',
        description: input.description,
      },
      at,
    ),
  );
  // The refusal is committed to the share log before it is reported.
  if (!gated.decision.allowed) throw shareRefused(gated.decision.reasons, gated.share.id);
  return toShareLogEntry(
    {
      ...gated.share,
      partner_organisation_name: gated.recipient.organisationName,
      partner_contact_name: gated.recipient.contactName,
      queue_status: null,
    },
    await sharingRepository.userNames(db, context.orgId, [gated.share.actor_id]),
  );
}

export function toShareLogEntry(share: sharingRepository.ShareLogEntry, users: Map<string, string>) {
  return {
    id: share.id,
    partnerOrganisationId: share.partner_organisation_id,
    partnerOrganisationName: share.partner_organisation_name,
    partnerContactId: share.partner_contact_id,
    partnerContactName: share.partner_contact_name,
    purpose: share.purpose,
    categories: share.categories,
    outcome: share.outcome,
    basis: share.basis,
    basisRecordType: share.basis_record_type,
    basisRecordId: share.basis_record_id,
    reasons: share.reasons as RefusalReason[],
    lawfulBasis:
      share.article6 && share.article9
        ? { article6: share.article6, article9: share.article9, dpa2018: share.dpa2018 }
        : null,
    delivery: share.delivery,
    description: share.description,
    sharedBy:
      share.actor_type === 'user'
        ? (users.get(share.actor_id) ?? 'Former member of staff')
        : share.actor_type === 'api_token'
          ? 'A connected system'
          : 'Liaison',
    occurredAt: share.occurred_at.toISOString(),
    queueStatus: share.queue_status,
  };
}

/** The person's share log, newest first; reading it is audited. */
export async function viewShareLog(
  db: Db,
  context: RequestContext,
  personId: string,
  options: Page & { outcome?: 'allowed' | 'refused' | undefined },
  clock: Clock,
) {
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId, 'share');
    const shares = await sharingRepository.listShares(trx, context.orgId, personId, options);
    const users = await sharingRepository.userNames(
      trx,
      context.orgId,
      shares.filter((share) => share.actor_type === 'user').map((share) => share.actor_id),
    );
    await recordAudit(trx, context, clock.now(), {
      action: 'share_log.view',
      entityType: 'person',
      entityId: personId,
      details: { results: shares.length },
    });
    return shares.map((share) => toShareLogEntry(share, users));
  });
}

/**
 * Marks a queued share as sent. Refused unless it is still queued (not held or cancelled) and the
 * gate still allows it now, on the same record.
 */
export async function markQueuedShareSent(
  trx: Transaction,
  context: RequestContext,
  shareId: string,
  at: Date,
) {
  const queued = await sharingRepository.findQueuedShare(trx, context.orgId, shareId);
  if (!queued) throw notFound('The queued share');
  if (queued.status !== 'queued') {
    throw new AppError('conflict', `This share is ${queued.status}, so it cannot be sent.`);
  }
  await sharingRepository.setQueuedShareStatus(trx, context.orgId, shareId, { status: 'sent', at });
  await recordAudit(trx, context, at, {
    action: 'share.send',
    entityType: 'share',
    entityId: shareId,
    changedFields: ['status', 'sent_at'],
  });
}

// ---- held shares ----

export async function listHeldShares(
  db: Db,
  context: RequestContext,
  options: Page & { personId?: string | undefined },
) {
  const rows = await sharingRepository.listHeldShares(db, context.orgId, options);
  return rows.map((row) => ({
    shareId: row.share_id,
    personId: row.person_id,
    personName: `${row.given_name} ${row.family_name}`,
    partnerOrganisationName: row.partner_organisation_name,
    partnerContactName: row.partner_contact_name,
    purpose: row.purpose,
    categories: row.categories,
    heldReason: row.held_reason,
    heldAt: row.held_at?.toISOString() ?? null,
    status: row.status,
  }));
}

/** A manager decides a held share will not be sent. */
export async function cancelHeldShare(
  db: Db,
  context: RequestContext,
  shareId: string,
  note: string,
  clock: Clock,
) {
  const now = clock.now();
  const manager = staffUserId(context, 'Cancelling a held share');
  await db.transaction().execute(async (trx) => {
    const queued = await sharingRepository.findQueuedShare(trx, context.orgId, shareId);
    if (!queued) throw notFound('The held share');
    if (queued.status !== 'held') throw new AppError('conflict', `This share is ${queued.status}, not held.`);
    await sharingRepository.setQueuedShareStatus(trx, context.orgId, shareId, {
      status: 'cancelled',
      at: now,
      resolvedBy: manager,
      note,
    });
    await recordAudit(trx, context, now, {
      action: 'share.cancel',
      entityType: 'share',
      entityId: shareId,
      changedFields: ['status', 'resolved_at', 'resolved_by', 'resolution_note'],
    });
  });
}

// ---- agreements ----

function agreementInForce(agreement: { starts_on: string; ends_on: string | null }, onDate: string): boolean {
  return agreement.starts_on <= onDate && (agreement.ends_on === null || agreement.ends_on >= onDate);
}

export function toAgreementResponse(agreement: sharingRepository.AgreementWithPartner, now: Date) {
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
    inForce: agreementInForce(agreement, londonDate(now)),
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
  return sharingRepository.listAgreements(db, context.orgId, options);
}

export async function getAgreement(executor: Executor, context: RequestContext, id: string) {
  const agreement = await sharingRepository.findAgreement(executor, context.orgId, id);
  if (!agreement) throw notFound('The information sharing agreement');
  return agreement;
}

export async function createAgreement(
  db: Db,
  context: RequestContext,
  input: CreateAgreementInput,
  clock: Clock,
) {
  const now = clock.now();
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const partner = await partnersRepository.findPartnerOrganisation(
      trx,
      context.orgId,
      input.partnerOrganisationId,
    );
    if (!partner)
      throw invalid(
        'partnerOrganisationId',
        'There is no partner organisation with this id in your register.',
      );
    await sharingRepository.insertAgreement(trx, {
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
  id: string,
  expectedVersion: number,
  input: UpdateAgreementInput,
  clock: Clock,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await getAgreement(trx, context, id);
    checkVersion(expectedVersion, existing.version, 'The agreement');
    const changes: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(agreementColumns)) {
      const value = input[field as keyof typeof agreementColumns];
      if (value !== undefined) changes[column] = value;
    }
    const startsOn = (changes.starts_on as string | undefined) ?? existing.starts_on;
    const endsOn = 'ends_on' in changes ? (changes.ends_on as string | null) : existing.ends_on;
    if (endsOn !== null && endsOn < startsOn)
      throw invalid('endsOn', 'The end date must be on or after the start date.');
    const updated = await sharingRepository.updateAgreement(trx, context.orgId, id, expectedVersion, {
      ...changes,
      updated_at: now,
    });
    if (!updated) throw changedElsewhere('The agreement');
    await recordAudit(trx, context, now, {
      action: 'sharing_agreement.update',
      entityType: 'sharing_agreement',
      entityId: id,
      changedFields: Object.keys(changes),
    });
    return getAgreement(trx, context, id);
  });
}

// ---- lawful basis defaults ----

export async function listLawfulBases(db: Db, context: RequestContext) {
  const configured = await sharingRepository.listLawfulBasisDefaults(db, context.orgId);
  return sharingPurposes.map((purpose) => {
    const row = configured.find((each) => each.purpose === purpose);
    const basis = row ?? defaultLawfulBases[purpose];
    return {
      purpose,
      article6: basis.article6,
      article9: basis.article9,
      dpa2018: basis.dpa2018,
      updatedAt: row?.updated_at.toISOString() ?? null,
    };
  });
}

export async function setLawfulBasis(
  db: Db,
  context: RequestContext,
  purpose: SharingPurpose,
  input: SetLawfulBasisInput,
  clock: Clock,
) {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await sharingRepository.upsertLawfulBasisDefault(trx, {
      org_id: context.orgId,
      purpose,
      article6: input.article6,
      article9: input.article9,
      dpa2018: input.dpa2018 ?? null,
      updated_at: now,
      updated_by: userIdOrNull(context),
    });
    await recordAudit(trx, context, now, {
      action: 'lawful_basis.set',
      entityType: 'lawful_basis_default',
      entityId: null,
      changedFields: ['article6', 'article9', 'dpa2018'],
      details: { purpose },
    });
  });
  return (await listLawfulBases(db, context)).find((each) => each.purpose === purpose);
}

export async function presentConsentWithNames(
  executor: Executor,
  context: RequestContext,
  consent: ConsentRecordRow,
  now: Date,
) {
  const names = await namesFor(
    executor,
    context.orgId,
    [consent],
    [consent.recorded_by, consent.withdrawal_recorded_by],
    await sharingRepository.findRepresentativesOf(executor, context.orgId, consent.person_id),
  );
  return presentConsent(consent, names, now);
}
