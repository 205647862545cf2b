import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import type { EscalationTarget } from '../escalation/escalation-routes.ts';
import { personName } from '../people/person-name.ts';
import * as sharingRepository from '../sharing/sharing.repository.ts';
import { effectiveLevel, findIncident } from './incidents.service.ts';
import type { IncidentRow } from './incidents.table.ts';

// The incident's timeline (one ordered view of everything on it) and its post-incident review,
// computed from the records: never typed in.

export type TimelineEntry = {
  at: string;
  kind: string;
  text: string;
  who: string | null;
  messageId: string | null;
  personId: string | null;
};

const eventWords: Record<string, string> = {
  sent: 'Sent',
  emailed: 'Emailed to the partner',
  email_failed: 'Email could not be delivered',
  acknowledged: 'Acknowledged',
  accepted: 'Accepted',
  declined: 'Declined',
  responded: 'Responded',
  done: 'Done',
  call_logged: 'Call logged',
  reply_logged: 'Reply logged',
  note: 'Note',
  escalated: 'Escalated',
  link_issued: 'New link sent',
  link_revoked: 'Link stopped',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
  advice_recorded: 'Advice recorded',
  confirmation_requested: 'Written confirmation requested',
  confirmation_received: 'Written confirmation received',
};

const measureWords: Record<string, string> = {
  room_move: 'Room move',
  additional_checks: 'Additional checks',
  temporary_equipment: 'Temporary equipment',
  alternative_accommodation_request: 'Alternative accommodation requested',
  staffing_cover: 'Staffing cover',
  other: 'Interim measure',
};

/** Everything on the incident, oldest first. Reading it is audited. */
export async function incidentTimeline(
  db: Db,
  context: RequestContext,
  id: string,
  page: { limit: number; offset: number; kind?: string | undefined },
  clock: Clock,
): Promise<TimelineEntry[]> {
  return db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id);
    const whole = await collectTimeline(trx, incident);
    const entries = page.kind ? whole.filter((entry) => entry.kind === page.kind) : whole;
    await recordAudit(trx, context, clock.now(), {
      action: 'incident.view_timeline',
      entityType: 'incident',
      entityId: id,
      details: { entries: entries.length },
    });
    return entries.slice(page.offset, page.offset + page.limit);
  });
}

type Sortable = TimelineEntry & { sortAt: number; order: number };

