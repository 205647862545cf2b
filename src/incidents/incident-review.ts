import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import type { EscalationTarget } from '../escalation/escalation-routes.ts';
import type { EventKind, MessageTemplateKind } from '../partner-messages/partner-messages.table.ts';
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
      .selectFrom('incident_records as record')
      .leftJoin('share_log as share', (join) =>
        join.onRef('share.org_id', '=', 'record.org_id').onRef('share.id', '=', 'record.share_id'),
      )
      .selectAll('record')
      .select('share.person_id')
      .where('record.org_id', '=', orgId)
      .where('record.incident_id', '=', incident.id)
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
        : record.kind === 'note' || record.kind === 'gate_refusal'
          ? (record.note ?? '')
          : `${record.kind === 'hazard' ? 'Hazard' : 'Reading'} at ${record.location}: ${[
              record.measure,
              record.value === null ? null : `${Number(record.value)}${record.unit ? ` ${record.unit}` : ''}`,
              record.note,
            ]
              .filter(Boolean)
              .join(', ')}`;
    push(record.occurred_at, { kind: record.kind, text, who, messageId: null, personId: record.person_id });
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
const isTarget = (value: unknown): value is EscalationTarget =>
  typeof value === 'string' && value in targetRank;

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/** The middle value; of an even number, the mean of the middle two, to the nearest minute. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/** What a message waits for: a request its response, an incident update to be received, a plain update nothing. */
export type AwaitedAnswer = 'response' | 'acknowledgement' | 'nothing';
const awaitedAnswer: Record<MessageTemplateKind, AwaitedAnswer> = {
  request: 'response',
  safeguarding: 'response',
  meeting_request: 'response',
  incident_update: 'acknowledgement',
  update: 'nothing',
};

/** met or missed (by `deadlineMinutes`), not yet due when the review was worked out, or no deadline. */
export type DeadlineOutcome = 'met' | 'missed' | 'not_yet_due' | 'no_deadline';

const responseKinds: readonly EventKind[] = ['responded', 'done', 'declined'];

type ThreadEvent = {
  id: string;
  message_id: string;
  kind: EventKind;
  occurred_at: Date;
  details: Record<string, unknown>;
};

/**
 * One message's figures, from its thread: the first acknowledgement (an acknowledgement entry,
 * never a reply standing in for one), the first response (a response, completion or refusal),
 * whether the deadline was met and by how much, and the escalation steps that fired.
 */
function requestFigures(
  message: { id: string; template: MessageTemplateKind; sent_at: Date; deadline: Date | null },
  thread: readonly ThreadEvent[],
  at: Date,
) {
  const sent = thread.find((event) => event.kind === 'sent');
  const sentAt = sent?.occurred_at ?? message.sent_at;
  const acknowledgement = thread.find((event) => event.kind === 'acknowledged') ?? null;
  const response = thread.find((event) => responseKinds.includes(event.kind)) ?? null;
  const awaits = awaitedAnswer[message.template];
  const answer =
    awaits === 'response'
      ? response
      : awaits === 'acknowledgement'
        ? ([acknowledgement, response]
            .filter((event) => event !== null)
            .sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime())[0] ?? null)
        : null;
  let deadlineOutcome: DeadlineOutcome = 'no_deadline';
  let deadlineMinutes: number | null = null;
  if (message.deadline && awaits !== 'nothing') {
    if (answer) {
      const late = minutesBetween(message.deadline, answer.occurred_at);
      deadlineOutcome = late > 0 ? 'missed' : 'met';
      deadlineMinutes = Math.abs(late);
    } else if (message.deadline.getTime() <= at.getTime()) {
      deadlineOutcome = 'missed';
      deadlineMinutes = minutesBetween(message.deadline, at);
    } else {
      deadlineOutcome = 'not_yet_due';
    }
  }
  const escalations = thread.filter((event) => event.kind === 'escalated');
  const targets = escalations.map((event) => event.details.target).filter(isTarget);
  const furthestTarget = targets.reduce<EscalationTarget | null>(
    (best, target) => (best === null || targetRank[target] > targetRank[best] ? target : best),
    null,
  );
  return {
    sentEventId: sent?.id ?? null,
    sentAt,
    awaits,
    acknowledgement: acknowledgement
      ? {
          at: acknowledgement.occurred_at.toISOString(),
          minutes: minutesBetween(sentAt, acknowledgement.occurred_at),
          eventId: acknowledgement.id,
        }
      : null,
    response: response
      ? {
          at: response.occurred_at.toISOString(),
          minutes: minutesBetween(sentAt, response.occurred_at),
          kind: response.kind as 'responded' | 'done' | 'declined',
          eventId: response.id,
        }
      : null,
    answered: answer !== null,
    deadlineOutcome,
    deadlineMinutes,
    escalation: {
      steps: escalations.length,
      furthestTarget,
      reachedManagers: targets.some(
        (target) => target === 'internal_manager' || target === 'internal_registered_manager',
      ),
      eventIds: escalations.map((event) => event.id),
    },
  };
}

