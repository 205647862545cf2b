import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { describeMoment } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, changedElsewhere, checkVersion, notFound } from '../errors.ts';
import { checkRoute, type EscalationRoute } from '../escalation/escalation-routes.ts';
import type { SendMessageInput } from '../partner-messages/partner-messages.schemas.ts';
import { sendMessage } from '../partner-messages/partner-messages.service.ts';
import { partnerRoleInSentence } from '../partners/partners.table.ts';
import { personName } from '../people/person-name.ts';
import * as sharingRepository from '../sharing/sharing.repository.ts';
import type { AddRecordInput, CreateIncidentInput, UpdateIncidentInput } from './incidents.schemas.ts';
import type { IncidentPersonRow, IncidentRow, MeasureKind, RiskLevel } from './incidents.table.ts';
import { clinicalPartners, isPropertyIncident, stratify } from './risk.ts';

type Page = { limit: number; offset: number };

const invalid = (field: string, message: string) => new AppError('validation', message, { field });

function actorUserId(context: RequestContext): string | null {
  return context.actor.type === 'user' ? context.actor.id : null;
}

async function requireStaff(executor: Executor, orgId: string, id: string, field: string) {
  const user = await executor
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) throw invalid(field, 'Choose a current member of staff in your organisation.');
  return user;
}

async function requireServices(executor: Executor, orgId: string, ids: readonly string[], field: string) {
  if (ids.length === 0) return [];
  const services = await executor
    .selectFrom('care_services')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
  if (services.length !== ids.length)
    throw invalid(field, 'Choose services and locations from your own list.');
  return services;
}

function checkIncidentRoute(route: EscalationRoute | null | undefined) {
  if (!route) return;
  const problems = checkRoute(route);
  if (problems.length > 0) throw invalid('escalationRoute', problems.join(' '));
}

export async function findIncident(executor: Executor, orgId: string, id: string, lock = false) {
  let query = executor.selectFrom('incidents').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const incident = await query.executeTakeFirst();
  if (!incident) throw notFound('The incident');
  return incident;
}

function requireOpen(incident: IncidentRow) {
  if (incident.status === 'closed') throw new AppError('conflict', 'This incident is closed.');
}

export async function presentIncident(executor: Executor, incident: IncidentRow) {
  const names = await sharingRepository.userNames(executor, incident.org_id, [
    incident.lead_id,
    incident.partner_liaison_id,
  ]);
  const services =
    incident.care_service_ids.length === 0
      ? []
      : await executor
          .selectFrom('care_services')
          .select(['id', 'name'])
          .where('org_id', '=', incident.org_id)
          .where('id', 'in', incident.care_service_ids)
          .orderBy('name')
          .execute();
  const affected = await executor
    .selectFrom('incident_people')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('org_id', '=', incident.org_id)
    .where('incident_id', '=', incident.id)
    .executeTakeFirstOrThrow();
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
    lead: { id: incident.lead_id, name: names.get(incident.lead_id) ?? 'Former member of staff' },
    partnerLiaison: {
      id: incident.partner_liaison_id,
      name: names.get(incident.partner_liaison_id) ?? 'Former member of staff',
    },
    escalationRoute: incident.escalation_route,
    affectedPeople: affected.count,
    closedAt: incident.closed_at?.toISOString() ?? null,
    version: incident.version,
  };
}

export async function createIncident(
  db: Db,
  context: RequestContext,
  input: CreateIncidentInput,
  clock: Clock,
) {
  const at = clock.now();
  checkIncidentRoute(input.escalationRoute);
  if (new Date(input.startedAt).getTime() > at.getTime() + 60_000) {
    throw invalid('startedAt', 'The start cannot be in the future.');
  }
  return db.transaction().execute(async (trx) => {
    await requireStaff(trx, context.orgId, input.leadId, 'leadId');
    await requireStaff(trx, context.orgId, input.partnerLiaisonId, 'partnerLiaisonId');
    await requireServices(trx, context.orgId, input.careServiceIds, 'careServiceIds');
    const incident = await trx
      .insertInto('incidents')
      .values({
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
      })
      .returningAll()
      .executeTakeFirstOrThrow();
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
  options: Page & { status: 'open' | 'closed' | 'all'; personId?: string | undefined },
) {
  let query = db.selectFrom('incidents').selectAll().where('org_id', '=', context.orgId);
  if (options.status !== 'all') query = query.where('status', '=', options.status);
  const { personId } = options;
  if (personId !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_people')
          .select('incident_people.person_id')
          .whereRef('incident_people.org_id', '=', 'incidents.org_id')
          .whereRef('incident_people.incident_id', '=', 'incidents.id')
          .where('incident_people.person_id', '=', personId),
      ),
    );
  }
  const incidents = await query
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return Promise.all(incidents.map((incident) => presentIncident(db, incident)));
}

