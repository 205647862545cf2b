import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import { systemContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { isSubjectType, type SubjectType } from '../subjects/subjects.ts';
import type { EscalationTarget, PlannedStep } from './escalation-routes.ts';
import type { EscalationSubject } from './escalation-steps.repository.ts';
import * as stepsRepository from './escalation-steps.repository.ts';
import type { EscalationStepRow } from './escalation-steps.table.ts';

export type { EscalationSubject } from './escalation-steps.repository.ts';

/** A step that has fallen due, as its handler sees it. */
export type DueEscalationStep = {
  orgId: string;
  id: string;
  subjectType: string;
  subjectId: string;
  stepIndex: number;
  target: EscalationTarget;
  stopsOnAcknowledgement: boolean;
  plannedAt: Date;
  dueAt: Date;
  /** 1 on the first attempt; more after failed attempts. */
  attempts: number;
};

/**
 * Acts on one due step inside the sweep's transaction. Everything it does must be a write in
 * that transaction (an outbox row, an alert, an audit entry), so it commits exactly when the step
 * is marked fired, or not at all; it must not send anything itself. It may return a later moment
 * when the step cannot act yet (no staffed channel for a routine matter): the step then waits
 * until that moment (a minute at least) instead of firing. An error rolls back the whole batch;
 * the batch's steps are then tried one at a time, and a step that fails on its own is tried
 * again later.
 */
export type EscalationStepHandler = (
  trx: DbTransaction,
  step: DueEscalationStep,
  /** `batch`: every step of the transaction, so a handler can read what they concern at once. */
  context: { firedAt: Date; batch: readonly DueEscalationStep[] },
) => Promise<{ deferUntil: Date } | undefined>;

export type SweepResult = { fired: number; deferred: number; failed: number };

/** Adds a plan's steps to the schedule in the caller's transaction (with the message it belongs to). */
export async function scheduleSteps(
  trx: Executor,
  options: { subject: EscalationSubject; plan: readonly PlannedStep[]; at: Date },
): Promise<number> {
  const { subject, at } = options;
  return stepsRepository.insertSteps(
    trx,
    options.plan.map((step) => ({
      org_id: subject.orgId,
      id: randomUUID(),
      subject_type: subject.type,
      subject_id: subject.id,
      step_index: step.index,
      target: step.target,
      stops_on_acknowledgement: step.stopsOnAcknowledgement,
      planned_at: step.dueAt,
      due_at: step.dueAt,
      created_at: at,
    })),
  );
}

/**
 * Cancels a subject's pending steps: on acknowledgement only those it stops, on a response (or
 * withdrawal, closing, a new deadline) all of them. Steps already fired stay fired. Returns the
 * positions cancelled.
 */
export async function cancelSteps(
  trx: Executor,
  subject: EscalationSubject,
  options: { reason: string; onlyThoseStoppedByAcknowledgement: boolean; at: Date },
): Promise<number[]> {
  const cancelled = await stepsRepository.cancelPendingSteps(trx, subject, options);
  return cancelled.map((step) => step.step_index).sort((a, b) => a - b);
}

export async function findSteps(
  executor: Executor,
  subject: EscalationSubject,
): Promise<EscalationStepRow[]> {
  return stepsRepository.findStepsForSubject(executor, subject);
}

/**
 * Fires every step due by the clock's time, in batches of `batchSize`, each batch in one
 * transaction with its handler's writes: so a step fires exactly once, however many sweeps run
 * at once in however many processes, and a step that fell due while no sweep ran fires at the
 * next one. Bounded: at most `maxBatches` batches per call; the rest is taken on the next run.
 * `workers` batches run at once, each on its own connection.
 */
export async function fireDueSteps(
  db: Db,
  options: {
    clock: Clock;
    handler: EscalationStepHandler;
    batchSize?: number;
    maxBatches?: number;
    workers?: number;
  },
): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 500;
  let batchesLeft = options.maxBatches ?? 40;
  const total: SweepResult = { fired: 0, deferred: 0, failed: 0 };
  const work = async () => {
    while (batchesLeft > 0) {
      batchesLeft -= 1;
      const batch = await fireBatch(db, options.clock.now(), batchSize, options.handler);
      total.fired += batch.fired;
      total.deferred += batch.deferred;
      total.failed += batch.failed;
      if (batch.claimed < batchSize) return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers ?? 1) }, work));
  return total;
}

