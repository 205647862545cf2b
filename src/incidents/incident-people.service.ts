import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { personName } from '../people/person-name.ts';
import { staffNames } from '../users/users.service.ts';
import * as incidentsRepository from './incidents.repository.ts';
import {
  actorUserId,
  findIncident,
  findOpenIncident,
  invalid,
  requireServices,
} from './incidents.service.ts';
import type { IncidentPersonRow, RiskLevel } from './incidents.table.ts';
import { mergeReasons, stratify } from './risk.ts';
import { riskPointsInForce } from './risk-points.service.ts';

// The people an incident affects, each ranked by risk with the reasons, and the lead's adjustments.

/**
 * Adds people to the incident, by service or location or one by one, each ranked by risk with
 * the reasons. People already on it keep their ranking and any adjustment.
 */
export async function addAffectedPeople(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; careServiceIds: string[]; personIds: string[]; clock: Clock },
) {
  const { incidentId, careServiceIds, personIds } = options;
  const at = options.clock.now();
  const added = await db.transaction().execute(async (trx) => {
    const incident = await findOpenIncident(trx, context, incidentId);
    await requireServices(trx, context, careServiceIds, 'careServiceIds');
    const people = await incidentsRepository.findPeopleToRank(trx, context.orgId, {
      careServiceIds,
      personIds,
    });
    const points = await riskPointsInForce(trx, context.orgId);
    const found = new Set(people.map((person) => person.id));
    if (personIds.some((personId) => !found.has(personId))) {
      throw invalid('personIds', 'Choose people currently supported by your organisation.');
    }
    const inserted = await incidentsRepository.insertAffectedPeople(
      trx,
      people.map((person) => {
        const risk = stratify(
          {
            clinicalFlags: person.clinical_flags,
            dateOfBirth: person.date_of_birth,
            communicationNeeds: person.communication_needs,
            hasRepresentative: person.has_representative,
          },
          incident.type,
          at,
          points.table,
        );
        return {
          org_id: context.orgId,
          incident_id: incidentId,
          person_id: person.id,
          risk_level: risk.level,
          risk_score: risk.score,
          risk_reasons: JSON.stringify(risk.reasons),
          adjusted_level: null,
          adjusted_reason: null,
          adjusted_by: null,
          adjusted_at: null,
          observation_plan: null,
          added_by: actorUserId(context),
          added_at: at,
          risk_points_version: points.version,
        };
      }),
    );
    await recordAudit(trx, context, at, {
      action: 'incident.add_people',
      entityType: 'incident',
      entityId: incidentId,
      details: { added: inserted.length, careServiceIds, riskPointsVersion: points.version },
    });
    return inserted.length;
  });
  return { added, people: await listAffectedPeople(db, context, { incidentId }) };
}

export function effectiveLevel(row: Pick<IncidentPersonRow, 'adjusted_level' | 'risk_level'>): RiskLevel {
  return row.adjusted_level ?? row.risk_level;
}

const levelOrder: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };

/** The affected people, highest risk first, with their clinical flags (never sent as they are). */
export async function rankedAffectedPeople(executor: Executor, context: RequestContext, incidentId: string) {
  await findIncident(executor, context, { incidentId });
  const rows = await incidentsRepository.listAffectedPeople(executor, context.orgId, incidentId);
  const adjusters = await staffNames(
    executor,
    context,
    rows.flatMap((row) => (row.adjusted_by ? [row.adjusted_by] : [])),
  );
  return rows
    .map((row) => ({
      clinicalFlags: row.clinical_flags,
      person: {
        personId: row.person_id,
        name: personName(row),
        careServiceName: row.care_service_name,
        level: effectiveLevel(row),
        rankedLevel: row.risk_level,
        score: row.risk_score,
        reasons: mergeReasons(row.risk_reasons),
        rankedWith: row.risk_points_version,
        adjustment:
          row.adjusted_level && row.adjusted_reason && row.adjusted_at
            ? {
                level: row.adjusted_level,
                reason: row.adjusted_reason,
                by: row.adjusted_by ? (adjusters.get(row.adjusted_by) ?? null) : null,
                at: row.adjusted_at.toISOString(),
              }
            : null,
        observationPlan: row.observation_plan,
        addedAt: row.added_at.toISOString(),
      },
    }))
    .sort(
      ({ person: a }, { person: b }) =>
        levelOrder[a.level] - levelOrder[b.level] ||
        b.score - a.score ||
        a.name.localeCompare(b.name, 'en-GB'),
    );
}

/** The affected people, highest risk first. */
export async function listAffectedPeople(
  executor: Executor,
  context: RequestContext,
  options: { incidentId: string },
) {
  const ranked = await rankedAffectedPeople(executor, context, options.incidentId);
  return ranked.map((each) => each.person);
}

/** The affected people, highest risk first, as staff read them: the reading is audited. */
export async function viewAffectedPeople(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; clock: Clock },
) {
  const { incidentId } = options;
  return db.transaction().execute(async (trx) => {
    const people = await listAffectedPeople(trx, context, { incidentId });
    await recordAudit(trx, context, options.clock.now(), {
      action: 'incident.view_people',
      entityType: 'incident',
      entityId: incidentId,
      details: { results: people.length },
    });
    return people;
  });
}

/** Sets a person's risk level by hand (with the reason) or their interim observation plan. */
export async function adjustAffectedPerson(
  db: Db,
  context: RequestContext,
  options: {
    incidentId: string;
    personId: string;
    level?: RiskLevel | undefined;
    reason?: string | null | undefined;
    observationPlan?: string | null | undefined;
    clock: Clock;
  },
) {
  const { incidentId, personId, level, observationPlan } = options;
  const at = options.clock.now();
  await db.transaction().execute(async (trx) => {
    await findOpenIncident(trx, context, incidentId);
    const changed = await incidentsRepository.updateAffectedPerson(
      trx,
      { orgId: context.orgId, incidentId, personId },
      {
        ...(level
          ? {
              adjusted_level: level,
              adjusted_reason: options.reason!.trim(),
              adjusted_by: actorUserId(context),
              adjusted_at: at,
            }
          : {}),
        ...(observationPlan !== undefined ? { observation_plan: observationPlan?.trim() || null } : {}),
      },
    );
    if (!changed) throw notFound('The person on this incident');
    await recordAudit(trx, context, at, {
      action: 'incident.adjust_person',
      entityType: 'incident',
      entityId: incidentId,
      changedFields: [
        ...(level ? ['adjusted_level', 'adjusted_reason'] : []),
        ...(observationPlan !== undefined ? ['observation_plan'] : []),
      ],
      details: { personId, level: level ?? null },
    });
  });
  return listAffectedPeople(db, context, { incidentId });
}
