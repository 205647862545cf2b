import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { careRecordWriters, managers as incidentLeaders } from '../auth/role-groups.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { AppError, orNotFound } from '../errors.ts';
import { checkRoute, type EscalationRoute } from '../escalation/escalation-routes.ts';
import type { SubjectDescriber } from '../subjects/subjects.ts';
import { staffNames } from '../users/users.service.ts';
import * as incidentsRepository from './incidents.repository.ts';
import type { CreateIncidentInput, UpdateIncidentInput } from './incidents.schemas.ts';
import type { IncidentRow } from './incidents.table.ts';

// The incident itself: opening, listing, changing. What is recorded on it lives beside this file
// (affected people, measures, records, partner updates, timeline, review, learning actions).

export const invalid = (field: string, message: string) => new AppError('validation', message, { field });

export function actorUserId(context: RequestContext): string | null {
  return context.actor.type === 'user' ? context.actor.id : null;
}

/**
 * Who may be named on an incident: its lead and partner liaison decide and send partner updates,
 * so they are managers; a measure or a learning action is owned by staff who work with people.
 * Never the auditor, who only reads, nor an administrator, who does not see people's records.
 */
export const staffWhoMayAct = {
  lead: { roles: incidentLeaders, words: 'a manager or the registered manager' },
  owner: { roles: careRecordWriters, words: 'a member of staff who works with people (not the auditor)' },
} as const;

export async function requireStaff(
  executor: Executor,
  context: RequestContext,
  options: { id: string; field: string; mayAct: keyof typeof staffWhoMayAct },
) {
  const user = await incidentsRepository.findCurrentStaff(executor, context.orgId, options.id);
  if (!user) throw invalid(options.field, 'Choose a current member of staff in your organisation.');
  const { roles, words } = staffWhoMayAct[options.mayAct];
  if (!roles.includes(user.role)) throw invalid(options.field, `Choose ${words}.`);
  return user;
}

export async function requireServices(
  executor: Executor,
  context: RequestContext,
  ids: readonly string[],
  field: string,
) {
  const services = await incidentsRepository.findCareServices(executor, context.orgId, ids);
  if (services.length !== ids.length)
    throw invalid(field, 'Choose services and locations from your own list.');
  return services;
}

function checkIncidentRoute(route: EscalationRoute | null | undefined) {
  if (!route) return;
  const problems = checkRoute(route);
  if (problems.length > 0) throw invalid('escalationRoute', problems.join(' '));
}

/** The incident, or 404; `lock` for a change recorded on it (see the repository). */
export async function findIncident(
  executor: Executor,
  context: RequestContext,
  options: { incidentId: string; lock?: boolean },
): Promise<IncidentRow> {
  return orNotFound(
    await incidentsRepository.findIncident(executor, context.orgId, options.incidentId, {
      lock: options.lock ?? false,
    }),
    'The incident',
  );
}

/** The open incident, locked for a change recorded on it; a closed one takes no more records. */
export async function findOpenIncident(executor: Executor, context: RequestContext, incidentId: string) {
  const incident = await findIncident(executor, context, { incidentId, lock: true });
  if (incident.status === 'closed') throw new AppError('conflict', 'This incident is closed.');
  return incident;
}

export async function presentIncident(executor: Executor, incident: IncidentRow) {
  const orgId = incident.org_id;
  const names = await staffNames(executor, { orgId }, [incident.lead_id, incident.partner_liaison_id]);
  const services = await incidentsRepository.findCareServices(executor, orgId, incident.care_service_ids);
  const affectedPeople = await incidentsRepository.countAffectedPeople(executor, orgId, incident.id);
  const staff = (id: string) => ({ id, name: names.get(id) ?? 'Former member of staff' });
  return {
    id: incident.id,
    type: incident.type,
    title: incident.title,
    summary: incident.summary,
    severity: incident.severity,
    status: incident.status,
    startedAt: incident.started_at.toISOString(),
    endedAt: incident.ended_at?.toISOString() ?? null,
    careServices: services,
    locations: incident.locations,
    lead: staff(incident.lead_id),
    partnerLiaison: staff(incident.partner_liaison_id),
    escalationRoute: incident.escalation_route,
    affectedPeople,
    closedAt: incident.closed_at?.toISOString() ?? null,
    version: incident.version,
  };
}