export async function getIncident(db: Db, context: RequestContext, id: string) {
  return presentIncident(db, await findIncident(db, context.orgId, id));
}

export async function updateIncident(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateIncidentInput,
  expected: number,
  clock: Clock,
) {
  const at = clock.now();
  checkIncidentRoute(input.escalationRoute);
  return db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id, true);
    checkVersion(expected, incident.version, 'The incident');
    if (input.leadId) await requireStaff(trx, context.orgId, input.leadId, 'leadId');
    if (input.partnerLiaisonId)
      await requireStaff(trx, context.orgId, input.partnerLiaisonId, 'partnerLiaisonId');
    if (input.endedAt && new Date(input.endedAt).getTime() < incident.started_at.getTime()) {
      throw invalid('endedAt', 'The end must be after the start.');
    }
    const updated = await trx
      .updateTable('incidents')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.severity !== undefined ? { severity: input.severity } : {}),
        ...(input.endedAt !== undefined ? { ended_at: input.endedAt ? new Date(input.endedAt) : null } : {}),
        ...(input.locations !== undefined ? { locations: input.locations } : {}),
        ...(input.leadId !== undefined ? { lead_id: input.leadId } : {}),
        ...(input.partnerLiaisonId !== undefined ? { partner_liaison_id: input.partnerLiaisonId } : {}),
        ...(input.escalationRoute !== undefined
          ? { escalation_route: input.escalationRoute ? JSON.stringify(input.escalationRoute) : null }
          : {}),
        updated_at: at,
        version: sql`version + 1`,
      })
      .where('org_id', '=', context.orgId)
      .where('id', '=', id)
      .where('version', '=', expected)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw changedElsewhere('The incident');
    await recordAudit(trx, context, at, {
      action: 'incident.update',
      entityType: 'incident',
      entityId: id,
      changedFields: Object.keys(input),
    });
    return presentIncident(trx, updated);
  });
}

// ---- affected people ----

/**
 * Adds people to the incident, by service or location or one by one, each ranked by risk with
 * the reasons. People already on it keep their ranking and any adjustment.
 */
export async function addAffectedPeople(
  db: Db,
  context: RequestContext,
  id: string,
  input: { careServiceIds: string[]; personIds: string[] },
  clock: Clock,
) {
  const at = clock.now();
  const added = await db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id, true);
    requireOpen(incident);
    await requireServices(trx, context.orgId, input.careServiceIds, 'careServiceIds');
    const people = await trx
      .selectFrom('people as person')
      .select([
        'person.id',
        'person.given_name',
        'person.family_name',
        'person.preferred_name',
        'person.date_of_birth',
        'person.communication_needs',
        'person.clinical_flags',
        sql<boolean>`exists (select 1 from person_representatives as representative
          where representative.org_id = person.org_id and representative.person_id = person.id
            and representative.ended_at is null and representative.kind <> 'next_of_kin')`.as(
          'has_representative',
        ),
      ])
      .where('person.org_id', '=', context.orgId)
      .where('person.status', '=', 'active')
      .where((where) =>
        where.or([
          ...(input.careServiceIds.length > 0
            ? [where('person.care_service_id', 'in', input.careServiceIds)]
            : []),
          ...(input.personIds.length > 0 ? [where('person.id', 'in', input.personIds)] : []),
        ]),
      )
      .execute();
    const found = new Set(people.map((person) => person.id));
    const missing = input.personIds.filter((personId) => !found.has(personId));
    if (missing.length > 0)
      throw invalid('personIds', 'Choose people currently supported by your organisation.');
    const rows = people.map((person) => {
      const risk = stratify(
        {
          clinicalFlags: person.clinical_flags,
          dateOfBirth: person.date_of_birth,
          communicationNeeds: person.communication_needs,
          hasRepresentative: person.has_representative,
        },
        incident.type,
        at,
      );
      return {
        org_id: context.orgId,
        incident_id: id,
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
      };
    });
    let inserted: string[] = [];
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = await trx
        .insertInto('incident_people')
        .values(rows.slice(start, start + 500))
        .onConflict((conflict) => conflict.columns(['org_id', 'incident_id', 'person_id']).doNothing())
        .returning('person_id')
        .execute();
      inserted = inserted.concat(chunk.map((row) => row.person_id));
    }
    await recordAudit(trx, context, at, {
      action: 'incident.add_people',
      entityType: 'incident',
      entityId: id,
      details: { added: inserted.length, careServiceIds: input.careServiceIds },
    });
    return inserted.length;
  });
  return { added, people: await listAffectedPeople(db, context, id) };
}

