import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { AppError } from '../errors.ts';
import { listLearningActions } from './incident-learning-actions.service.ts';
import { proposeMessages } from './incident-messages.service.ts';
import { listAffectedPeople } from './incident-people.service.ts';
import { listRecords } from './incident-records.service.ts';
import { computeReview, type StoredReviewFigures } from './incident-review.ts';
import { splitAtClosing } from './incident-timeline.service.ts';
import * as incidentsRepository from './incidents.repository.ts';
import { findIncident, invalid } from './incidents.service.ts';
import type { IncidentRow } from './incidents.table.ts';

// Closing an incident, its review (frozen at closing) and the lead's findings.

/**
 * The review: as frozen when the incident was closed, or worked out now for an open incident
 * (a preview), and what has happened on it since it closed (replies to its messages, measures
 * recorded as ended), which the figures do not count. Reading it is audited.
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
    await recordAudit(trx, context, clock.now(), {
      action: reading.action,
      entityType: 'incident',
      entityId: incidentId,
      ...(reading.details ? { details: reading.details } : {}),
    });
    return readReview(trx, context, { incident, now: clock.now() });
  });
}

async function readReview(
  executor: Executor,
  context: RequestContext,
  options: { incident: IncidentRow; now: Date },
) {
  const { incident } = options;
  const figures =
    (incident.review as StoredReviewFigures | null) ?? (await computeReview(executor, incident, options.now));
  return {
    status: incident.status,
    final: incident.status === 'closed',
    closedAt: incident.closed_at?.toISOString() ?? null,
    findings: incident.findings,
    figures,
    learningActions: await listLearningActions(executor, context, { incidentId: incident.id }),
    sinceClosing: (await splitAtClosing(executor, incident, figures.measures)).sinceClosing,
  };
}

/**
 * The review as downloaded for a governance meeting: the review and what has happened since
 * closing, with the people affected and their levels, the readings and hazards, and the timeline
 * up to closing (nothing more can be recorded on a closed incident, so these are as they stood).
 * The download is the one read recorded.
 */
export async function reviewForExport(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; format: 'html' | 'pdf'; clock: Clock },
) {
  const { incidentId, clock } = options;
  return db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context, { incidentId });
    await recordAudit(trx, context, clock.now(), {
      action: 'incident.export_review',
      entityType: 'incident',
      entityId: incidentId,
      details: { format: options.format },
    });
    const review = await readReview(trx, context, { incident, now: clock.now() });
    const records = await listRecords(trx, context, { incidentId });
    return {
      ...review,
      people: await listAffectedPeople(trx, context, { incidentId }),
      observations: records.filter((record) => record.kind === 'reading' || record.kind === 'hazard'),
      timeline: (await splitAtClosing(trx, incident, review.figures.measures)).toClosing,
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
    confirmOutstanding?: boolean | undefined;
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
      check: async () => {
        if (incident.status === 'closed') throw new AppError('conflict', 'This incident is already closed.');
        if (endedAt.getTime() < incident.started_at.getTime()) {
          throw invalid('endedAt', 'The end must be after the start.');
        }
        if (endedAt.getTime() > at.getTime() + 60_000)
          throw invalid('endedAt', 'The end cannot be in the future.');
        if (!options.confirmOutstanding) {
          const outstanding = await outstandingAtClosing(trx, context, { incidentId, clock });
          if (outstanding.measuresInPlace > 0 || outstanding.unsentProposals > 0) {
            throw invalid('confirmOutstanding', outstandingWords(outstanding));
          }
        }
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

/** What closing would leave undone: interim measures still in place, proposed updates not sent. */
export async function outstandingAtClosing(
  executor: Executor,
  context: RequestContext,
  options: { incidentId: string; clock: Clock },
) {
  const measures = await incidentsRepository.listMeasures(executor, context.orgId, options.incidentId);
  const proposals = await proposeMessages(executor, context, options);
  return {
    measuresInPlace: measures.filter((measure) => measure.ended_at === null).length,
    unsentProposals: proposals.filter((proposal) => !proposal.alreadySent).length,
  };
}

function outstandingWords(outstanding: { measuresInPlace: number; unsentProposals: number }): string {
  const { measuresInPlace: measures, unsentProposals: proposals } = outstanding;
  const parts = [
    ...(measures > 0
      ? [
          measures === 1
            ? '1 interim measure is still in place'
            : `${measures} interim measures are still in place`,
        ]
      : []),
    ...(proposals > 0
      ? [
          proposals === 1
            ? '1 proposed partner update has not been sent'
            : `${proposals} proposed partner updates have not been sent`,
        ]
      : []),
  ];
  const todo = [
    ...(measures > 0 ? ['record when each measure ended'] : []),
    ...(proposals > 0 ? ['send the updates'] : []),
  ].join(' and ');
  return `${parts.join(' and ')}. ${todo[0]!.toUpperCase()}${todo.slice(1)}, or confirm that you are closing the incident with them outstanding.`;
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
