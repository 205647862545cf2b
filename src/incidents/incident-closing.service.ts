import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { AppError } from '../errors.ts';
import { listLearningActions } from './incident-learning-actions.service.ts';
import { computeReview, type StoredReviewFigures } from './incident-review.ts';
import * as incidentsRepository from './incidents.repository.ts';
import { findIncident, invalid } from './incidents.service.ts';

// Closing an incident, its review (frozen at closing) and the lead's findings.

/**
 * The review: as frozen when the incident was closed, or worked out now for an open incident
 * (a preview). Reading it is audited.
 */
export async function viewReview(
  db: Db,
  context: RequestContext,
  options: {
    incidentId: string;
    clock: Clock;
    reading?: { action: string; details?: Record<string, unknown> };
  },
) {
  const { incidentId, clock } = options;
  const reading = options.reading ?? { action: 'incident.view_review' };
  return db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context, { incidentId });
    const figures =
      (incident.review as StoredReviewFigures | null) ?? (await computeReview(trx, incident, clock.now()));
    await recordAudit(trx, context, clock.now(), {
      action: reading.action,
      entityType: 'incident',
      entityId: incidentId,
      ...(reading.details ? { details: reading.details } : {}),
    });
    return {
      status: incident.status,
      final: incident.status === 'closed',
      findings: incident.findings,
      figures,
      learningActions: await listLearningActions(trx, context, { incidentId }),
    };
  });
}

/**
 * Closes the incident: the review's figures are worked out and kept as they stand now. Closing
 * names no version: it is a step in the incident's life, not an edit of fields someone loaded.
 */
export async function closeIncident(
  db: Db,
  context: RequestContext,
  options: {
    incidentId: string;
    endedAt?: string | undefined;
    findings?: string | null | undefined;
    clock: Clock;
  },
) {
  const { incidentId, clock } = options;
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context, { incidentId, lock: true });
    const endedAt = options.endedAt ? new Date(options.endedAt) : (incident.ended_at ?? at);
    const findings = options.findings?.trim();
    await changeVersioned(trx, context, at, {
      what: 'The incident',
      existing: incident,
      expectedVersion: incident.version,
      check: () => {
        if (incident.status === 'closed') throw new AppError('conflict', 'This incident is already closed.');
        if (endedAt.getTime() < incident.started_at.getTime()) {
          throw invalid('endedAt', 'The end must be after the start.');
        }
        if (endedAt.getTime() > at.getTime() + 60_000)
          throw invalid('endedAt', 'The end cannot be in the future.');
      },
      write: async () =>
        incidentsRepository.updateIncident(
          trx,
          { orgId: context.orgId, id: incidentId, expectedVersion: incident.version },
          {
            status: 'closed',
            ended_at: endedAt,
            closed_at: at,
            closed_by: context.actor.type === 'user' ? context.actor.id : null,
            review: JSON.stringify(await computeReview(trx, { ...incident, ended_at: endedAt }, at)),
            ...(findings ? { findings } : {}),
            updated_at: at,
          },
        ),
      audit: () => ({
        action: 'incident.close',
        entityType: 'incident',
        entityId: incidentId,
        changedFields: [
          'status',
          'ended_at',
          'closed_at',
          'review',
          ...(options.findings ? ['findings'] : []),
        ],
      }),
    });
  });
  return viewReview(db, context, { incidentId, clock });
}

export async function setFindings(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; findings: string; clock: Clock },
) {
  const { incidentId, clock } = options;
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context, { incidentId, lock: true });
    await changeVersioned(trx, context, at, {
      what: 'The incident',
      existing: incident,
      expectedVersion: incident.version,
      write: () =>
        incidentsRepository.updateIncident(
          trx,
          { orgId: context.orgId, id: incidentId, expectedVersion: incident.version },
          {
            findings: options.findings,
            updated_at: at,
          },
        ),
      audit: () => ({
        action: 'incident.set_findings',
        entityType: 'incident',
        entityId: incidentId,
        changedFields: ['findings'],
      }),
    });
  });
  return viewReview(db, context, { incidentId, clock });
}
