import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordAudit } from '../audit/audit.service.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { findConsentOf } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { findBestInterestsDecision } from '../mental-capacity/mental-capacity.service.ts';
import { getPerson } from '../people/people.service.ts';
import { DAY_MS } from './concern-entries.service.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import type {
  AddPlanInput,
  AddRestrictionInput,
  AddTriggerInput,
  ReviewRestrictionInput,
} from './safeguarding.schemas.ts';
import { appendConcernEntry, getConcern, lockOpenConcern } from './safeguarding.service.ts';
import { safeContactMeasureLabels } from './safeguarding.vocabulary.ts';
import { resolveConcernAttention } from './safeguarding-alerts.ts';

export type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

/** The subject type concerns go by in the shared mechanisms (shares, attention, the chronology). */
export const CONCERN_SUBJECT = 'concern';
// ---- plans, triggers, restrictions ----

/** "21 December 2026": the chronology is read by people, and sent to other agencies. */
function dateInWords(isoDate: string): string {
  return DateTime.fromISO(isoDate).toFormat('d MMMM yyyy');
}

function checkReviewDate(field: string, reviewOn: string, from: string, allowedDays: number): void {
  const days = (Date.parse(reviewOn) - Date.parse(from)) / DAY_MS;
  if (days < 0) throw new AppError('validation', 'The review date cannot be before the start.', { field });
  if (days > allowedDays) {
    throw new AppError(
      'validation',
      `Review within ${allowedDays} days: a restriction is reviewed at least monthly.`,
      {
        field,
      },
    );
  }
}

export async function addPlan(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: AddPlanInput,
  clock: Clock,
) {
  const at = clock.now();
  if (input.reviewOn < londonDateOf(at)) {
    throw new AppError('validation', 'The review date cannot be in the past.', { field: 'reviewOn' });
  }
  return db.transaction().execute(async (trx) => {
    const concern = await lockOpenConcern(trx, context, concernId);
    const plan = {
      org_id: context.orgId,
      id: randomUUID(),
      concern_id: concernId,
      measures: input.measures,
      arrangements: input.arrangements,
      review_on: input.reviewOn,
      created_by: context.actor.id,
      created_at: at,
      ended_at: null,
      ended_reason: null,
    };
    await safeguardingRepository.insertPlan(trx, plan);
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'plan',
        text: `Safe-contact plan: ${input.measures.map((measure) => safeContactMeasureLabels[measure]).join(', ')}. ${input.arrangements} Review on ${dateInWords(input.reviewOn)}.`,
        details: { planId: plan.id },
        action: 'concern.add_plan',
      },
      at,
    );
    return plan;
  });
}

export async function endPlan(
  db: Db,
  context: RequestContext,
  concernId: string,
  planId: string,
  reason: string,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const concern = await getConcern(trx, context, concernId);
    const plan = await safeguardingRepository.endOfConcern(
      trx,
      'safe_contact_plans',
      { orgId: context.orgId, concernId, id: planId },
      { ended_at: at, ended_reason: reason },
    );
    if (!plan) throw notFound('A current plan with this id on this concern');
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'plan',
        text: `Safe-contact plan ended: ${reason}`,
        details: { planId },
        action: 'concern.end_plan',
      },
      at,
    );
    return plan;
  });
}

export async function addTrigger(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: AddTriggerInput,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const concern = await lockOpenConcern(trx, context, concernId);
    const trigger = {
      org_id: context.orgId,
      id: randomUUID(),
      concern_id: concernId,
      kinds: [...new Set(input.kinds)],
      threshold: input.threshold,
      window_days: input.windowDays,
      description: input.description?.trim() || null,
      created_by: context.actor.id,
      created_at: at,
      ended_at: null,
      last_met_at: null,
    };
    await safeguardingRepository.insertTrigger(trx, trigger);
    await recordAudit(trx, context, at, {
      action: 'concern.add_trigger',
      entityType: 'concern',
      entityId: concern.id,
      details: { triggerId: trigger.id },
    });
    return { ...trigger, times_met: 0 };
  });
}

export async function endTrigger(
  db: Db,
  context: RequestContext,
  concernId: string,
  triggerId: string,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    await getConcern(trx, context, concernId);
    const trigger = await safeguardingRepository.endOfConcern(
      trx,
      'concern_triggers',
      { orgId: context.orgId, concernId, id: triggerId },
      { ended_at: at },
    );
    if (!trigger) throw notFound('A live trigger with this id on this concern');
    await recordAudit(trx, context, at, {
      action: 'concern.end_trigger',
      entityType: 'concern',
      entityId: concernId,
      details: { triggerId },
    });
    return trigger;
  });
}

async function checkLegalBasisRecord(
  trx: DbTransaction,
  context: RequestContext,
  input: AddRestrictionInput,
) {
  if (input.legalBasis === 'other') {
    if (!input.legalBasisNote?.trim()) {
      throw new AppError('validation', 'Describe the legal basis.', { field: 'legalBasisNote' });
    }
    return;
  }
  if (!input.legalBasisRecordId) {
    throw new AppError('validation', 'Choose the consent or best-interests decision it rests on.', {
      field: 'legalBasisRecordId',
    });
  }
  const record = { personId: input.personId, id: input.legalBasisRecordId };
  const basis =
    input.legalBasis === 'consent'
      ? await findConsentOf(trx, context, record)
      : await findBestInterestsDecision(trx, context, record);
  if (!basis) {
    throw new AppError('validation', 'That record is not about the person restricted.', {
      field: 'legalBasisRecordId',
    });
  }
}