export function effectiveLevel(row: Pick<IncidentPersonRow, 'adjusted_level' | 'risk_level'>): RiskLevel {
  return row.adjusted_level ?? row.risk_level;
}

const levelOrder: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };

/** The affected people, highest risk first. */
export async function listAffectedPeople(executor: Executor, context: RequestContext, id: string) {
  await findIncident(executor, context.orgId, id);
  const rows = await executor
    .selectFrom('incident_people as affected')
    .innerJoin('people as person', (join) =>
      join.onRef('person.org_id', '=', 'affected.org_id').onRef('person.id', '=', 'affected.person_id'),
    )
    .leftJoin('care_services as service', (join) =>
      join.onRef('service.org_id', '=', 'person.org_id').onRef('service.id', '=', 'person.care_service_id'),
    )
    .selectAll('affected')
    .select([
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
      'service.name as care_service_name',
    ])
    .where('affected.org_id', '=', context.orgId)
    .where('affected.incident_id', '=', id)
    .execute();
  const adjusters = await sharingRepository.userNames(
    executor,
    context.orgId,
    rows.flatMap((row) => (row.adjusted_by ? [row.adjusted_by] : [])),
  );
  return rows
    .map((row) => ({
      personId: row.person_id,
      name: personName(row),
      careServiceName: row.care_service_name,
      level: effectiveLevel(row),
      rankedLevel: row.risk_level,
      score: row.risk_score,
      reasons: row.risk_reasons,
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
    }))
    .sort(
      (a, b) =>
        levelOrder[a.level] - levelOrder[b.level] ||
        b.score - a.score ||
        a.name.localeCompare(b.name, 'en-GB'),
    );
}

export async function adjustAffectedPerson(
  db: Db,
  context: RequestContext,
  id: string,
  personId: string,
  input: {
    level?: RiskLevel | undefined;
    reason?: string | null | undefined;
    observationPlan?: string | null | undefined;
  },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id, true);
    requireOpen(incident);
    const changed = await trx
      .updateTable('incident_people')
      .set({
        ...(input.level
          ? {
              adjusted_level: input.level,
              adjusted_reason: input.reason!.trim(),
              adjusted_by: actorUserId(context),
              adjusted_at: at,
            }
          : {}),
        ...(input.observationPlan !== undefined
          ? { observation_plan: input.observationPlan?.trim() || null }
          : {}),
      })
      .where('org_id', '=', context.orgId)
      .where('incident_id', '=', id)
      .where('person_id', '=', personId)
      .returning('person_id')
      .executeTakeFirst();
    if (!changed) throw notFound('The person on this incident');
    await recordAudit(trx, context, at, {
      action: 'incident.adjust_person',
      entityType: 'incident',
      entityId: id,
      changedFields: [
        ...(input.level ? ['adjusted_level', 'adjusted_reason'] : []),
        ...(input.observationPlan !== undefined ? ['observation_plan'] : []),
      ],
      details: { personId, level: input.level ?? null },
    });
  });
  return listAffectedPeople(db, context, id);
}

// ---- interim measures ----

