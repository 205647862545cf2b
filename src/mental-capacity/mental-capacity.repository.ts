import { sql } from 'kysely';
import { countRows } from '../db/count-rows.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { personNameSql } from '../people/person-name.ts';
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

// ---- reviews coming due ----

/**
 * Capacity assessments of people still supported whose review date is on or before `reviewBy`
 * (a London day), and not renewed: no later assessment of them, reviewed later, about at least
 * the same purposes and information.
 */
function assessmentsDueForReview(executor: Executor, orgId: string, reviewBy: string) {
  return executor
    .selectFrom('capacity_assessments as assessment')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'assessment.person_id'))
    .where('assessment.org_id', '=', orgId)
    .where('person.status', '=', 'active')
    .where('assessment.review_on', '<=', reviewBy)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('capacity_assessments as later')
            .select('later.id')
            .whereRef('later.org_id', '=', 'assessment.org_id')
            .whereRef('later.person_id', '=', 'assessment.person_id')
            .whereRef('later.review_on', '>', 'assessment.review_on')
            .where(
              sql<boolean>`later.purposes @> assessment.purposes and later.categories @> assessment.categories`,
            ),
        ),
      ),
    );
}

/** The same for best-interests decisions, whose renewal also names at least the same recipients. */
function decisionsDueForReview(executor: Executor, orgId: string, reviewBy: string) {
  return executor
    .selectFrom('best_interests_decisions as decision')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'decision.person_id'))
    .where('decision.org_id', '=', orgId)
    .where('person.status', '=', 'active')
    .where('decision.review_on', '<=', reviewBy)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('best_interests_decisions as later')
            .select('later.id')
            .whereRef('later.org_id', '=', 'decision.org_id')
            .whereRef('later.person_id', '=', 'decision.person_id')
            .whereRef('later.review_on', '>', 'decision.review_on')
            .where(
              sql<boolean>`later.purposes @> decision.purposes and later.categories @> decision.categories
                and later.partner_organisation_ids @> decision.partner_organisation_ids
                and later.partner_contact_ids @> decision.partner_contact_ids
                and later.partner_types @> decision.partner_types`,
            ),
        ),
      ),
    );
}

export async function listAssessmentsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string; limit: number },
) {
  return assessmentsDueForReview(executor, orgId, options.reviewBy)
    .select([
      'assessment.id',
      'assessment.person_id',
      'assessment.decision',
      'assessment.review_on',
      personNameSql.as('person_name'),
    ])
    .orderBy('assessment.review_on')
    .orderBy('assessment.id')
    .limit(options.limit)
    .execute();
}

export async function countAssessmentsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string },
): Promise<number> {
  return countRows(assessmentsDueForReview(executor, orgId, options.reviewBy));
}

export async function listDecisionsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string; limit: number },
) {
  return decisionsDueForReview(executor, orgId, options.reviewBy)
    .select([
      'decision.id',
      'decision.person_id',
      'decision.decision',
      'decision.review_on',
      personNameSql.as('person_name'),
    ])
    .orderBy('decision.review_on')
    .orderBy('decision.id')
    .limit(options.limit)
    .execute();
}

export async function countDecisionsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string },
): Promise<number> {
  return countRows(decisionsDueForReview(executor, orgId, options.reviewBy));
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
