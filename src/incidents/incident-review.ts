import { inLondon } from '../calendar/london-time.ts';
import type { Executor } from '../db/database.ts';
import type { EscalationTarget } from '../escalation/escalation-routes.ts';
import type { EventKind, MessageTemplateKind } from '../partner-messages/partner-messages.table.ts';
import { personName } from '../people/person-name.ts';
import { staffNames } from '../users/users.service.ts';
import { effectiveLevel } from './incident-people.service.ts';
import * as reviewRepository from './incident-review.repository.ts';
import * as incidentsRepository from './incidents.repository.ts';
import type { IncidentRow } from './incidents.table.ts';

// The post-incident review's figures, computed from the records: never typed in.

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
  const key = { orgId, incidentId: incident.id };
  const messages = await reviewRepository.listReviewMessages(executor, key);
  const messageIds = messages.map((message) => message.id);
  const events: ThreadEvent[] = await reviewRepository.listThreadEvents(executor, orgId, messageIds);
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

  const records = await reviewRepository.listDecisions(executor, key);
  const decisionAdviceIds = records.flatMap((record) => record.advice_ids);
  const advice = await reviewRepository.listReviewAdvice(executor, orgId, {
    messageIds,
    adviceIds: decisionAdviceIds,
  });
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

  const refusals = await reviewRepository.listGateRefusals(executor, key);

  const measures = await incidentsRepository.listMeasures(executor, orgId, incident.id);
  const byUser = (list: readonly { recorded_by_type: string; recorded_by: string }[]) =>
    list.filter((record) => record.recorded_by_type === 'user').map((record) => record.recorded_by);
  const staff = await staffNames(executor, { orgId }, [
    ...byUser(records),
    ...byUser(refusals),
    ...measures.map((measure) => measure.owner_id),
  ]);
  const recorder = (record: { recorded_by_type: string; recorded_by: string }) =>
    record.recorded_by_type === 'user'
      ? (staff.get(record.recorded_by) ?? 'Former member of staff')
      : 'A connected system';
  const people = await reviewRepository.listRiskLevels(executor, key);
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