export async function createIncident(
  db: Db,
  context: RequestContext,
  options: { incident: CreateIncidentInput; clock: Clock },
) {
  const { incident: input } = options;
  const at = options.clock.now();
  checkIncidentRoute(input.escalationRoute);
  if (new Date(input.startedAt).getTime() > at.getTime() + 60_000) {
    throw invalid('startedAt', 'The start cannot be in the future.');
  }
  return db.transaction().execute(async (trx) => {
    await requireStaff(trx, context, { id: input.leadId, field: 'leadId', mayAct: 'lead' });
    await requireStaff(trx, context, {
      id: input.partnerLiaisonId,
      field: 'partnerLiaisonId',
      mayAct: 'lead',
    });
    await requireServices(trx, context, input.careServiceIds, 'careServiceIds');
    const incident = await incidentsRepository.insertIncident(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      type: input.type,
      title: input.title,
      summary: input.summary,
      severity: input.severity,
      started_at: new Date(input.startedAt),
      ended_at: null,
      care_service_ids: input.careServiceIds,
      locations: input.locations,
      lead_id: input.leadId,
      partner_liaison_id: input.partnerLiaisonId,
      escalation_route: input.escalationRoute ? JSON.stringify(input.escalationRoute) : null,
      created_by: actorUserId(context),
      created_at: at,
      closed_at: null,
      closed_by: null,
      review: null,
      findings: null,
      updated_at: at,
    });
    await recordAudit(trx, context, at, {
      action: 'incident.create',
      entityType: 'incident',
      entityId: incident.id,
      changedFields: Object.keys(input),
    });
    return presentIncident(trx, incident);
  });
}

export async function listIncidents(
  db: Db,
  context: RequestContext,
  options: {
    status: 'open' | 'closed' | 'all';
    personId?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const incidents = await incidentsRepository.listIncidents(db, context.orgId, options);
  return Promise.all(incidents.map((incident) => presentIncident(db, incident)));
}

/** How many incidents are open, and the `limit` most severe. */
export async function openIncidents(executor: Executor, context: RequestContext, options: { limit: number }) {
  return {
    count: await incidentsRepository.countOpenIncidents(executor, context.orgId),
    incidents: await incidentsRepository.listOpenIncidentsBySeverity(executor, context.orgId, options.limit),
  };
}

export async function getIncident(db: Db, context: RequestContext, options: { incidentId: string }) {
  return presentIncident(db, await findIncident(db, context, options));
}

/** Changes the incident made to `expectedVersion` (If-Match): title, summary, severity, end, lead… */
export async function updateIncident(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; changes: UpdateIncidentInput; expectedVersion: number; clock: Clock },
) {
  const { incidentId, changes: input, expectedVersion } = options;
  const at = options.clock.now();
  checkIncidentRoute(input.escalationRoute);
  return db.transaction().execute(async (trx) => {
    const updated = await changeVersioned(trx, context, at, {
      what: 'The incident',
      existing: await incidentsRepository.findIncident(trx, context.orgId, incidentId, { lock: true }),
      expectedVersion,
      check: async (incident) => {
        if (input.leadId)
          await requireStaff(trx, context, { id: input.leadId, field: 'leadId', mayAct: 'lead' });
        if (input.partnerLiaisonId) {
          await requireStaff(trx, context, {
            id: input.partnerLiaisonId,
            field: 'partnerLiaisonId',
            mayAct: 'lead',
          });
        }
        if (input.endedAt && new Date(input.endedAt).getTime() < incident.started_at.getTime()) {
          throw invalid('endedAt', 'The end must be after the start.');
        }
      },
      write: () =>
        incidentsRepository.updateIncident(
          trx,
          { orgId: context.orgId, id: incidentId, expectedVersion },
          {
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.summary !== undefined ? { summary: input.summary } : {}),
            ...(input.severity !== undefined ? { severity: input.severity } : {}),
            ...(input.endedAt !== undefined
              ? { ended_at: input.endedAt ? new Date(input.endedAt) : null }
              : {}),
            ...(input.locations !== undefined ? { locations: input.locations } : {}),
            ...(input.leadId !== undefined ? { lead_id: input.leadId } : {}),
            ...(input.partnerLiaisonId !== undefined ? { partner_liaison_id: input.partnerLiaisonId } : {}),
            ...(input.escalationRoute !== undefined
              ? { escalation_route: input.escalationRoute ? JSON.stringify(input.escalationRoute) : null }
              : {}),
            updated_at: at,
          },
        ),
      audit: () => ({
        action: 'incident.update',
        entityType: 'incident',
        entityId: incidentId,
        changedFields: Object.keys(input),
      }),
    });
    return presentIncident(trx, updated);
  });
}

/** How shared mechanisms (actions, …) show an incident: its title, its page and the people on it. */
export const describeIncident: SubjectDescriber = async (executor, ref) => {
  const incident = await incidentsRepository.findIncident(executor, ref.orgId, ref.id);
  if (!incident) return undefined;
  return {
    title: incident.title,
    webPath: `/incidents/${encodeURIComponent(incident.id)}`,
    personIds: await incidentsRepository.listAffectedPersonIds(executor, ref.orgId, incident.id),
  };
};