function presentMeasure(
  measure: {
    id: string;
    kind: MeasureKind;
    description: string;
    person_id: string | null;
    owner_id: string;
    starts_at: Date;
    ended_at: Date | null;
  },
  names: Map<string, string>,
) {
  return {
    id: measure.id,
    kind: measure.kind,
    description: measure.description,
    personId: measure.person_id,
    owner: names.get(measure.owner_id) ?? 'Former member of staff',
    startsAt: measure.starts_at.toISOString(),
    endedAt: measure.ended_at?.toISOString() ?? null,
  };
}

export async function listMeasures(executor: Executor, context: RequestContext, id: string) {
  await findIncident(executor, context.orgId, id);
  const measures = await executor
    .selectFrom('incident_measures')
    .selectAll()
    .where('org_id', '=', context.orgId)
    .where('incident_id', '=', id)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  const names = await sharingRepository.userNames(
    executor,
    context.orgId,
    measures.map((each) => each.owner_id),
  );
  return measures.map((measure) => presentMeasure(measure, names));
}

export async function addMeasure(
  db: Db,
  context: RequestContext,
  id: string,
  input: {
    kind: MeasureKind;
    description: string;
    personId?: string | null | undefined;
    ownerId: string;
    startsAt: string;
  },
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id, true);
    requireOpen(incident);
    await requireStaff(trx, context.orgId, input.ownerId, 'ownerId');
    if (input.personId) {
      const onIncident = await trx
        .selectFrom('incident_people')
        .select('person_id')
        .where('org_id', '=', context.orgId)
        .where('incident_id', '=', id)
        .where('person_id', '=', input.personId)
        .executeTakeFirst();
      if (!onIncident) throw invalid('personId', 'Choose someone affected by this incident.');
    }
    const measure = await trx
      .insertInto('incident_measures')
      .values({
        org_id: context.orgId,
        id: randomUUID(),
        incident_id: id,
        kind: input.kind,
        description: input.description,
        person_id: input.personId ?? null,
        owner_id: input.ownerId,
        starts_at: new Date(input.startsAt),
        ended_at: null,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context, at, {
      action: 'incident.add_measure',
      entityType: 'incident_measure',
      entityId: measure.id,
      changedFields: Object.keys(input),
      details: { incidentId: id },
    });
    return presentMeasure(measure, await sharingRepository.userNames(trx, context.orgId, [measure.owner_id]));
  });
}

export async function endMeasure(
  db: Db,
  context: RequestContext,
  id: string,
  measureId: string,
  input: { endedAt: string },
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    await findIncident(trx, context.orgId, id);
    const measure = await trx
      .selectFrom('incident_measures')
      .selectAll()
      .where('org_id', '=', context.orgId)
      .where('incident_id', '=', id)
      .where('id', '=', measureId)
      .forUpdate()
      .executeTakeFirst();
    if (!measure) throw notFound('The measure');
    if (measure.ended_at) throw new AppError('conflict', 'This measure has already ended.');
    const endedAt = new Date(input.endedAt);
    if (endedAt.getTime() < measure.starts_at.getTime())
      throw invalid('endedAt', 'The end must be after the start.');
    const ended = await trx
      .updateTable('incident_measures')
      .set({ ended_at: endedAt })
      .where('org_id', '=', context.orgId)
      .where('id', '=', measureId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context, at, {
      action: 'incident.end_measure',
      entityType: 'incident_measure',
      entityId: measureId,
      changedFields: ['ended_at'],
      details: { incidentId: id },
    });
    return presentMeasure(ended, await sharingRepository.userNames(trx, context.orgId, [ended.owner_id]));
  });
}

// ---- decision log, readings and hazards ----

