import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Job } from '../jobs/scheduler.ts';
import {
  auditFiredStep,
  type EscalationStepHandler,
  FIRE_ESCALATION_STEPS_JOB,
  fireDueSteps,
} from './escalation-steps.service.ts';

/**
 * Fires due escalation steps every second, so a step fires within about a second of falling due
 * and the steps that fell due while the server was down fire at start. Several processes may run
 * it: each step is claimed by exactly one.
 */
export function fireEscalationStepsJob(
  { db, clock }: { db: Db; clock: Clock },
  handler: EscalationStepHandler = auditFiredStep,
): Job {
  return {
    name: FIRE_ESCALATION_STEPS_JOB,
    intervalMs: 1_000,
    // Four batches at a time, each on its own connection: a burst of due steps is spread over
    // the database's cores. The embedded database has one connection, so there they take turns.
    run: async () => (await fireDueSteps(db, { clock, handler, workers: 4 })).fired,
  };
}