type BatchResult = SweepResult & { claimed: number };

async function fireBatch(
  db: Db,
  now: Date,
  limit: number,
  handler: EscalationStepHandler,
): Promise<BatchResult> {
  let claimed: EscalationStepRow[] = [];
  try {
    return await db.transaction().execute(async (trx) => {
      claimed = await stepsRepository.claimDueSteps(trx, now, limit);
      return { claimed: claimed.length, ...(await runHandlers(trx, claimed, now, handler)) };
    });
  } catch (error) {
    if (claimed.length === 0) throw error;
  }
  // One step's handler failed and took the batch with it: try each step on its own, so one
  // step that keeps failing never holds up the others.
  const result: BatchResult = { claimed: claimed.length, fired: 0, deferred: 0, failed: 0 };
  for (const step of claimed) {
    let attempt: EscalationStepRow | undefined;
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        [attempt] = await stepsRepository.claimDueSteps(trx, now, 1, { orgId: step.org_id, id: step.id });
        return attempt ? runHandlers(trx, [attempt], now, handler) : null;
      });
      if (outcome) {
        result.fired += outcome.fired;
        result.deferred += outcome.deferred;
      }
    } catch (error) {
      if (!attempt) throw error;
      result.failed += 1;
      await stepsRepository.recordFailedAttempt(
        db,
        { orgId: step.org_id, id: step.id },
        {
          error: error instanceof Error ? error.message : String(error),
          retryAt: retryAfterFailure(now, attempt.attempts),
        },
      );
    }
  }
  return result;
}

async function runHandlers(
  trx: DbTransaction,
  steps: EscalationStepRow[],
  firedAt: Date,
  handler: EscalationStepHandler,
): Promise<SweepResult> {
  const ordered = [...steps].sort((a, b) => a.due_at.getTime() - b.due_at.getTime());
  const batch = ordered.map(toDueStep);
  const deferrals: { orgId: string; id: string; until: Date }[] = [];
  for (const row of ordered) {
    const outcome = await handler(trx, toDueStep(row), { firedAt, batch });
    if (outcome) {
      // A moment already past would have the step taken again at once, over and over.
      const earliest = firedAt.getTime() + 60_000;
      const until = outcome.deferUntil.getTime() < earliest ? new Date(earliest) : outcome.deferUntil;
      deferrals.push({ orgId: row.org_id, id: row.id, until });
    }
  }
  await stepsRepository.deferSteps(trx, deferrals);
  return { fired: ordered.length - deferrals.length, deferred: deferrals.length, failed: 0 };
}

/** One minute after the first failure, doubling, at most an hour. */
function retryAfterFailure(now: Date, attempts: number): Date {
  const delay = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return new Date(now.getTime() + delay);
}

function toDueStep(row: EscalationStepRow): DueEscalationStep {
  return {
    orgId: row.org_id,
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    stepIndex: row.step_index,
    target: row.target,
    stopsOnAcknowledgement: row.stops_on_acknowledgement,
    plannedAt: row.planned_at,
    dueAt: row.due_at,
    attempts: row.attempts,
  };
}

export const FIRE_ESCALATION_STEPS_JOB = 'fire-escalation-steps';

/**
 * One handler for the sweep from a handler per subject type: each capability whose records
 * escalate registers its own (a line in `src/jobs/jobs.ts`). A step of a type with no handler is
 * recorded in the audit trail and does nothing else.
 */
export function handlerPerSubject(
  handlers: Partial<Record<SubjectType, EscalationStepHandler>>,
): EscalationStepHandler {
  return (trx, step, context) => {
    const handler = isSubjectType(step.subjectType) ? handlers[step.subjectType] : undefined;
    return (handler ?? auditFiredStep)(trx, step, context);
  };
}

/** A fired step no capability acts on is recorded in the audit trail (ids only). */
export const auditFiredStep: EscalationStepHandler = async (trx, step, { firedAt }) => {
  await recordAudit(trx, systemContext(step.orgId, FIRE_ESCALATION_STEPS_JOB), firedAt, {
    action: 'escalation.step_fired',
    entityType: 'escalation_step',
    entityId: step.id,
    details: {
      subjectType: step.subjectType,
      subjectId: step.subjectId,
      stepIndex: step.stepIndex,
      target: step.target,
    },
  });
  return undefined;
};