export async function listRecords(executor: Executor, context: RequestContext, id: string) {
  await findIncident(executor, context.orgId, id);
  const records = await executor
    .selectFrom('incident_records')
    .selectAll()
    .where('org_id', '=', context.orgId)
    .where('incident_id', '=', id)
    .orderBy('occurred_at')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  const adviceIds = [...new Set(records.flatMap((record) => record.advice_ids))];
  const advice =
    adviceIds.length === 0
      ? []
      : await executor
          .selectFrom('advice_records')
          .select(['id', 'given_by_name', 'advice'])
          .where('org_id', '=', context.orgId)
          .where('id', 'in', adviceIds)
          .execute();
  const names = await sharingRepository.userNames(
    executor,
    context.orgId,
    records.filter((record) => record.recorded_by_type === 'user').map((record) => record.recorded_by),
  );
  return records.map((record) => ({
    id: record.id,
    kind: record.kind,
    occurredAt: record.occurred_at.toISOString(),
    recordedAt: record.recorded_at.toISOString(),
    recordedBy:
      record.recorded_by_type === 'user'
        ? (names.get(record.recorded_by) ?? 'Former member of staff')
        : 'A connected system',
    decision: record.decision,
    evidence: record.evidence,
    rationale: record.rationale,
    advice: record.advice_ids.flatMap((adviceId) => {
      const found = advice.find((each) => each.id === adviceId);
      return found ? [{ id: found.id, givenBy: found.given_by_name, advice: found.advice }] : [];
    }),
    location: record.location,
    measure: record.measure,
    value: record.value === null ? null : Number(record.value),
    unit: record.unit,
    note: record.note,
    shareId: record.share_id,
  }));
}

/** Records a decision (who, when, evidence, why, advice relied on), a reading, a hazard or a note. */
export async function addRecord(
  db: Db,
  context: RequestContext,
  id: string,
  input: AddRecordInput,
  clock: Clock,
) {
  const at = clock.now();
  if (new Date(input.occurredAt).getTime() > at.getTime() + 60_000) {
    throw invalid('occurredAt', 'This cannot be in the future.');
  }
  const recordId = await db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id, true);
    requireOpen(incident);
    if (input.kind === 'decision' && input.adviceIds.length > 0) {
      const advice = await trx
        .selectFrom('advice_records')
        .select('id')
        .where('org_id', '=', context.orgId)
        .where('id', 'in', input.adviceIds)
        .execute();
      if (advice.length !== input.adviceIds.length)
        throw invalid('adviceIds', 'Choose advice recorded in Liaison.');
    }
    const row = {
      org_id: context.orgId,
      id: randomUUID(),
      incident_id: id,
      kind: input.kind,
      occurred_at: new Date(input.occurredAt),
      recorded_at: at,
      recorded_by_type: context.actor.type === 'api_token' ? ('api_token' as const) : ('user' as const),
      recorded_by: context.actor.id,
      decision: input.kind === 'decision' ? input.decision : null,
      evidence: input.kind === 'decision' ? input.evidence : null,
      rationale: input.kind === 'decision' ? input.rationale : null,
      advice_ids: input.kind === 'decision' ? input.adviceIds : [],
      location: input.kind === 'reading' || input.kind === 'hazard' ? input.location : null,
      measure: input.kind === 'reading' || input.kind === 'hazard' ? (input.measure ?? null) : null,
      value: input.kind === 'reading' || input.kind === 'hazard' ? (input.value ?? null) : null,
      unit: input.kind === 'reading' || input.kind === 'hazard' ? (input.unit ?? null) : null,
      note: input.kind === 'decision' ? null : (input.note ?? null),
    };
    const { value, ...rest } = row;
    await trx
      .insertInto('incident_records')
      .values({ ...rest, ...(value === null ? {} : { value: sql`${value}::numeric` as never }) })
      .execute();
    await recordAudit(trx, context, at, {
      action: `incident.record_${input.kind}`,
      entityType: 'incident_record',
      entityId: row.id,
      changedFields: Object.keys(input),
      details: { incidentId: id },
    });
    return row.id;
  });
  return (await listRecords(db, context, id)).find((record) => record.id === recordId)!;
}

// ---- partner fan-out ----

type Proposal = {
  key: string;
  why: string;
  alreadySent: boolean;
  /** The message already sent from the incident to this contact about this person, if any. */
  sentMessageId: string | null;
  personName: string | null;
  partnerOrganisationName: string;
  partnerContactName: string;
  draft: SendMessageInput;
};

/**
 * The partner updates and requests the incident needs, prefilled from it, for the lead to review,
 * edit and send: for each affected person at high or medium risk, the members of their circle
 * who can advise on what puts them at risk (the district nurse for a person with diabetes…) and,
 * when the property has failed, their housing provider; and organisation-level partners: the
 * housing provider for a property failure, and the commissioner for a major or critical
 * incident. Nothing is sent until the lead sends it.
 */