export async function collectTimeline(executor: Executor, incident: IncidentRow): Promise<TimelineEntry[]> {
  const orgId = incident.org_id;
  const entries: Sortable[] = [];
  const push = (at: Date, entry: Omit<TimelineEntry, 'at'>) =>
    entries.push({ ...entry, at: at.toISOString(), sortAt: at.getTime(), order: entries.length });

  const [people, measures, records, events] = await Promise.all([
    executor
      .selectFrom('incident_people as affected')
      .innerJoin('people as person', (join) =>
        join.onRef('person.org_id', '=', 'affected.org_id').onRef('person.id', '=', 'affected.person_id'),
      )
      .select([
        'affected.person_id',
        'affected.risk_level',
        'affected.adjusted_level',
        'affected.adjusted_reason',
        'affected.adjusted_at',
        'affected.added_at',
        'person.given_name',
        'person.family_name',
        'person.preferred_name',
      ])
      .where('affected.org_id', '=', orgId)
      .where('affected.incident_id', '=', incident.id)
      .execute(),
    executor
      .selectFrom('incident_measures')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('incident_id', '=', incident.id)
      .execute(),
    executor
      .selectFrom('incident_records')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('incident_id', '=', incident.id)
      .execute(),
    executor
      .selectFrom('partner_messages as message')
      .innerJoin('message_events as event', (join) =>
        join.onRef('event.org_id', '=', 'message.org_id').onRef('event.message_id', '=', 'message.id'),
      )
      .innerJoin('partner_organisations as partner', (join) =>
        join
          .onRef('partner.org_id', '=', 'message.org_id')
          .onRef('partner.id', '=', 'message.partner_organisation_id'),
      )
      .select([
        'message.id as message_id',
        'message.subject',
        'message.person_id',
        'partner.name as partner_name',
        'event.kind',
        'event.actor_name',
        'event.text',
        'event.occurred_at',
        'event.seq',
      ])
      .where('message.org_id', '=', orgId)
      .where('message.incident_id', '=', incident.id)
      .orderBy('event.seq')
      .execute(),
  ]);
  const staff = await sharingRepository.userNames(executor, orgId, [
    ...measures.map((measure) => measure.owner_id),
    ...records.filter((record) => record.recorded_by_type === 'user').map((record) => record.recorded_by),
  ]);

  push(incident.started_at, {
    kind: 'incident.started',
    text: `${incident.title}: ${incident.summary}`,
    who: null,
    messageId: null,
    personId: null,
  });
  for (const person of people) {
    push(person.added_at, {
      kind: 'person.added',
      text: `${personName(person)} added: ${person.risk_level} risk.`,
      who: null,
      messageId: null,
      personId: person.person_id,
    });
    if (person.adjusted_at && person.adjusted_level) {
      push(person.adjusted_at, {
        kind: 'person.risk_adjusted',
        text: `${personName(person)}: risk changed to ${person.adjusted_level}. ${person.adjusted_reason ?? ''}`.trim(),
        who: null,
        messageId: null,
        personId: person.person_id,
      });
    }
  }
  for (const measure of measures) {
    const what = `${measureWords[measure.kind]}: ${measure.description}`;
    const who = staff.get(measure.owner_id) ?? null;
    push(measure.starts_at, {
      kind: 'measure.started',
      text: what,
      who,
      messageId: null,
      personId: measure.person_id,
    });
    if (measure.ended_at) {
      push(measure.ended_at, {
        kind: 'measure.ended',
        text: `Ended. ${what}`,
        who,
        messageId: null,
        personId: measure.person_id,
      });
    }
  }
  for (const record of records) {
    const who =
      record.recorded_by_type === 'user' ? (staff.get(record.recorded_by) ?? null) : 'A connected system';
    const text =
      record.kind === 'decision'
        ? `Decision: ${record.decision} Evidence: ${record.evidence} Why: ${record.rationale}`
        : record.kind === 'note'
          ? (record.note ?? '')
          : `${record.kind === 'hazard' ? 'Hazard' : 'Reading'} at ${record.location}: ${[
              record.measure,
              record.value === null ? null : `${Number(record.value)}${record.unit ? ` ${record.unit}` : ''}`,
              record.note,
            ]
              .filter(Boolean)
              .join(', ')}`;
    push(record.occurred_at, { kind: record.kind, text, who, messageId: null, personId: null });
  }
  for (const event of events) {
    push(event.occurred_at, {
      kind: `message.${event.kind}`,
      text: `${eventWords[event.kind] ?? event.kind}: "${event.subject}" (${event.partner_name})${event.text ? `. ${event.text}` : ''}`,
      who: event.actor_name,
      messageId: event.message_id,
      personId: event.person_id,
    });
  }
  if (incident.ended_at) {
    push(incident.ended_at, {
      kind: 'incident.ended',
      text: 'The disruption ended.',
      who: null,
      messageId: null,
      personId: null,
    });
  }
  if (incident.closed_at) {
    push(incident.closed_at, {
      kind: 'incident.closed',
      text: 'Incident closed.',
      who: null,
      messageId: null,
      personId: null,
    });
  }
  return entries
    .sort((a, b) => a.sortAt - b.sortAt || a.order - b.order)
    .map(({ sortAt: _sortAt, order: _order, ...entry }) => entry);
}

// ---- the review ----

const targetRank: Record<EscalationTarget, number> = {
  remind_same_contact: 1,
  next_contact: 2,
  duty_or_out_of_hours_channel: 3,
  senior_contact: 4,
  internal_manager: 5,
  internal_registered_manager: 6,
};

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

export type IncidentReview = Awaited<ReturnType<typeof computeReview>>;

/**
 * The post-incident review, from the records as they stand at `at`: time from the start to the
 * first partner contact, each partner's times to acknowledge and respond, requests that escalated
 * and how far, requests never answered, decisions with the advice behind them, interim measures
 * and when they ended, and the people affected by level.
 */
