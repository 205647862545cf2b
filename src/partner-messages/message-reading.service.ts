import { recordAudit } from '../audit/audit.service.ts';
import { restrictedReader } from '../auth/need-to-know.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { mutableRoute } from '../escalation/escalation-routes.ts';
import { findSteps } from '../escalation/escalation-steps.service.ts';
import { emailsOf } from '../outbox/outbox.service.ts';
import { linksOf } from '../partner-access/partner-links.service.ts';
import { staffNames } from '../users/users.service.ts';
import { findMessageOrigin } from './message-origins.ts';
import { mayReadMessage } from './message-readers.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import { MESSAGE_SUBJECT, type Page } from './partner-messages.service.ts';

import type { MessageEventRow, PartnerMessageRow } from './partner-messages.table.ts';

/** A message with the names of those it is about and to, as lists and pages show it. */
export type MessageWithNames = messagesRepository.MessageWithNames;

// ---- reading ----

function isOverdue(message: PartnerMessageRow, now: Date): boolean {
  return (
    message.deadline !== null &&
    message.deadline.getTime() < now.getTime() &&
    ['sent', 'acknowledged', 'accepted'].includes(message.status)
  );
}

export function toMessageSummary(message: messagesRepository.MessageWithNames, now: Date) {
  return {
    id: message.id,
    template: message.template,
    askType: message.ask_type,
    urgency: message.urgency,
    subject: message.subject,
    status: message.status,
    personId: message.person_id,
    personName: message.person_name,
    partnerOrganisationId: message.partner_organisation_id,
    partnerOrganisationName: message.partner_organisation_name,
    partnerContactId: message.partner_contact_id,
    partnerContactName: message.partner_contact_name,
    deadline: message.deadline?.toISOString() ?? null,
    overdue: isOverdue(message, now),
    escalationStepsFired: message.escalation_steps_fired,
    sentAt: message.sent_at.toISOString(),
    version: message.version,
  };
}

export function toEventResponse(event: MessageEventRow) {
  return {
    id: event.id,
    kind: event.kind,
    actorType: event.actor_type,
    actorName: event.actor_name,
    actorRole: event.actor_role,
    how: event.how,
    text: event.text,
    details: event.details,
    occurredAt: event.occurred_at.toISOString(),
    recordedAt: event.recorded_at.toISOString(),
  };
}

export async function listMessages(
  db: Db,
  context: RequestContext,
  options: Page & { view: messagesRepository.MessageListView; personId?: string | undefined },
  clock: Clock,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const messages = await messagesRepository.listMessages(trx, context.orgId, {
      ...options,
      now,
      restricted: restrictedReader(context),
    });
    if (options.personId) {
      await recordAudit(trx, context, now, {
        action: 'partner_message.list',
        entityType: 'person',
        entityId: options.personId,
        details: { view: options.view, results: messages.length },
      });
    }
    return messages.map((message) => toMessageSummary(message, now));
  });
}

/**
 * What waits for staff among the messages: answers from partners not yet closed, and requests past
 * their deadline with no answer; each a count and the first `limit`. Only the messages `sentBy`
 * sent, when given (a care worker's own). Reads only: the caller audits the view.
 */
export async function messagesWaitingForStaff(
  executor: Executor,
  context: RequestContext,
  options: { sentBy: string | null; now: Date; limit: number },
) {
  const restricted = restrictedReader(context);
  const waiting = async (kind: 'replied' | 'overdue') => ({
    count: await messagesRepository.countMessagesWaiting(executor, context.orgId, {
      ...options,
      kind,
      restricted,
    }),
    messages: await messagesRepository.listMessagesWaiting(executor, context.orgId, {
      ...options,
      kind,
      restricted,
    }),
  });
  return { replied: await waiting('replied'), overdue: await waiting('overdue') };
}

/** The message with its whole thread, escalation steps and links. Reading it is audited. */
export async function viewMessage(
  db: Db,
  context: RequestContext,
  id: string,
  clock: Clock,
  options: { audit: boolean } = { audit: true },
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const message = await messagesRepository.findMessage(trx, context.orgId, id);
    if (!message || !mayReadMessage(context, message)) throw notFound('The message');
    const events = await messagesRepository.listEvents(trx, context.orgId, id);
    const steps = await findSteps(trx, { orgId: context.orgId, type: MESSAGE_SUBJECT, id });
    const links = await linksOf(trx, context.orgId, { type: 'partner_message', id });
    const emails = await emailsOf(trx, context.orgId, { type: 'partner_message', id });
    const sentFrom = await findMessageOrigin(trx, message);
    const sender =
      message.sent_by_type === 'user' && message.sent_by
        ? ((await staffNames(trx, context, [message.sent_by])).get(message.sent_by) ??
          'Former member of staff')
        : message.sent_by_type === 'api_token'
          ? 'A connected system'
          : 'Liaison';
    if (options.audit) {
      await recordAudit(trx, context, now, {
        action: 'partner_message.view',
        entityType: 'partner_message',
        entityId: id,
        details: { personId: message.person_id },
      });
    }
    return {
      ...toMessageSummary(message, now),
      purpose: message.purpose,
      categories: message.categories,
      shareId: message.share_id,
      summary: message.summary,
      impact: message.impact,
      mitigations: message.mitigations,
      ask: message.ask,
      body: message.body,
      sentBy: sender,
      acknowledgedAt: message.acknowledged_at?.toISOString() ?? null,
      acceptedAt: message.accepted_at?.toISOString() ?? null,
      declinedAt: message.declined_at?.toISOString() ?? null,
      declineReason: message.decline_reason,
      respondedAt: message.responded_at?.toISOString() ?? null,
      doneAt: message.done_at?.toISOString() ?? null,
      outcome: message.outcome,
      closedAt: message.closed_at?.toISOString() ?? null,
      withdrawnAt: message.withdrawn_at?.toISOString() ?? null,
      withdrawnReason: message.withdrawn_reason,
      confirmsAdviceId: message.confirms_advice_id,
      incidentId: message.incident_id,
      sentFrom,
      escalationRoute: mutableRoute(message.escalation_route),
      steps: steps.map((step) => ({
        id: step.id,
        index: step.step_index,
        target: step.target,
        stopsOnAcknowledgement: step.stops_on_acknowledgement,
        plannedAt: step.planned_at.toISOString(),
        status: step.status,
        firedAt: step.fired_at?.toISOString() ?? null,
        cancelledReason: step.cancelled_reason,
      })),
      links: links.map((link) => ({
        id: link.id,
        contactName: link.contact_name,
        createdAt: link.created_at.toISOString(),
        expiresAt: link.expires_at.toISOString(),
        revokedAt: link.revoked_at?.toISOString() ?? null,
        lastUsedAt: link.last_used_at?.toISOString() ?? null,
      })),
      emails,
      sharingEnded:
        message.sharing_ended_at && message.sharing_ended_reason
          ? { at: message.sharing_ended_at.toISOString(), reason: message.sharing_ended_reason }
          : null,
      events: events.map(toEventResponse),
    };
  });
}
