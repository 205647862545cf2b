import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { EscalationStepRow, NewEscalationStepRow } from './escalation-steps.table.ts';

// Written into the statement, not passed as a parameter: the partial indexes on pending steps are
// only usable, and only found as the ON CONFLICT target, when the planner can see the value.
const pending = sql.lit('pending' as const);

export type EscalationSubject = { orgId: string; type: string; id: string };

/**
 * Adds steps to the schedule. A step already pending for the same subject and position is left
 * as it is, so scheduling the same plan twice (a retried request) adds nothing.
 */
export async function insertSteps(executor: Executor, rows: NewEscalationStepRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await executor
    .insertInto('escalation_steps')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['org_id', 'subject_type', 'subject_id', 'step_index'])
        .where('status', '=', pending)
        .doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * Claims up to `limit` pending steps due by `now`, earliest first, and marks them fired, in one
 * statement. The claim locks each row (FOR UPDATE) and passes over rows another transaction has
 * locked (SKIP LOCKED), so concurrent sweeps, in this process or another, take disjoint steps
 * and never wait on each other; a row fired and committed meanwhile is re-read by the lock and no
 * longer pending. The mark commits or rolls back with the caller's transaction, and with it
 * whatever was written for the step. The scan reads the partial index of pending steps from the
 * earliest due time and stops after `limit` due rows: steps not yet due are never visited.
 * MATERIALIZED keeps the limited, locking select evaluated exactly once.
 */
export async function claimDueSteps(
  executor: Executor,
  now: Date,
  limit: number,
  only?: { orgId: string; id: string },
): Promise<EscalationStepRow[]> {
  return executor
    .with(
      (cte) => cte('claimed').materialized(),
      (db) => {
        let query = db
          .selectFrom('escalation_steps')
          .select(['org_id', 'id'])
          .where('status', '=', pending)
          .where('due_at', '<=', now);
        if (only) query = query.where('org_id', '=', only.orgId).where('id', '=', only.id);
        return query.orderBy('due_at').limit(limit).forUpdate().skipLocked();
      },
    )
    .updateTable('escalation_steps as step')
    .from('claimed')
    .set((eb) => ({ status: 'fired', fired_at: now, attempts: eb('step.attempts', '+', 1) }))
    .whereRef('step.org_id', '=', 'claimed.org_id')
    .whereRef('step.id', '=', 'claimed.id')
    .where('step.status', '=', 'pending')
    .returningAll('step')
    .execute();
}

/** Puts fired steps back in the schedule at a later time: the step could not act yet. */
export async function deferSteps(
  executor: Executor,
  deferrals: { orgId: string; id: string; until: Date }[],
): Promise<void> {
  for (const deferral of deferrals) {
    await executor
      .updateTable('escalation_steps')
      .set({ status: 'pending', fired_at: null, due_at: deferral.until })
      .where('org_id', '=', deferral.orgId)
      .where('id', '=', deferral.id)
      .execute();
  }
}

/** Records a failed attempt and when to try again. A step fired or cancelled meanwhile is left alone. */
export async function recordFailedAttempt(
  executor: Executor,
  step: { orgId: string; id: string },
  failure: { error: string; retryAt: Date },
): Promise<void> {
  await executor
    .updateTable('escalation_steps')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: failure.error.slice(0, 1000),
      due_at: failure.retryAt,
    }))
    .where('org_id', '=', step.orgId)
    .where('id', '=', step.id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Cancels a subject's pending steps (all, or only those acknowledgement stops). A step being fired
 * holds its row lock until its sweep commits; this waits for it and then finds it fired, so a
 * step ends either fired or cancelled, never both.
 */
export async function cancelPendingSteps(
  executor: Executor,
  subject: EscalationSubject,
  cancellation: { reason: string; at: Date; onlyThoseStoppedByAcknowledgement: boolean },
): Promise<{ id: string; step_index: number }[]> {
  let query = executor
    .updateTable('escalation_steps')
    .set({ status: 'cancelled', cancelled_at: cancellation.at, cancelled_reason: cancellation.reason })
    .where('org_id', '=', subject.orgId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', pending);
  if (cancellation.onlyThoseStoppedByAcknowledgement) {
    query = query.where('stops_on_acknowledgement', '=', true);
  }
  return query.returning(['id', 'step_index']).execute();
}

/** Every step of a subject's escalation, in route order, for its thread. */
export async function findStepsForSubject(
  executor: Executor,
  subject: EscalationSubject,
): Promise<EscalationStepRow[]> {
  return executor
    .selectFrom('escalation_steps')
    .selectAll()
    .where('org_id', '=', subject.orgId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .orderBy('step_index')
    .orderBy('created_at')
    .execute();
}
