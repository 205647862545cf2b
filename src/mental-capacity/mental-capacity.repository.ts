import type { Executor } from '../db/database.ts';
import type {
  BestInterestsDecisionRow,
  CapacityAssessmentRow,
  NewBestInterestsDecisionRow,
  NewCapacityAssessmentRow,
} from './mental-capacity.table.ts';

export async function insertCapacityAssessment(
  executor: Executor,
  row: NewCapacityAssessmentRow,
): Promise<CapacityAssessmentRow> {
  return executor.insertInto('capacity_assessments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCapacityAssessment(
  executor: Executor,
  orgId: string,
  personId: string,
  id: string,
) {
  return executor
    .selectFrom('capacity_assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertBestInterestsDecision(
  executor: Executor,
  row: NewBestInterestsDecisionRow,
): Promise<BestInterestsDecisionRow> {
  return executor.insertInto('best_interests_decisions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findBestInterestsDecision(
  executor: Executor,
  orgId: string,
  personId: string,
  id: string,
) {
  return executor
    .selectFrom('best_interests_decisions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The person's latest capacity assessments, newest first. */
export async function listLatestCapacityAssessments(
  executor: Executor,
  orgId: string,
  personId: string,
  limit: number,
) {
  return executor
    .selectFrom('capacity_assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .orderBy('assessed_on', 'desc')
    .limit(limit)
    .execute();
}