export async function proposeMessages(db: Db, context: RequestContext, id: string, clock: Clock) {
  const at = clock.now();
  const incident = await findIncident(db, context.orgId, id);
  const affected = (await listAffectedPeople(db, context, id)).filter((person) => person.level !== 'low');
  const personIds = affected.map((person) => person.personId);
  const people =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('people')
          .select(['id', 'clinical_flags'])
          .where('org_id', '=', context.orgId)
          .where('id', 'in', personIds)
          .execute();
  const flagsOf = new Map(people.map((person) => [person.id, person.clinical_flags]));
  const circles =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('person_circle_members as member')
          .innerJoin('partner_contacts as contact', (join) =>
            join
              .onRef('contact.org_id', '=', 'member.org_id')
              .onRef('contact.id', '=', 'member.partner_contact_id'),
          )
          .innerJoin('partner_organisations as partner', (join) =>
            join
              .onRef('partner.org_id', '=', 'contact.org_id')
              .onRef('partner.id', '=', 'contact.partner_organisation_id'),
          )
          .select([
            'member.person_id',
            'member.role',
            'contact.id as contact_id',
            'contact.name as contact_name',
            'contact.type as contact_type',
            'contact.email as contact_email',
            'partner.id as partner_id',
            'partner.name as partner_name',
            'partner.type as partner_type',
          ])
          .where('member.org_id', '=', context.orgId)
          .where('member.person_id', 'in', personIds)
          .where('member.ended_on', 'is', null)
          .where('contact.ended_at', 'is', null)
          .orderBy('member.is_primary', 'desc')
          .orderBy('contact.name')
          .execute();
  const sent = await db
    .selectFrom('partner_messages')
    .select(['id', 'partner_contact_id', 'person_id'])
    .where('org_id', '=', context.orgId)
    .where('incident_id', '=', id)
    .where('status', '<>', 'withdrawn')
    .orderBy('sent_at', 'desc')
    .execute();
  const sentTo = (contactId: string, personId: string | null) =>
    sent.find((message) => message.partner_contact_id === contactId && message.person_id === personId)?.id ??
    null;

  const property = isPropertyIncident(incident.type);
  const since = describeMoment(incident.started_at);
  const proposals: Proposal[] = [];
  const deadlineFor = (urgent: boolean) =>
    new Date(at.getTime() + (urgent ? 2 : 24) * 3_600_000).toISOString();
  const measures = await listMeasures(db, context, id);
  const generalMeasures = measures.filter((measure) => !measure.personId && !measure.endedAt);

  for (const person of affected) {
    const flags = flagsOf.get(person.personId) ?? [];
    const wanted = new Set(
      flags.flatMap((flag) => clinicalPartners[flag as keyof typeof clinicalPartners] ?? []),
    );
    const circle = circles.filter((member) => member.person_id === person.personId);
    const clinical = circle.find((member) => wanted.has(member.role) || wanted.has(member.contact_type));
    const housing = property
      ? circle.find((member) => member.role === 'housing' || member.partner_type === 'housing')
      : undefined;
    const personMeasures = measures.filter(
      (measure) => measure.personId === person.personId && !measure.endedAt,
    );
    const mitigations = [...personMeasures, ...generalMeasures]
      .map((measure) => measure.description)
      .join(' ');
    const urgent = person.level === 'high';
    for (const [member, purpose, askType] of [
      [clinical, 'health_monitoring', 'advice'],
      [housing, 'housing', 'action'],
    ] as const) {
      if (!member?.contact_email) continue;
      proposals.push({
        key: `person:${person.personId}:${member.contact_id}`,
        why: `${person.name} is at ${person.level} risk (${person.reasons[0]?.reason ?? ''}) and ${member.contact_name} is their ${partnerRoleInSentence[member.role]}.`,
        alreadySent: sentTo(member.contact_id, person.personId) !== null,
        sentMessageId: sentTo(member.contact_id, person.personId),
        personName: person.name,
        partnerOrganisationName: member.partner_name,
        partnerContactName: member.contact_name,
        draft: {
          template: 'request',
          askType,
          urgency: urgent ? 'urgent' : 'routine',
          partnerOrganisationId: member.partner_id,
          partnerContactId: member.contact_id,
          personId: person.personId,
          purpose,
          categories: purpose === 'housing' ? ['identity'] : ['identity', 'health'],
          subject: `${incident.title}: ${askType === 'advice' ? 'advice needed' : 'action needed'}`,
          summary: `Since ${since}: ${incident.summary}`,
          impact: `${person.name} is at ${person.level} risk during this disruption. ${person.reasons
            .filter((reason) => reason.points > 0)
            .map((reason) => reason.reason)
            .join(' ')}`.trim(),
          mitigations: mitigations || 'We are increasing checks while we work out what is needed.',
          ask:
            askType === 'advice'
              ? `Please advise by ${describeMoment(new Date(deadlineFor(urgent)))} what monitoring ${person.name} needs during this disruption, and when we should call you.${person.observationPlan ? ` Our interim plan: ${person.observationPlan}` : ''}`
              : `Please tell us by ${describeMoment(new Date(deadlineFor(urgent)))} when the repair will be done, in writing, and whether ${person.name} should move in the meantime.`,
          deadline: deadlineFor(urgent),
        },
      });
    }
  }

  // Organisation-level partners.
  const organisationTypes = [
    ...(property ? ['housing'] : []),
    ...(incident.severity === 'major' || incident.severity === 'critical' ? ['commissioner'] : []),
  ];
  if (organisationTypes.length > 0) {
    const partners = await db
      .selectFrom('partner_organisations as partner')
      .innerJoin('partner_contacts as contact', (join) =>
        join
          .onRef('contact.org_id', '=', 'partner.org_id')
          .onRef('contact.partner_organisation_id', '=', 'partner.id'),
      )
      .select([
        'partner.id as partner_id',
        'partner.name as partner_name',
        'partner.type as partner_type',
        'contact.id as contact_id',
        'contact.name as contact_name',
      ])
      .where('partner.org_id', '=', context.orgId)
      .where('partner.type', 'in', organisationTypes as never[])
      .where('contact.ended_at', 'is', null)
      .where('contact.email', 'is not', null)
      .orderBy('partner.name')
      .orderBy('contact.name')
      .execute();
    const seen = new Set<string>();
    for (const partner of partners) {
      if (seen.has(partner.partner_id) || seen.size >= 10) continue;
      seen.add(partner.partner_id);
      const isHousing = partner.partner_type === 'housing';
      proposals.push({
        key: `organisation:${partner.partner_id}:${partner.contact_id}`,
        why: isHousing
          ? `${partner.partner_name} is a housing provider and the property has failed.`
          : `${partner.partner_name} commissions your services and this incident is ${incident.severity}.`,
        alreadySent: sentTo(partner.contact_id, null) !== null,
        sentMessageId: sentTo(partner.contact_id, null),
        personName: null,
        partnerOrganisationName: partner.partner_name,
        partnerContactName: partner.contact_name,
        draft: isHousing
          ? {
              template: 'request',
              askType: 'action',
              urgency: incident.severity === 'minor' ? 'routine' : 'urgent',
              partnerOrganisationId: partner.partner_id,
              partnerContactId: partner.contact_id,
              categories: [],
              subject: `${incident.title}: repair needed`,
              summary: `Since ${since}: ${incident.summary}`,
              impact: `${affected.length} ${affected.length === 1 ? 'person is' : 'people are'} at high or medium risk while this lasts.`,
              mitigations:
                generalMeasures.map((measure) => measure.description).join(' ') ||
                'We are increasing checks.',
              ask: `Please confirm in writing by ${describeMoment(new Date(deadlineFor(true)))} when the repair will be done, and approve alternative accommodation if it cannot be done today.`,
              deadline: deadlineFor(true),
            }
          : {
              template: 'incident_update',
              urgency: 'routine',
              partnerOrganisationId: partner.partner_id,
              partnerContactId: partner.contact_id,
              categories: [],
              subject: `${incident.title}: incident update`,
              summary: `Since ${since}: ${incident.summary}`,
              impact: `${affected.length} ${affected.length === 1 ? 'person is' : 'people are'} at high or medium risk while this lasts.`,
              mitigations:
                generalMeasures.map((measure) => measure.description).join(' ') ||
                'We are increasing checks.',
              deadline: deadlineFor(false),
            },
      });
    }
  }
  return proposals;
}