export async function computeReview(executor: Executor, incident: IncidentRow, at: Date) {
  const orgId = incident.org_id;
  const messages = await executor
    .selectFrom('partner_messages as message')
    .innerJoin('partner_organisations as partner', (join) =>
      join
        .onRef('partner.org_id', '=', 'message.org_id')
        .onRef('partner.id', '=', 'message.partner_organisation_id'),
    )
    .innerJoin('partner_contacts as contact', (join) =>
      join
        .onRef('contact.org_id', '=', 'message.org_id')
        .onRef('contact.id', '=', 'message.partner_contact_id'),
    )
    .selectAll('message')
    .select(['partner.name as partner_name', 'contact.name as contact_name'])
    .where('message.org_id', '=', orgId)
    .where('message.incident_id', '=', incident.id)
    .orderBy('message.sent_at')
    .execute();
  const steps =
    messages.length === 0
      ? []
      : await executor
          .selectFrom('escalation_steps')
          .select(['subject_id', 'target', 'step_index', 'fired_at'])
          .where('org_id', '=', orgId)
          .where('subject_type', '=', 'partner_message')
          .where(
            'subject_id',
            'in',
            messages.map((message) => message.id),
          )
          .where('status', '=', 'fired')
          .execute();
  const sentMessages = messages.filter((message) => message.status !== 'withdrawn');
  const first = sentMessages[0];

  const byPartner = new Map<string, typeof sentMessages>();
  for (const message of sentMessages) {
    byPartner.set(message.partner_organisation_id, [
      ...(byPartner.get(message.partner_organisation_id) ?? []),
      message,
    ]);
  }
  const responseAt = (message: (typeof sentMessages)[number]) => message.responded_at ?? message.declined_at;
  const partners = [...byPartner.entries()].map(([partnerId, list]) => {
    const acknowledgements = list.flatMap((message) =>
      message.acknowledged_at ? [minutesBetween(message.sent_at, message.acknowledged_at)] : [],
    );
    const responses = list.flatMap((message) => {
      const answered = responseAt(message);
      return answered ? [minutesBetween(message.sent_at, answered)] : [];
    });
    return {
      partnerOrganisationId: partnerId,
      name: list[0]!.partner_name,
      messages: list.length,
      firstContactAt: list[0]!.sent_at.toISOString(),
      acknowledged: acknowledgements.length,
      firstAcknowledgementMinutes: acknowledgements.length > 0 ? Math.min(...acknowledgements) : null,
      medianMinutesToAcknowledge: median(acknowledgements),
      responded: responses.length,
      medianMinutesToRespond: median(responses),
      slowestMinutesToRespond: responses.length > 0 ? Math.max(...responses) : null,
      notResponded: list.filter((message) => message.template !== 'update' && !responseAt(message)).length,
    };
  });

  const escalated = sentMessages.flatMap((message) => {
    const fired = steps.filter((step) => step.subject_id === message.id);
    if (fired.length === 0) return [];
    const furthest = fired.reduce((best, step) =>
      targetRank[step.target] > targetRank[best.target] ? step : best,
    );
    return [
      {
        messageId: message.id,
        subject: message.subject,
        partner: message.partner_name,
        stepsFired: fired.length,
        furthestTarget: furthest.target,
        reachedManagers: fired.some(
          (step) => step.target === 'internal_manager' || step.target === 'internal_registered_manager',
        ),
        answered: Boolean(responseAt(message)),
      },
    ];
  });

  const nonResponses = sentMessages
    .filter((message) => message.template !== 'update' && !responseAt(message))
    .map((message) => ({
      messageId: message.id,
      subject: message.subject,
      partner: message.partner_name,
      contact: message.contact_name,
      sentAt: message.sent_at.toISOString(),
      deadline: message.deadline?.toISOString() ?? null,
      acknowledged: Boolean(message.acknowledged_at),
    }));

  const records = await executor
    .selectFrom('incident_records')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incident.id)
    .where('kind', '=', 'decision')
    .orderBy('occurred_at')
    .execute();
  const adviceIds = [...new Set(records.flatMap((record) => record.advice_ids))];
  const advice =
    adviceIds.length === 0
      ? []
      : await executor
          .selectFrom('advice_records')
          .select(['id', 'given_by_name', 'given_by_role', 'advice', 'received_how', 'confirmation_status'])
          .where('org_id', '=', orgId)
          .where('id', 'in', adviceIds)
          .execute();
  const measures = await executor
    .selectFrom('incident_measures')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incident.id)
    .orderBy('starts_at')
    .execute();
  const staff = await sharingRepository.userNames(executor, orgId, [
    ...records.filter((record) => record.recorded_by_type === 'user').map((record) => record.recorded_by),
    ...measures.map((measure) => measure.owner_id),
  ]);
  const people = await executor
    .selectFrom('incident_people')
    .select(['risk_level', 'adjusted_level'])
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incident.id)
    .execute();
  const levels = people.map(effectiveLevel);

  return {
    generatedAt: at.toISOString(),
    incident: {
      title: incident.title,
      type: incident.type,
      severity: incident.severity,
      startedAt: incident.started_at.toISOString(),
      endedAt: incident.ended_at?.toISOString() ?? null,
      durationMinutes: incident.ended_at ? minutesBetween(incident.started_at, incident.ended_at) : null,
    },
    people: {
      total: levels.length,
      high: levels.filter((level) => level === 'high').length,
      medium: levels.filter((level) => level === 'medium').length,
      low: levels.filter((level) => level === 'low').length,
    },
    firstPartnerContact: first
      ? {
          at: first.sent_at.toISOString(),
          minutesFromStart: minutesBetween(incident.started_at, first.sent_at),
          partner: first.partner_name,
        }
      : null,
    messagesSent: sentMessages.length,
    partners,
    escalated,
    nonResponses,
    decisions: records.map((record) => ({
      at: record.occurred_at.toISOString(),
      by:
        record.recorded_by_type === 'user'
          ? (staff.get(record.recorded_by) ?? 'Former member of staff')
          : 'A connected system',
      decision: record.decision ?? '',
      evidence: record.evidence ?? '',
      rationale: record.rationale ?? '',
      advice: record.advice_ids.flatMap((adviceId) => {
        const found = advice.find((each) => each.id === adviceId);
        return found
          ? [
              {
                givenBy: [found.given_by_name, found.given_by_role].filter(Boolean).join(', '),
                advice: found.advice,
                receivedHow: found.received_how,
                confirmation: found.confirmation_status,
              },
            ]
          : [];
      }),
    })),
    measures: measures.map((measure) => ({
      kind: measure.kind,
      description: measure.description,
      owner: staff.get(measure.owner_id) ?? 'Former member of staff',
      startsAt: measure.starts_at.toISOString(),
      endedAt: measure.ended_at?.toISOString() ?? null,
      minutesInPlace: measure.ended_at ? minutesBetween(measure.starts_at, measure.ended_at) : null,
    })),
  };
}