export type IncidentReview = Awaited<ReturnType<typeof computeReview>>;

/** Reviews worked out before the figures came from the threads have no `figuresVersion`. */
export const REVIEW_FIGURES_VERSION = 2;

type NewerParts =
  | 'figuresVersion'
  | 'messages'
  | 'requests'
  | 'writtenConfirmation'
  | 'medianMinutesToWrittenConfirmation'
  | 'gateRefusals';

/**
 * The figures as kept with a closed incident. One closed before the figures came from the
 * threads lacks the newer parts (and the record ids inside the older ones): it is shown as it was.
 */
export type StoredReviewFigures = Omit<IncidentReview, NewerParts> &
  Partial<Pick<IncidentReview, NewerParts>>;

/**
 * The post-incident review, from the records as they stand at `at`, each figure with the
 * messages, thread entries or records it counted: the messages sent to partners (Liaison's own
 * requests for written confirmation on a line of their own), each request's times to
 * acknowledgement and response, its deadline met or missed and how far it escalated, the same
 * per partner, the time from advice to its written confirmation, requests the sharing gate
 * refused, decisions with the advice behind them, interim measures, and the people affected.
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
    .select([
      'message.id',
      'message.template',
      'message.subject',
      'message.status',
      'message.partner_organisation_id',
      'message.sent_at',
      'message.deadline',
      'message.confirms_advice_id',
      'partner.name as partner_name',
      'contact.name as contact_name',
    ])
    .where('message.org_id', '=', orgId)
    .where('message.incident_id', '=', incident.id)
    .orderBy('message.sent_at')
    .orderBy('message.id')
    .execute();
  const messageIds = messages.map((message) => message.id);
  const events: ThreadEvent[] =
    messageIds.length === 0
      ? []
      : await executor
          .selectFrom('message_events')
          .select(['id', 'message_id', 'kind', 'occurred_at', 'details'])
          .where('org_id', '=', orgId)
          .where('message_id', 'in', messageIds)
          .orderBy('occurred_at')
          .orderBy('seq')
          .execute();
  const threadOf = new Map<string, ThreadEvent[]>();
  for (const event of events)
    threadOf.set(event.message_id, [...(threadOf.get(event.message_id) ?? []), event]);

  const withdrawn = messages.filter((message) => message.status === 'withdrawn');
  const live = messages.filter((message) => message.status !== 'withdrawn');
  const confirmationRequests = live.filter((message) => message.confirms_advice_id !== null);
  const toPartners = live.filter((message) => message.confirms_advice_id === null);

  const requests = toPartners.map((message) => {
    const figures = requestFigures(message, threadOf.get(message.id) ?? [], at);
    return {
      messageId: message.id,
      subject: message.subject,
      template: message.template,
      partnerOrganisationId: message.partner_organisation_id,
      partner: message.partner_name,
      contact: message.contact_name,
      sentAt: figures.sentAt.toISOString(),
      sentEventId: figures.sentEventId,
      deadline: message.deadline?.toISOString() ?? null,
      awaits: figures.awaits,
      acknowledgement: figures.acknowledgement,
      response: figures.response,
      answered: figures.answered,
      deadlineOutcome: figures.deadlineOutcome,
      deadlineMinutes: figures.deadlineMinutes,
      escalation: figures.escalation,
    };
  });
  type Request = (typeof requests)[number];
  const first = requests[0];

  const byPartner = new Map<string, Request[]>();
  for (const request of requests) {
    byPartner.set(request.partnerOrganisationId, [
      ...(byPartner.get(request.partnerOrganisationId) ?? []),
      request,
    ]);
  }
  const idsWhere = (list: readonly Request[], test: (request: Request) => boolean) =>
    list.filter(test).map((request) => request.messageId);
  const partners = [...byPartner.entries()].map(([partnerId, list]) => {
    const acknowledgements = list.flatMap((request) =>
      request.acknowledgement ? [request.acknowledgement] : [],
    );
    const responses = list.flatMap((request) => (request.response ? [request.response] : []));
    const ackMinutes = acknowledgements.map((each) => each.minutes);
    const responseMinutes = responses.map((each) => each.minutes);
    const escalatedTargets = list.flatMap((request) =>
      request.escalation.furthestTarget ? [request.escalation.furthestTarget] : [],
    );
    return {
      partnerOrganisationId: partnerId,
      name: list[0]!.partner,
      messages: list.length,
      messageIds: list.map((request) => request.messageId),
      firstContactAt: list[0]!.sentAt,
      acknowledged: acknowledgements.length,
      acknowledgementEventIds: acknowledgements.map((each) => each.eventId),
      notAcknowledgedMessageIds: idsWhere(list, (request) => request.acknowledgement === null),
      firstAcknowledgementMinutes: ackMinutes.length > 0 ? Math.min(...ackMinutes) : null,
      medianMinutesToAcknowledge: median(ackMinutes),
      responded: responses.length,
      responseEventIds: responses.map((each) => each.eventId),
      medianMinutesToRespond: median(responseMinutes),
      slowestMinutesToRespond: responseMinutes.length > 0 ? Math.max(...responseMinutes) : null,
      notResponded: list.filter((request) => request.awaits !== 'nothing' && !request.answered).length,
      notRespondedMessageIds: idsWhere(list, (request) => request.awaits !== 'nothing' && !request.answered),
      deadlinesMetMessageIds: idsWhere(list, (request) => request.deadlineOutcome === 'met'),
      deadlinesMissedMessageIds: idsWhere(list, (request) => request.deadlineOutcome === 'missed'),
      notYetDueMessageIds: idsWhere(list, (request) => request.deadlineOutcome === 'not_yet_due'),
      furthestEscalation: escalatedTargets.reduce<EscalationTarget | null>(
        (best, target) => (best === null || targetRank[target] > targetRank[best] ? target : best),
        null,
      ),
    };
  });

  const escalated = requests
    .filter((request) => request.escalation.steps > 0)
    .map((request) => ({
      messageId: request.messageId,
      subject: request.subject,
      partner: request.partner,
      stepsFired: request.escalation.steps,
      furthestTarget: request.escalation.furthestTarget ?? 'remind_same_contact',
      reachedManagers: request.escalation.reachedManagers,
      answered: request.answered,
      eventIds: request.escalation.eventIds,
    }));

  const nonResponses = requests
    .filter((request) => request.awaits !== 'nothing' && !request.answered)
    .map((request) => ({
      messageId: request.messageId,
      subject: request.subject,
      partner: request.partner,
      contact: request.contact,
      sentAt: request.sentAt,
      deadline: request.deadline,
      acknowledged: request.acknowledgement !== null,
      deadlineOutcome: request.deadlineOutcome,
      deadlineMinutes: request.deadlineMinutes,
    }));

  const records = await executor
    .selectFrom('incident_records')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incident.id)
    .where('kind', '=', 'decision')
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  const decisionAdviceIds = records.flatMap((record) => record.advice_ids);
  const advice =
    messageIds.length === 0 && decisionAdviceIds.length === 0
      ? []
      : await executor
          .selectFrom('advice_records as advice')
          .leftJoin('partner_organisations as partner', (join) =>
            join
              .onRef('partner.org_id', '=', 'advice.org_id')
              .onRef('partner.id', '=', 'advice.partner_organisation_id'),
          )
          .select([
            'advice.id',
            'advice.message_id',
            'advice.given_by_name',
            'advice.given_by_role',
            'advice.given_at',
            'advice.advice',
            'advice.received_how',
            'advice.confirmation_status',
            'advice.confirmation_message_id',
            'advice.confirmed_at',
            'partner.name as partner_name',
          ])
          .where('advice.org_id', '=', orgId)
          .where((where) =>
            where.or([
              ...(messageIds.length > 0 ? [where('advice.message_id', 'in', messageIds)] : []),
              ...(decisionAdviceIds.length > 0
                ? [where('advice.id', 'in', [...new Set(decisionAdviceIds)])]
                : []),
            ]),
          )
          .orderBy('advice.given_at')
          .orderBy('advice.id')
          .execute();
  const adviceEventKinds: readonly EventKind[] = [
    'advice_recorded',
    'confirmation_requested',
    'confirmation_received',
  ];
  const writtenConfirmation = advice.map((each) => {
    const minutes = each.confirmed_at ? minutesBetween(each.given_at, each.confirmed_at) : null;
    return {
      adviceId: each.id,
      givenBy: [each.given_by_name, each.given_by_role].filter(Boolean).join(', '),
      partner: each.partner_name,
      givenAt: each.given_at.toISOString(),
      receivedHow: each.received_how,
      status: each.confirmation_status,
      confirmedAt: each.confirmed_at?.toISOString() ?? null,
      minutesToConfirm: each.confirmation_status === 'confirmed' ? minutes : null,
      messageId: each.message_id,
      confirmationMessageId: each.confirmation_message_id,
      eventIds: events
        .filter((event) => adviceEventKinds.includes(event.kind) && event.details.adviceId === each.id)
        .map((event) => event.id),
    };
  });
  const confirmationMinutes = writtenConfirmation.flatMap((each) =>
    each.minutesToConfirm === null ? [] : [each.minutesToConfirm],
  );

  const refusals = await executor
    .selectFrom('incident_records as record')
    .innerJoin('share_log as share', (join) =>
      join.onRef('share.org_id', '=', 'record.org_id').onRef('share.id', '=', 'record.share_id'),
    )
    .innerJoin('people as person', (join) =>
      join.onRef('person.org_id', '=', 'share.org_id').onRef('person.id', '=', 'share.person_id'),
    )
    .innerJoin('partner_organisations as partner', (join) =>
      join
        .onRef('partner.org_id', '=', 'share.org_id')
        .onRef('partner.id', '=', 'share.partner_organisation_id'),
    )
    .leftJoin('partner_contacts as contact', (join) =>
      join.onRef('contact.org_id', '=', 'share.org_id').onRef('contact.id', '=', 'share.partner_contact_id'),
    )
    .select([
      'record.id',
      'record.occurred_at',
      'record.recorded_by_type',
      'record.recorded_by',
      'share.id as share_id',
      'share.purpose',
      'share.reasons',
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
      'partner.name as partner_name',
      'contact.name as contact_name',
    ])
    .where('record.org_id', '=', orgId)
    .where('record.incident_id', '=', incident.id)
    .where('record.kind', '=', 'gate_refusal')
    .orderBy('record.occurred_at')
    .orderBy('record.id')
    .execute();

  const measures = await executor
    .selectFrom('incident_measures')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incident.id)
    .orderBy('starts_at')
    .execute();
  const byUser = (list: readonly { recorded_by_type: string; recorded_by: string }[]) =>
    list.filter((record) => record.recorded_by_type === 'user').map((record) => record.recorded_by);
  const staff = await sharingRepository.userNames(executor, orgId, [
    ...byUser(records),
    ...byUser(refusals),
    ...measures.map((measure) => measure.owner_id),
  ]);
  const recorder = (record: { recorded_by_type: string; recorded_by: string }) =>
    record.recorded_by_type === 'user'
      ? (staff.get(record.recorded_by) ?? 'Former member of staff')
      : 'A connected system';
  const people = await executor
    .selectFrom('incident_people')
    .select(['risk_level', 'adjusted_level'])
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incident.id)
    .execute();
  const levels = people.map(effectiveLevel);

  return {
    figuresVersion: REVIEW_FIGURES_VERSION,
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
          at: first.sentAt,
          minutesFromStart: minutesBetween(incident.started_at, new Date(first.sentAt)),
          partner: first.partner,
          messageId: first.messageId,
        }
      : null,
    /** Messages to partners, not counting Liaison's own requests for written confirmation, nor withdrawn ones. */
    messagesSent: toPartners.length,
    messages: {
      toPartners: { count: toPartners.length, messageIds: toPartners.map((message) => message.id) },
      confirmationRequests: {
        count: confirmationRequests.length,
        messageIds: confirmationRequests.map((message) => message.id),
      },
      withdrawn: { count: withdrawn.length, messageIds: withdrawn.map((message) => message.id) },
    },
    requests,
    partners,
    escalated,
    nonResponses,
    writtenConfirmation,
    medianMinutesToWrittenConfirmation: median(confirmationMinutes),
    gateRefusals: refusals.map((refusal) => ({
      recordId: refusal.id,
      shareId: refusal.share_id,
      at: refusal.occurred_at.toISOString(),
      by: recorder(refusal),
      person: personName(refusal),
      partner: refusal.partner_name,
      contact: refusal.contact_name,
      purpose: refusal.purpose,
      reasons: refusal.reasons.map((reason) => ({ code: reason.code, message: reason.message })),
    })),
    decisions: records.map((record) => ({
      recordId: record.id,
      at: record.occurred_at.toISOString(),
      by: recorder(record),
      decision: record.decision ?? '',
      evidence: record.evidence ?? '',
      rationale: record.rationale ?? '',
      advice: record.advice_ids.flatMap((adviceId) => {
        const found = advice.find((each) => each.id === adviceId);
        return found
          ? [
              {
                adviceId: found.id,
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
      (incident.review as StoredReviewFigures | null) ?? (await computeReview(trx, incident, clock.now()));
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

/** London time, as a governance report shows it; `none` says in words that there is no time. */
export function londonText(iso: string | null, none = 'not recorded'): string {
  return iso ? inLondon(new Date(iso)).toFormat("d LLLL yyyy 'at' HH:mm") : none;
}

/** "2 h 5 min", "4 h", "45 min"; `none` says in words that there is no figure. */
export function minutesText(minutes: number | null, none = 'not known'): string {
  if (minutes === null) return none;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