/**
 * Sends a message from the incident: through the gate and the message rules, with its route. A
 * refusal by the sharing gate is kept on the incident (see `recordGateRefusal`) before it is
 * reported to the caller.
 */
export async function sendIncidentMessage(
  db: Db,
  context: RequestContext,
  id: string,
  input: SendMessageInput,
  settings: { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> },
) {
  const incident = await findIncident(db, context.orgId, id);
  requireOpen(incident);
  try {
    return await sendMessage(db, context, input, settings, {
      incidentId: id,
      defaultRoute: incident.escalation_route,
    });
  } catch (error) {
    const shareId = refusedShareId(error);
    if (shareId) await recordGateRefusal(db, context, { incidentId: id, shareId }, settings.clock);
    throw error;
  }
}

/** The share log entry behind a refusal by the sharing gate, or null for any other error. */
function refusedShareId(error: unknown): string | null {
  if (!(error instanceof AppError) || error.kind !== 'forbidden') return null;
  const { shareId, reasons } = error.extensions;
  return typeof shareId === 'string' && Array.isArray(reasons) ? shareId : null;
}

/**
 * Adds a gate refusal to the incident's decision log: who tried to send what to whom, and every
 * reason the gate gave, in words frozen as they were. Its own transaction, after the refusal's
 * share log entry has committed, so the record can name it.
 */