export async function learningActions(executor: Executor, orgId: string, incidentId: string) {
  const actions = await executor
    .selectFrom('incident_learning_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .orderBy('due_on')
    .orderBy('created_at')
    .execute();
  const owners = await sharingRepository.userNames(
    executor,
    orgId,
    actions.map((action) => action.owner_id),
  );
  return actions.map((action) => ({
    id: action.id,
    action: action.action,
    owner: owners.get(action.owner_id) ?? 'Former member of staff',
    ownerId: action.owner_id,
    dueOn: action.due_on,
    doneAt: action.done_at?.toISOString() ?? null,
  }));
}

/**
 * The review: as frozen when the incident was closed, or worked out now for an open incident
 * (a preview). Reading it is audited.
 */
export async function viewReview(
  db: Db,
  context: RequestContext,
  id: string,
  clock: Clock,
  reading: { action: string; details?: Record<string, unknown> } = { action: 'incident.view_review' },
) {
  return db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id);
    const figures =
      (incident.review as IncidentReview | null) ?? (await computeReview(trx, incident, clock.now()));
    await recordAudit(trx, context, clock.now(), {
      action: reading.action,
      entityType: 'incident',
      entityId: id,
      ...(reading.details ? { details: reading.details } : {}),
    });
    return {
      status: incident.status,
      final: incident.status === 'closed',
      findings: incident.findings,
      figures,
      learningActions: await learningActions(trx, context.orgId, id),
    };
  });
}

