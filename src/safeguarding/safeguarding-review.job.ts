import { recordAudit } from '../audit/audit.service.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import { systemContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { Job } from '../jobs/scheduler.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import { emailManagersAboutConcern, raiseConcernAttention } from './safeguarding-alerts.ts';

export const SAFEGUARDING_REVIEW_JOB = 'flag-safeguarding-reviews';
/** Rows taken per run; the rest are taken next run. */
const BATCH = 100;

/**
 * Flags what has gone past its date: an interim restriction the day after its review date
 * (London), and a section 42 referral whose decision is overdue. Each is raised once, with an
 * email to the managers, in the transaction that marks it flagged.
 */
export async function flagSafeguardingReviews(
  db: Db,
  settings: { clock: Clock; publicUrl: string },
): Promise<number> {
  const now = settings.clock.now();
  const today = londonDateOf(now);
  return db.transaction().execute(async (trx) => {
    let flagged = 0;
    for (const restriction of await safeguardingRepository.claimRestrictionsPastReview(trx, {
      today,
      limit: BATCH,
    })) {
      await safeguardingRepository.markRestrictionFlagged(
        trx,
        restriction.org_id,
        restriction.id,
        restriction.review_on,
      );
      const raised = await raiseConcernAttention(trx, {
        orgId: restriction.org_id,
        concernId: restriction.concern_id,
        kind: 'restriction_past_review',
        causeId: restriction.id,
        title: 'An interim restriction is past its review date',
        detail: `Review was due on ${restriction.review_on}.`,
        at: now,
      });
      if (raised) {
        await emailManagersAboutConcern(trx, {
          orgId: restriction.org_id,
          concernId: restriction.concern_id,
          publicUrl: settings.publicUrl,
          at: now,
        });
      }
      await recordAudit(trx, systemContext(restriction.org_id, SAFEGUARDING_REVIEW_JOB), now, {
        action: 'concern.restriction_past_review',
        entityType: 'concern',
        entityId: restriction.concern_id,
        details: { restrictionId: restriction.id, reviewOn: restriction.review_on },
      });
      flagged += 1;
    }
    for (const concern of await safeguardingRepository.claimOverdueDecisions(trx, { now, limit: BATCH })) {
      await safeguardingRepository.updateConcern(
        trx,
        concern.org_id,
        concern.id,
        { decision_overdue_flagged_at: now },
        null,
      );
      const raised = await raiseConcernAttention(trx, {
        orgId: concern.org_id,
        concernId: concern.id,
        kind: 'decision_overdue',
        causeId: concern.id,
        title: 'The local authority’s decision on a referral is overdue',
        detail: `It was due by ${concern.decision_due_at?.toISOString()}.`,
        at: now,
      });
      if (raised) {
        await emailManagersAboutConcern(trx, {
          orgId: concern.org_id,
          concernId: concern.id,
          publicUrl: settings.publicUrl,
          at: now,
        });
      }
      await recordAudit(trx, systemContext(concern.org_id, SAFEGUARDING_REVIEW_JOB), now, {
        action: 'concern.decision_overdue',
        entityType: 'concern',
        entityId: concern.id,
      });
      flagged += 1;
    }
    return flagged;
  });
}

export function safeguardingReviewJob(dependencies: { db: Db; clock: Clock; publicUrl: string }): Job {
  return {
    name: SAFEGUARDING_REVIEW_JOB,
    intervalMs: 15 * 60_000,
    run: () => flagSafeguardingReviews(dependencies.db, dependencies),
  };
}
