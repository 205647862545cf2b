import { sql } from 'kysely';
import { sealPendingEntries } from '../audit/audit.service.ts';
import { runCheckpointJob } from '../audit/checkpoint.ts';
import { forgetOldSignInFailures } from '../auth/auth.service.ts';
import { forgetEndedRateLimits } from '../auth/rate-limit-store.ts';
import type { Db } from '../db/database.ts';
import type { AppDependencies } from '../dependencies.ts';
import { handlerPerSubject } from '../escalation/escalation-steps.service.ts';
import { fireEscalationStepsJob } from '../escalation/fire-escalation-steps.job.ts';
import { forgetOldIdempotencyKeys } from '../http/idempotency.ts';
import { deliverEmailJob } from '../outbox/email-delivery.ts';
import { messageEscalationHandler } from '../partner-messages/message-escalation.ts';
import { safeguardingReviewJob } from '../safeguarding/safeguarding-review.job.ts';
import { NOTICE_LAPSED_SHARING_JOB, noticeLapsedSharing } from '../sharing/basis-endings.ts';
import type { Job } from './scheduler.ts';

/**
 * Every background job Liaison runs. `sealingDb`, when given, is a connection of the sequencer's
 * own: under load every connection of the main pool is busy serving requests, and a sealer that
 * queued behind them would leave entries unsealed for as long as the queue is long.
 */
export function allJobs(
  { db, clock, config, backend, mailer }: AppDependencies,
  { sealingDb = db }: { sealingDb?: Db } = {},
): Job[] {
  const jobs: Job[] = [
    {
      name: 'seal-audit-entries',
      intervalMs: config.auditSealIntervalMs,
      run: async () => (await sealPendingEntries(sealingDb, { clock })).sealed,
    },
    {
      name: 'forget-old-idempotency-keys',
      intervalMs: 60 * 60_000,
      run: () => forgetOldIdempotencyKeys(db, clock),
    },
    {
      name: NOTICE_LAPSED_SHARING_JOB,
      intervalMs: 5 * 60_000,
      run: () => noticeLapsedSharing(db, clock),
    },
    {
      name: 'forget-old-sign-in-failures',
      intervalMs: 60 * 60_000,
      run: () => forgetOldSignInFailures(db, clock),
    },
    {
      name: 'forget-ended-rate-limits',
      intervalMs: 10 * 60_000,
      run: () => forgetEndedRateLimits(db, clock),
    },
    fireEscalationStepsJob(
      { db, clock },
      // What a due step does, per kind of record that escalates.
      handlerPerSubject({
        partner_message: messageEscalationHandler({
          publicUrl: config.publicUrl,
          keyFile: config.mfaKeyFile,
        }),
      }),
    ),
    safeguardingReviewJob({ db, clock, publicUrl: config.publicUrl }),
  ];
  if (mailer) {
    jobs.push(
      deliverEmailJob({
        db,
        mailer,
        clock,
        domain: new URL(config.publicUrl).hostname,
        keyFile: config.mfaKeyFile,
      }),
    );
  }
  if (config.auditCheckpoint.intervalMs > 0) {
    jobs.push({
      name: 'write-audit-checkpoints',
      intervalMs: config.auditCheckpoint.intervalMs,
      run: () => runCheckpointJob(db, { settings: config.auditCheckpoint, clock }),
    });
  }
  if (backend === 'pglite') {
    // The embedded database has no autovacuum, so its planner statistics would never be
    // gathered; without them growing tables get sequential scans (even for foreign-key checks)
    // and writes slow down as data accumulates. A PostgreSQL server's autovacuum does this itself.
    // Statistics are kept in the database, so a restart needs none gathered straight away.
    jobs.push({
      name: 'analyze-embedded-database',
      intervalMs: 15 * 60_000,
      firstRunAfterInterval: true,
      run: async () => {
        await sql`analyze`.execute(db);
        return 1;
      },
    });
  }
  return jobs;
}