/** Records an interim restriction: its legal basis, the less restrictive options, and a review within a month. */
export async function addRestriction(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: AddRestrictionInput,
  clock: Clock,
) {
  const at = clock.now();
  checkReviewDate('reviewOn', input.reviewOn, input.startsOn, 31);
  return db.transaction().execute(async (trx) => {
    const concern = await lockOpenConcern(trx, context, concernId);
    await getPerson(trx, context, input.personId);
    await checkLegalBasisRecord(trx, context, input);
    const restriction = await safeguardingRepository.insertRestriction(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      concern_id: concernId,
      person_id: input.personId,
      restriction: input.restriction,
      reason: input.reason,
      legal_basis: input.legalBasis,
      legal_basis_record_id: input.legalBasis === 'other' ? null : input.legalBasisRecordId!,
      legal_basis_note: input.legalBasisNote?.trim() || null,
      least_restrictive_considered: input.leastRestrictiveConsidered,
      starts_on: input.startsOn,
      review_on: input.reviewOn,
      flagged_review_on: null,
      ended_on: null,
      end_reason: null,
      created_by: context.actor.id,
      created_at: at,
      updated_at: at,
    });
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'restriction',
        text: `Interim restriction from ${dateInWords(input.startsOn)}: ${input.restriction}. Why: ${input.reason}. Review on ${dateInWords(input.reviewOn)}.`,
        details: { restrictionId: restriction.id },
        action: 'concern.add_restriction',
      },
      at,
    );
    return restriction;
  });
}

/** Locks the concern's restriction for a change; 404 if there is none, 409 (`ended`) once it ended. */
async function lockCurrentRestriction(
  trx: DbTransaction,
  context: RequestContext,
  key: { concernId: string; restrictionId: string; ended: string },
) {
  const restriction = await safeguardingRepository.lockRestriction(
    trx,
    context.orgId,
    key.concernId,
    key.restrictionId,
  );
  if (!restriction) throw notFound('The restriction');
  if (restriction.ended_on) throw new AppError('conflict', key.ended);
  return restriction;
}

/** The monthly review, recorded even when the restriction was not used; the only way to extend one. */
export async function reviewRestriction(
  db: Db,
  context: RequestContext,
  concernId: string,
  restrictionId: string,
  input: ReviewRestrictionInput,
  clock: Clock,
) {
  const at = clock.now();
  if (input.reviewedOn > londonDateOf(at)) {
    throw new AppError('validation', 'A review cannot be dated in the future.', { field: 'reviewedOn' });
  }
  if (input.nextReviewOn) checkReviewDate('nextReviewOn', input.nextReviewOn, input.reviewedOn, 31);
  return db.transaction().execute(async (trx) => {
    const concern = await getConcern(trx, context, concernId);
    await lockCurrentRestriction(trx, context, {
      concernId,
      restrictionId,
      ended: 'This restriction has ended.',
    });
    await safeguardingRepository.insertReview(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      restriction_id: restrictionId,
      reviewed_on: input.reviewedOn,
      used_since_last_review: input.usedSinceLastReview,
      findings: input.findings,
      outcome: input.outcome,
      next_review_on: input.nextReviewOn ?? null,
      reviewed_by: context.actor.id,
      recorded_at: at,
    });
    const updated = await safeguardingRepository.updateRestriction(
      trx,
      context.orgId,
      restrictionId,
      input.outcome === 'end'
        ? { ended_on: input.reviewedOn, end_reason: `Ended at review: ${input.findings}`, updated_at: at }
        : { review_on: input.nextReviewOn!, updated_at: at },
    );
    await resolveConcernAttention(trx, {
      orgId: context.orgId,
      concernId,
      kind: 'restriction_past_review',
      note: 'The restriction was reviewed.',
      at,
    });
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'restriction',
        text: `Restriction reviewed (${input.usedSinceLastReview ? 'used' : 'not used'} since the last review): ${input.findings}. ${input.outcome === 'end' ? 'Ended.' : `Continues; next review on ${dateInWords(input.nextReviewOn!)}.`}`,
        details: { restrictionId },
        action: 'concern.review_restriction',
      },
      at,
    );
    return updated;
  });
}

export async function endRestriction(
  db: Db,
  context: RequestContext,
  concernId: string,
  restrictionId: string,
  reason: string,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const concern = await getConcern(trx, context, concernId);
    await lockCurrentRestriction(trx, context, {
      concernId,
      restrictionId,
      ended: 'This restriction has already ended.',
    });
    const updated = await safeguardingRepository.updateRestriction(trx, context.orgId, restrictionId, {
      ended_on: londonDateOf(at),
      end_reason: reason,
      updated_at: at,
    });
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'restriction',
        text: `Restriction ended: ${reason}`,
        details: { restrictionId },
        action: 'concern.end_restriction',
      },
      at,
    );
    return updated;
  });
}

export async function listRestrictionRegister(
  db: Db,
  context: RequestContext,
  options: { view: 'current' | 'past_review' | 'all'; limit: number; offset: number },
  clock: Clock,
) {
  const now = clock.now();
  const restrictions = await safeguardingRepository.listRestrictions(db, context.orgId, {
    ...options,
    today: londonDateOf(now),
  });
  const reviews = await safeguardingRepository.listReviews(
    db,
    context.orgId,
    restrictions.map((each) => each.id),
  );
  await recordAudit(db, context, now, {
    action: 'restriction_register.view',
    entityType: 'concern',
    entityId: null,
    details: { view: options.view, count: restrictions.length },
  });
  return { restrictions, reviews, now };
}
