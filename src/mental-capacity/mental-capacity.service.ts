import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { invalid } from '../errors.ts';
import {
  checkScope,
  type Names,
  namesFor,
  presentScope,
  refuseFutureDate,
  requirePerson,
  reviewedStatus,
  scopeRow,
  staffUserId,
  userName,
} from '../sharing/basis-records.ts';
import * as mentalCapacityRepository from './mental-capacity.repository.ts';
import type { CreateBestInterestsInput, CreateCapacityAssessmentInput } from './mental-capacity.schemas.ts';
import type { BestInterestsDecisionRow, CapacityAssessmentRow } from './mental-capacity.table.ts';

export function presentCapacityAssessment(assessment: CapacityAssessmentRow, now: Date) {
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

export function presentBestInterests(decision: BestInterestsDecisionRow, names: Names, now: Date) {
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

/** Records a decision-specific capacity assessment; its outcome follows from the two-stage test. */
export async function recordCapacityAssessment(
  db: Db,
  context: RequestContext,
  { personId, input, clock }: { personId: string; input: CreateCapacityAssessmentInput; clock: Clock },
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
    await requirePerson(trx, context, { personId, mode: 'update' });
    let assessorUserId: string | null = null;
    let assessorName = input.assessorName ?? null;
    if (!assessorName) {
      assessorUserId = staffUserId(context, 'A capacity assessment without a named external assessor');
      const names = await namesFor(trx, context, { scopes: [], userIds: [assessorUserId] });
      assessorName = names.users.get(assessorUserId) ?? 'Unknown';
    }
    const assessment = await mentalCapacityRepository.insertCapacityAssessment(trx, {
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

/** A best-interests decision about sharing, for a person an assessment found lacks capacity for it. */
export async function recordBestInterestsDecision(
  db: Db,
  context: RequestContext,
  { personId, input, clock }: { personId: string; input: CreateBestInterestsInput; clock: Clock },
) {
  const now = clock.now();
  const decisionMaker = staffUserId(context, 'A best-interests decision');
  refuseFutureDate('decidedOn', input.decidedOn, clock, 'The decision date');
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, { personId, mode: 'update' });
    const assessment = await mentalCapacityRepository.findCapacityAssessment(
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
    const decision = await mentalCapacityRepository.insertBestInterestsDecision(trx, {
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
    const names = await namesFor(trx, context, { scopes: [decision], userIds: [decisionMaker] });
    return presentBestInterests(decision, names, now);
  });
}

/**
 * Capacity assessments and best-interests decisions coming due for review, or past it, and not
 * renewed: how many of each, and the first `limit` of each, the earliest review first. Reads
 * only: the caller audits the view.
 */
export async function capacityRecordsDueForReview(
  executor: Executor,
  context: RequestContext,
  options: { reviewBy: string; limit: number; bestInterests: boolean },
) {
  const { orgId } = context;
  return {
    assessments: {
      count: await mentalCapacityRepository.countAssessmentsDueForReview(executor, orgId, options),
      records: await mentalCapacityRepository.listAssessmentsDueForReview(executor, orgId, options),
    },
    bestInterestsDecisions: options.bestInterests
      ? {
          count: await mentalCapacityRepository.countDecisionsDueForReview(executor, orgId, options),
          records: await mentalCapacityRepository.listDecisionsDueForReview(executor, orgId, options),
        }
      : { count: 0, records: [] },
  };
}

// ---- for other records ----

/** The person's latest capacity assessments, newest first (not audited: the caller's view is). */
export function latestCapacityAssessmentsOf(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: { personId: string; limit: number },
) {
  return mentalCapacityRepository.listLatestCapacityAssessments(
    executor,
    context.orgId,
    options.personId,
    options.limit,
  );
}

/** The best-interests decision about the person with this id, or undefined. */
export function findBestInterestsDecision(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: { personId: string; id: string },
) {
  return mentalCapacityRepository.findBestInterestsDecision(
    executor,
    context.orgId,
    options.personId,
    options.id,
  );
}