/** Closes the incident: the review's figures are worked out and kept as they stand now. */
export async function closeIncident(
  db: Db,
  context: RequestContext,
  id: string,
  input: { endedAt?: string | undefined; findings?: string | null | undefined },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const incident = await findIncident(trx, context.orgId, id, true);
    if (incident.status === 'closed') throw new AppError('conflict', 'This incident is already closed.');
    const endedAt = input.endedAt ? new Date(input.endedAt) : (incident.ended_at ?? at);
    if (endedAt.getTime() < incident.started_at.getTime()) {
      throw new AppError('validation', 'The end must be after the start.', { field: 'endedAt' });
    }
    if (endedAt.getTime() > at.getTime() + 60_000) {
      throw new AppError('validation', 'The end cannot be in the future.', { field: 'endedAt' });
    }
    const ended = { ...incident, ended_at: endedAt };
    const review = await computeReview(trx, ended, at);
    await trx
      .updateTable('incidents')
      .set({
        status: 'closed',
        ended_at: endedAt,
        closed_at: at,
        closed_by: context.actor.type === 'user' ? context.actor.id : null,
        review: JSON.stringify(review),
        ...(input.findings?.trim() ? { findings: input.findings.trim() } : {}),
        updated_at: at,
        version: (eb) => eb('version', '+', 1),
      })
      .where('org_id', '=', context.orgId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, context, at, {
      action: 'incident.close',
      entityType: 'incident',
      entityId: id,
      changedFields: ['status', 'ended_at', 'closed_at', 'review', ...(input.findings ? ['findings'] : [])],
    });
  });
  return viewReview(db, context, id, clock);
}

export async function setFindings(
  db: Db,
  context: RequestContext,
  id: string,
  findings: string,
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await findIncident(trx, context.orgId, id, true);
    await trx
      .updateTable('incidents')
      .set({ findings, updated_at: at, version: (eb) => eb('version', '+', 1) })
      .where('org_id', '=', context.orgId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, context, at, {
      action: 'incident.set_findings',
      entityType: 'incident',
      entityId: id,
      changedFields: ['findings'],
    });
  });
  return viewReview(db, context, id, clock);
}

export async function addLearningAction(
  db: Db,
  context: RequestContext,
  id: string,
  input: { action: string; ownerId: string; dueOn: string },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await findIncident(trx, context.orgId, id, true);
    const owner = await trx
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', context.orgId)
      .where('id', '=', input.ownerId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!owner) throw new AppError('validation', 'Choose a current member of staff.', { field: 'ownerId' });
    const actionId = randomUUID();
    await trx
      .insertInto('incident_learning_actions')
      .values({
        org_id: context.orgId,
        id: actionId,
        incident_id: id,
        action: input.action,
        owner_id: input.ownerId,
        due_on: input.dueOn,
        done_at: null,
        created_at: at,
      })
      .execute();
    await recordAudit(trx, context, at, {
      action: 'incident.add_learning_action',
      entityType: 'incident_learning_action',
      entityId: actionId,
      changedFields: Object.keys(input),
      details: { incidentId: id },
    });
  });
  return learningActions(db, context.orgId, id);
}

export async function completeLearningAction(
  db: Db,
  context: RequestContext,
  id: string,
  actionId: string,
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('incident_learning_actions')
      .set({ done_at: at })
      .where('org_id', '=', context.orgId)
      .where('incident_id', '=', id)
      .where('id', '=', actionId)
      .where('done_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw notFound('An open learning action with this id on this incident');
    await recordAudit(trx, context, at, {
      action: 'incident.complete_learning_action',
      entityType: 'incident_learning_action',
      entityId: actionId,
      changedFields: ['done_at'],
      details: { incidentId: id },
    });
  });
  return learningActions(db, context.orgId, id);
}

/** London time, as a governance report shows it. */
export function londonText(iso: string | null): string {
  return iso ? inLondon(new Date(iso)).toFormat("d LLLL yyyy 'at' HH:mm") : '—';
}

/** "2 h 5 min", "45 min". */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return '—';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours > 0 ? `${hours} h ${rest} min` : `${rest} min`;
}