export async function recordGateRefusal(
  db: Db,
  context: RequestContext,
  refusal: { incidentId: string; shareId: string },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await findIncident(trx, context.orgId, refusal.incidentId, true);
    const share = await trx
      .selectFrom('share_log as share')
      .innerJoin('people as person', (join) =>
        join.onRef('person.org_id', '=', 'share.org_id').onRef('person.id', '=', 'share.person_id'),
      )
      .innerJoin('partner_organisations as partner', (join) =>
        join
          .onRef('partner.org_id', '=', 'share.org_id')
          .onRef('partner.id', '=', 'share.partner_organisation_id'),
      )
      .leftJoin('partner_contacts as contact', (join) =>
        join
          .onRef('contact.org_id', '=', 'share.org_id')
          .onRef('contact.id', '=', 'share.partner_contact_id'),
      )
      .select([
        'share.id',
        'share.outcome',
        'share.reasons',
        'share.purpose',
        'share.occurred_at',
        'person.given_name',
        'person.family_name',
        'person.preferred_name',
        'partner.name as partner_name',
        'contact.name as contact_name',
      ])
      .where('share.org_id', '=', context.orgId)
      .where('share.id', '=', refusal.shareId)
      .executeTakeFirst();
    if (share?.outcome !== 'refused') return;
    const recipient = share.contact_name
      ? `${share.contact_name} (${share.partner_name})`
      : share.partner_name;
    const note = `The sharing gate refused a message to ${recipient} about ${personName(share)}, for ${share.purpose.replaceAll('_', ' ')}. Nothing was sent. ${share.reasons.map((reason) => reason.message).join(' ')}`;
    const recordId = randomUUID();
    await trx
      .insertInto('incident_records')
      .values({
        org_id: context.orgId,
        id: recordId,
        incident_id: refusal.incidentId,
        kind: 'gate_refusal',
        occurred_at: share.occurred_at,
        recorded_at: at,
        recorded_by_type: context.actor.type === 'api_token' ? 'api_token' : 'user',
        recorded_by: context.actor.id,
        decision: null,
        evidence: null,
        rationale: null,
        advice_ids: [],
        location: null,
        measure: null,
        unit: null,
        note: note.slice(0, 5000),
        share_id: share.id,
      })
      .execute();
    await recordAudit(trx, context, at, {
      action: 'incident.record_gate_refusal',
      entityType: 'incident_record',
      entityId: recordId,
      changedFields: ['kind', 'occurred_at', 'note', 'share_id'],
      details: { incidentId: refusal.incidentId, shareId: share.id },
    });
  });
}
