import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { resolveAttentionOf } from '../attention/attention.service.ts';
import type { AttentionKind } from '../attention/attention.table.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { AppError, changedElsewhere, checkVersion, type FieldProblem, notFound } from '../errors.ts';
import {
  cancellationFor,
  checkRoute,
  defaultRouteFor,
  type EscalationRoute,
  type EscalationTemplate,
  planSteps,
} from '../escalation/escalation-routes.ts';
import { cancelSteps, findSteps, scheduleSteps } from '../escalation/escalation-steps.service.ts';
import { isMailConfigured } from '../mail/mailer.ts';
import { checkMessage, isPlaceholder, type MessageDraft } from '../messages/message-check.ts';
import {
  emailsOf,
  LINK_TOKEN_PLACEHOLDER,
  type LinkSettings,
  queuePartnerEmail,
  sharesWaitingOnLink,
} from '../outbox/outbox.service.ts';
import type { RequestUrgency } from '../partners/channel-choice.ts';
import * as partnersRepository from '../partners/partners.repository.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import * as sharingRepository from '../sharing/sharing.repository.ts';
import { markQueuedShareSent, shareRefused } from '../sharing/sharing.service.ts';
import { emailAbout, partnerMessageEmail } from './message-emails.ts';
import { issueLink, partnerLinkUrl } from './partner-links.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import type {
  CheckMessageInput,
  LinkHandedOverInput,
  LogContactInput,
  SendMessageInput,
} from './partner-messages.schemas.ts';
import { peopleNamedIn, subjectProblems } from './people-named.ts';

const handoverWords: Record<LinkHandedOverInput['how'], string> = {
  by_phone: 'by phone',
  in_person: 'in person',
  by_own_secure_email: 'by secure email from a staff account',
  other: 'another way',
};

import type {
  AskType,
  EventKind,
  MessageEventRow,
  MessageStatus,
  MessageTemplateKind,
  PartnerMessageRow,
  PartnerMessageUpdate,
  ReceivedHow,
} from './partner-messages.table.ts';

/** What escalation steps and shares name as their subject. */
export const MESSAGE_SUBJECT = 'partner_message';

type Page = { limit: number; offset: number };
type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

/**
 * What the sender is told about the email: queued for the mail server, or not sent at all because
 * no mail server is set up (they must give the partner the link another way).
 */
export function emailStateFor(config: Pick<Config, 'smtp'>): 'queued' | 'no_mail_server' {
  return isMailConfigured(config.smtp) ? 'queued' : 'no_mail_server';
}

const invalid = (field: string, message: string): FieldProblem => ({ field, message });

/** The escalation route family a message follows; a plain update has none. */
export function escalationTemplateFor(
  template: MessageTemplateKind,
  askType: AskType | null | undefined,
): EscalationTemplate | null {
  switch (template) {
    case 'request':
      return `request_${askType ?? 'action'}`;
    case 'safeguarding':
    case 'meeting_request':
    case 'incident_update':
      return template;
    case 'update':
      return null;
  }
}

/** Which parts each kind of message must have before it can be sent. */
const requiredParts: Record<MessageTemplateKind, readonly ('impact' | 'mitigations' | 'ask' | 'deadline')[]> =
  {
    request: ['impact', 'mitigations', 'ask', 'deadline'],
    safeguarding: ['impact', 'mitigations', 'ask', 'deadline'],
    meeting_request: ['ask', 'deadline'],
    incident_update: ['impact', 'mitigations', 'deadline'],
    update: [],
  };

const partWords = {
  impact: 'Say how people or services are affected.',
  mitigations: 'Say what is already in place to reduce the risk.',
  ask: 'Say exactly what you are asking the partner to do.',
  deadline: 'Choose when you need a response.',
} as const;

/** The draft as the message check reads it. */
export function toDraft(input: CheckMessageInput | SendMessageInput): MessageDraft {
  const asksSomething = input.template !== 'update' && input.template !== 'incident_update';
  return {
    template: asksSomething ? 'request' : 'update',
    subject: input.subject ?? '',
    summary: input.summary ?? '',
    impact: input.impact ?? '',
    mitigations: input.mitigations ?? '',
    ...(asksSomething ? { ask: input.ask ?? '', askType: input.askType ?? 'action' } : {}),
    ...(input.deadline ? { deadline: input.deadline } : {}),
    body: input.body ?? '',
  };
}

/**
 * The live message check: warnings only, never a refusal. It compares the text with the people
 * the organisation supports, so it can warn of personal details in the subject and of people
 * named in a message that is not about them.
 */
export async function checkDraft(
  executor: Executor,
  context: RequestContext,
  input: CheckMessageInput,
  clock: Clock,
) {
  const draft = toDraft(input);
  const people = await peopleNamedIn(executor, context.orgId, {
    texts: [
      draft.subject ?? '',
      draft.summary,
      draft.impact,
      draft.mitigations,
      draft.ask ?? '',
      draft.body ?? '',
    ],
    personId: input.personId,
  });
  return checkMessage(draft, { now: clock.now(), ...people });
}

/** Every part missing or wrong for this kind of message, as field problems. */
export function sendProblems(input: SendMessageInput, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.summary.trim())
    problems.push(invalid('summary', 'Write a summary of what has happened and when.'));
  for (const part of requiredParts[input.template]) {
    const value = input[part];
    if (typeof value !== 'string' || !value.trim() || (part !== 'deadline' && isPlaceholder(value))) {
      problems.push(invalid(part, partWords[part]));
    }
  }
  if (input.template === 'request' && !input.askType) {
    problems.push(
      invalid('askType', 'Choose whether you are asking for a decision, a resource, advice or an action.'),
    );
  }
  if (input.template !== 'request' && input.template !== 'safeguarding' && input.askType) {
    problems.push(invalid('askType', 'Only a request or safeguarding consultation has an ask type.'));
  }
  if (input.template === 'update' && input.escalationRoute) {
    problems.push(invalid('escalationRoute', 'A plain update is not chased, so it has no escalation route.'));
  }
  if (input.deadline && new Date(input.deadline).getTime() <= now.getTime()) {
    problems.push(invalid('deadline', 'The deadline has already passed. Choose a time in the future.'));
  }
  if (requiredParts[input.template].length > 0 && input.summary.trim()) {
    const timing = checkMessage(toDraft(input)).find((warning) => warning.code === 'summary_without_timing');
    if (timing) problems.push(invalid('summary', timing.explanation));
  }
  if (input.personId) {
    if (!input.purpose)
      problems.push(invalid('purpose', 'Choose why you are sharing information about this person.'));
    if (input.categories.length === 0) {
      problems.push(
        invalid('categories', 'Choose every category of information about the person the message contains.'),
      );
    } else if (!input.categories.includes('identity')) {
      problems.push(
        invalid(
          'categories',
          'A message about a person tells the partner who they are: include identity in the categories.',
        ),
      );
    }
  } else if (input.purpose || input.categories.length > 0) {
    problems.push(
      invalid('personId', 'Choose the person the message is about, or leave out the purpose and categories.'),
    );
  }
  return problems;
}

/** The organisation's route for this kind of message and urgency, or the default. */
export async function routeFor(
  executor: Executor,
  orgId: string,
  template: EscalationTemplate,
  urgency: RequestUrgency,
): Promise<EscalationRoute> {
  const setting = await executor
    .selectFrom('escalation_route_settings')
    .select('route')
    .where('org_id', '=', orgId)
    .where('template', '=', template)
    .where('urgency', '=', urgency)
    .executeTakeFirst();
  return setting?.route ?? defaultRouteFor(template, urgency);
}

async function actorName(executor: Executor, context: RequestContext): Promise<string> {
  if (context.actor.type === 'user') {
    const names = await sharingRepository.userNames(executor, context.orgId, [context.actor.id]);
    return names.get(context.actor.id) ?? 'Former member of staff';
  }
  return context.actor.type === 'api_token' ? 'A connected system' : 'Liaison';
}

/** The provider's own name, as partners see it. */
export async function organisationName(executor: Executor, orgId: string): Promise<string> {
  const organisation = await executor
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return organisation.name;
}

/** The address a contact is emailed at: their secure email, else email channel, else the register's address. */
export async function emailAddressOf(
  executor: Executor,
  orgId: string,
  contact: { id: string; partner_organisation_id: string; email: string | null },
): Promise<string | null> {
  const channels = await partnersRepository.findChannelsOf(executor, orgId, {
    partnerOrganisationId: contact.partner_organisation_id,
    partnerContactId: contact.id,
  });
  const byKind = (kind: string) => channels.find((channel) => channel.kind === kind)?.value;
  return byKind('secure_email') ?? byKind('email') ?? contact.email ?? null;
}

export type EventInput = {
  kind: EventKind;
  actorName?: string | null;
  actorRole?: string | null;
  how?: ReceivedHow | null;
  text?: string | null;
  details?: Record<string, unknown>;
  occurredAt?: Date;
};

/** Adds an entry to the message's thread, as the acting person or system. */
export async function addEvent(
  executor: Executor,
  context: RequestContext,
  messageId: string,
  event: EventInput,
  at: Date,
): Promise<void> {
  await messagesRepository.insertEvent(executor, {
    org_id: context.orgId,
    id: randomUUID(),
    message_id: messageId,
    kind: event.kind,
    actor_type: context.actor.type,
    actor_id: context.actor.id,
    actor_name: event.actorName === undefined ? await actorName(executor, context) : event.actorName,
    actor_role: event.actorRole ?? null,
    how: event.how ?? null,
    text: event.text ?? null,
    details: JSON.stringify(event.details ?? {}),
    occurred_at: event.occurredAt ?? at,
    recorded_at: at,
  });
}

async function resolveContacts(executor: Executor, context: RequestContext, input: SendMessageInput) {
  const problems: FieldProblem[] = [];
  const contact = await partnersRepository.findPartnerContact(
    executor,
    context.orgId,
    input.partnerContactId,
  );
  const organisation = await partnersRepository.findPartnerOrganisation(
    executor,
    context.orgId,
    input.partnerOrganisationId,
  );
  if (!organisation) {
    problems.push(
      invalid('partnerOrganisationId', 'There is no partner organisation with this id in your register.'),
    );
  }
  if (!contact) {
    problems.push(invalid('partnerContactId', 'There is no partner contact with this id in your register.'));
  } else if (contact.partner_organisation_id !== input.partnerOrganisationId) {
    problems.push(invalid('partnerContactId', `${contact.name} works for a different organisation.`));
  } else if (contact.ended_at !== null) {
    problems.push(invalid('partnerContactId', `${contact.name} has moved on: choose a current contact.`));
  }
  for (const field of ['nextContactId', 'seniorContactId'] as const) {
    const id = input[field];
    if (!id) continue;
    const other = await partnersRepository.findPartnerContact(executor, context.orgId, id);
    if (!other || other.partner_organisation_id !== input.partnerOrganisationId || other.ended_at !== null) {
      problems.push(invalid(field, 'Choose a current contact at the same partner organisation.'));
    } else if (id === input.partnerContactId) {
      problems.push(invalid(field, 'Choose someone other than the person the message is addressed to.'));
    }
  }
  const address =
    contact && problems.length === 0 ? await emailAddressOf(executor, context.orgId, contact) : null;
  if (contact && problems.length === 0 && !address) {
    problems.push(
      invalid(
        'partnerContactId',
        `${contact.name} has no email address in the register. Add one, or phone them and log the call.`,
      ),
    );
  }
  if (problems.length > 0) throw new AppError('validation', problems[0]!.message, { fields: problems });
  return { contact: contact!, organisation: organisation!, address: address! };
}

/**
 * Sends a message to a partner contact. A message about a person first passes the sharing gate
 * for the categories it contains: refused, nothing is sent and the refusal (logged) is reported.
 * Otherwise, in one transaction: the message, its first thread entry, a secure link for the
 * contact, the email carrying it (sent by the outbox), the escalation steps, and the audit entry.
 */
export async function sendMessage(
  db: Db,
  context: RequestContext,
  input: SendMessageInput,
  settings: Settings,
  /** For a message sent from an incident: the incident, and the route its messages carry. */
  options: { incidentId?: string; defaultRoute?: EscalationRoute | null } = {},
) {
  const at = settings.clock.now();
  const problems = [...sendProblems(input, at), ...(await subjectProblems(db, context.orgId, input))];
  if (problems.length > 0) throw new AppError('validation', problems[0]!.message, { fields: problems });
  const escalationTemplate = escalationTemplateFor(input.template, input.askType);

  const outcome = await db.transaction().execute(async (trx) => {
    const { contact, address } = await resolveContacts(trx, context, input);
    const id = randomUUID();
    let shareId: string | null = null;
    if (input.personId) {
      const gated = await askAtDisclosure(
        trx,
        context,
        {
          personId: input.personId,
          recipient: {
            partnerOrganisationId: input.partnerOrganisationId,
            partnerContactId: input.partnerContactId,
          },
          purpose: input.purpose!,
          categories: input.categories,
          moment: 'compose',
          description: `Message to a partner: ${input.subject}`,
          subject: { type: MESSAGE_SUBJECT, id },
        },
        at,
      );
      // The refusal is committed to the share log; nothing else is written.
      if (!gated.decision.allowed) return { refused: shareRefused(gated.decision.reasons, gated.share.id) };
      shareId = gated.share.id;
    }
    const route =
      escalationTemplate === null
        ? null
        : (input.escalationRoute ??
          options.defaultRoute ??
          (await routeFor(trx, context.orgId, escalationTemplate, input.urgency)));
    const deadline = input.deadline ? new Date(input.deadline) : null;
    const message: PartnerMessageRow = {
      org_id: context.orgId,
      id,
      template: input.template,
      ask_type: input.askType ?? null,
      urgency: input.urgency,
      person_id: input.personId ?? null,
      purpose: input.personId ? input.purpose! : null,
      categories: input.personId ? [...input.categories] : [],
      share_id: shareId,
      partner_organisation_id: input.partnerOrganisationId,
      partner_contact_id: input.partnerContactId,
      next_contact_id: input.nextContactId ?? null,
      senior_contact_id: input.seniorContactId ?? null,
      subject: input.subject,
      summary: input.summary.trim(),
      impact: input.impact?.trim() || null,
      mitigations: input.mitigations?.trim() || null,
      ask: input.ask?.trim() || null,
      body: input.body?.trim() || null,
      deadline,
      escalation_route: route,
      confirms_advice_id: null,
      incident_id: options.incidentId ?? null,
      ...justSent(context, at),
    };
    // The share stays queued until the mail server accepts the email, or staff record that they
    // gave the partner the link another way.
    const link = await deliverNewMessage(trx, context, message, {
      contactName: contact.name,
      address,
      at,
      publicUrl: settings.config.publicUrl,
      keyFile: settings.config.mfaKeyFile,
    });
    await recordAudit(trx, context, at, {
      action: 'partner_message.send',
      entityType: 'partner_message',
      entityId: id,
      changedFields: Object.keys(message),
      details: {
        template: input.template,
        partnerOrganisationId: input.partnerOrganisationId,
        partnerContactId: input.partnerContactId,
        personId: input.personId ?? null,
        shareId,
        linkId: link.id,
      },
    });
    return { id, link };
  });
  if ('refused' in outcome) throw outcome.refused;
  const detail = await viewMessage(db, context, outcome.id, settings.clock, { audit: false });
  return {
    ...detail,
    partnerLink: outcome.link.url,
    partnerLinkId: outcome.link.id,
    emailState: emailStateFor(settings.config),
  };
}

/** The lifecycle columns of a message sent now by the caller: sent, and nothing since. */
export function justSent(context: RequestContext, at: Date) {
  return {
    status: 'sent' as const,
    sent_by_type: context.actor.type === 'partner' ? ('system' as const) : context.actor.type,
    sent_by: context.actor.type === 'user' || context.actor.type === 'api_token' ? context.actor.id : null,
    sent_at: at,
    acknowledged_at: null,
    accepted_at: null,
    declined_at: null,
    decline_reason: null,
    responded_at: null,
    done_at: null,
    outcome: null,
    closed_at: null,
    close_note: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    sharing_ended_at: null,
    sharing_ended_reason: null,
    updated_at: at,
    version: 1,
  };
}

/**
 * Writes a new message with its first thread entry, issues its link, queues the email carrying
 * it and schedules its escalation steps: shared by messages staff send and the requests Liaison
 * sends itself (written confirmation of advice). The caller has asked the sharing gate
 * (`message.share_id` names its answer for a message about a person); the email is asked again
 * when it is handed to the mail server.
 */
export async function deliverNewMessage(
  trx: DbTransaction,
  context: RequestContext,
  message: PartnerMessageRow,
  options: { contactName: string; address: string; at: Date } & LinkSettings,
): Promise<{ id: string; url: string }> {
  const { at } = options;
  const { version: _version, escalation_route, ...columns } = message;
  await messagesRepository.insertMessage(trx, {
    ...columns,
    escalation_route: escalation_route ? JSON.stringify(escalation_route) : null,
  });
  await addEvent(trx, context, message.id, { kind: 'sent', details: { to: options.contactName } }, at);
  const link = await issueLink(trx, message, message.partner_contact_id, at);
  const senderName = await actorName(trx, context);
  const email = partnerMessageEmail({
    message,
    organisationName: await organisationName(trx, context.orgId),
    senderName,
    contactName: options.contactName,
    link: partnerLinkUrl(options.publicUrl, LINK_TOKEN_PLACEHOLDER),
    linkExpiresAt: link.expiresAt,
  });
  await queuePartnerEmail(
    trx,
    {
      ...emailAbout(message),
      to: options.address,
      subject: email.subject,
      text: email.text,
      link: { id: link.id, token: link.token },
      partnerContactId: message.partner_contact_id,
      shareId: message.share_id,
      at,
    },
    { keyFile: options.keyFile },
  );
  if (message.escalation_route && message.deadline) {
    await scheduleSteps(trx, {
      subject: { orgId: context.orgId, type: MESSAGE_SUBJECT, id: message.id },
      plan: planSteps(message.escalation_route, { deadline: message.deadline, sentAt: at }),
      at,
    });
  }
  return { id: link.id, url: partnerLinkUrl(options.publicUrl, link.token) };
}

// ---- reading ----

/** A route as the API describes it (the planner's types are read-only). */
function mutableRoute<R extends EscalationRoute | null>(route: R) {
  return (
    route ? { steps: route.steps.map((step) => ({ ...step })), repeat: route.repeat } : null
  ) as R extends null
    ? null
    : { steps: EscalationRoute['steps'][number][]; repeat: EscalationRoute['repeat'] };
}

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
    const messages = await messagesRepository.listMessages(trx, context.orgId, { ...options, now });
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
    if (!message) throw notFound('The message');
    const events = await messagesRepository.listEvents(trx, context.orgId, id);
    const steps = await findSteps(trx, { orgId: context.orgId, type: MESSAGE_SUBJECT, id });
    const links = await messagesRepository.listLinks(trx, context.orgId, id);
    const emails = await emailsOf(trx, context.orgId, { type: 'partner_message', id });
    const sender =
      message.sent_by_type === 'user' && message.sent_by
        ? ((await sharingRepository.userNames(trx, context.orgId, [message.sent_by])).get(message.sent_by) ??
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

// ---- the lifecycle ----

export type PartnerReply =
  | { kind: 'acknowledged' }
  | { kind: 'accepted' }
  | { kind: 'declined'; reason: string }
  | { kind: 'responded'; text: string }
  | { kind: 'done'; text: string };

const awaitingReply: readonly MessageStatus[] = ['sent', 'acknowledged', 'accepted'];
const asksSomething = (template: MessageTemplateKind) =>
  template === 'request' || template === 'safeguarding' || template === 'meeting_request';

/** Why this reply cannot be applied to the message as it stands, or null when it can. */
export function replyRefusal(
  message: Pick<PartnerMessageRow, 'status' | 'template'>,
  kind: PartnerReply['kind'],
) {
  if (message.status === 'withdrawn') return 'This message was withdrawn by the sender.';
  if (message.status === 'closed') return 'This message is closed.';
  if (!awaitingReply.includes(message.status)) return `This message has already been ${message.status}.`;
  switch (kind) {
    case 'acknowledged':
      return message.status === 'sent' ? null : 'This message has already been acknowledged.';
    case 'accepted':
    case 'declined':
      if (!asksSomething(message.template))
        return 'This message does not ask for anything to accept or decline.';
      return message.status === 'accepted' ? 'This request has already been accepted.' : null;
    case 'done':
      return asksSomething(message.template) ? null : 'This message does not ask for anything to be done.';
    case 'responded':
      return null;
  }
}

/**
 * Applies a partner's acknowledgement, acceptance, refusal, response or completion to the
 * message (locked by the caller): its status, the thread, the escalation steps it stops, and the
 * audit entry. An acknowledgement or acceptance stops the steps that chase receipt; anything
 * else ends the route.
 */
export async function applyReply(
  trx: DbTransaction,
  context: RequestContext,
  message: PartnerMessageRow,
  reply: PartnerReply,
  event: Omit<EventInput, 'kind'>,
  at: Date,
): Promise<PartnerMessageRow> {
  const refusal = replyRefusal(message, reply.kind);
  if (refusal) throw new AppError('conflict', refusal);
  const acknowledgedAt = message.acknowledged_at ?? event.occurredAt ?? at;
  const changes: PartnerMessageUpdate = {
    updated_at: at,
    acknowledged_at: acknowledgedAt,
    status: reply.kind,
  };
  switch (reply.kind) {
    case 'accepted':
      changes.accepted_at = event.occurredAt ?? at;
      break;
    case 'declined':
      changes.declined_at = event.occurredAt ?? at;
      changes.decline_reason = reply.reason;
      break;
    case 'responded':
      changes.responded_at = event.occurredAt ?? at;
      break;
    case 'done':
      changes.done_at = event.occurredAt ?? at;
      changes.responded_at = message.responded_at ?? event.occurredAt ?? at;
      changes.outcome = reply.text;
      break;
  }
  const updated = await messagesRepository.updateMessage(trx, context.orgId, message.id, changes);
  const text = reply.kind === 'declined' ? reply.reason : 'text' in reply ? reply.text : (event.text ?? null);
  await addEvent(trx, context, message.id, { ...event, kind: reply.kind, text }, at);
  const stopsOnlyReminders = reply.kind === 'acknowledged' || reply.kind === 'accepted';
  const cancellation = cancellationFor(stopsOnlyReminders ? 'acknowledged' : 'responded');
  const cancelled = await cancelSteps(
    trx,
    { orgId: context.orgId, type: MESSAGE_SUBJECT, id: message.id },
    {
      reason: reply.kind,
      onlyThoseStoppedByAcknowledgement: cancellation.onlyThoseStoppedByAcknowledgement,
      at,
    },
  );
  const attentionResolved = await resolveMootAttention(trx, context.orgId, message.id, reply.kind, at);
  await recordAudit(trx, context, at, {
    action: `partner_message.${reply.kind === 'acknowledged' ? 'acknowledge' : reply.kind === 'accepted' ? 'accept' : reply.kind === 'declined' ? 'decline' : reply.kind === 'done' ? 'done' : 'respond'}`,
    entityType: 'partner_message',
    entityId: message.id,
    changedFields: Object.keys(changes),
    details: { stepsCancelled: cancelled.length, attentionResolved, how: event.how ?? null },
  });
  return updated;
}

async function lockOwnMessage(trx: DbTransaction, context: RequestContext, id: string) {
  const message = await messagesRepository.lockMessage(trx, context.orgId, id);
  if (!message) throw notFound('The message');
  return message;
}

/**
 * Staff record a phone call or a reply that came another way. When it amounts to an
 * acknowledgement, acceptance, refusal or response, the request moves on as if the partner had
 * used the link; advice in it becomes an advice record (and, not in writing, a request for
 * written confirmation).
 */
export async function logContact(
  db: Db,
  context: RequestContext,
  id: string,
  input: LogContactInput,
  settings: Settings,
  recordAdvice: AdviceRecorder,
) {
  const at = settings.clock.now();
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > at.getTime() + 60_000) {
    throw new AppError('validation', 'The call or reply cannot be in the future.', { field: 'occurredAt' });
  }
  await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, id);
    if (message.status === 'withdrawn') throw new AppError('conflict', 'This message was withdrawn.');
    const event: EventInput = {
      kind: input.kind === 'call' ? 'call_logged' : 'reply_logged',
      how: input.how,
      text: input.summary,
      occurredAt,
      details: {
        partnerName: input.partnerName,
        partnerRole: input.partnerRole ?? null,
        direction: input.direction,
        outcome: input.outcome,
      },
    };
    // A call that answers the request is one entry, the answer's: the call's words, by phone.
    // A refusal keeps the call's entry too, as the refusal's entry holds only the reason.
    if (input.outcome === 'none' || input.outcome === 'declined') await addEvent(trx, context, id, event, at);
    if (input.outcome !== 'none') {
      const reply: PartnerReply =
        input.outcome === 'declined'
          ? { kind: 'declined', reason: input.declineReason!.trim() }
          : input.outcome === 'responded' || input.outcome === 'done'
            ? { kind: input.outcome, text: input.summary }
            : { kind: input.outcome };
      await applyReply(
        trx,
        context,
        message,
        reply,
        {
          actorName: input.partnerName,
          actorRole: input.partnerRole ?? null,
          how: input.how,
          occurredAt,
          text: input.summary,
          details: event.details ?? {},
        },
        at,
      );
    } else {
      await recordAudit(trx, context, at, {
        action: 'partner_message.log_contact',
        entityType: 'partner_message',
        entityId: id,
        details: { kind: input.kind, how: input.how },
      });
    }
    if (input.isAdvice) {
      await recordAdvice(trx, context, message, {
        givenByName: input.partnerName,
        givenByRole: input.partnerRole ?? null,
        givenAt: occurredAt,
        receivedHow: input.how,
        advice: input.advice!.trim(),
        adviserContactId: input.adviserContactId ?? null,
        inWriting: input.how === 'email' || input.how === 'letter',
        at,
        links: { publicUrl: settings.config.publicUrl, keyFile: settings.config.mfaKeyFile },
      });
    }
  });
  return viewMessage(db, context, id, settings.clock, { audit: false });
}

/** Records advice from a message's thread; see src/advice. Passed in to keep the two features apart. */
export type AdviceRecorder = (
  trx: DbTransaction,
  context: RequestContext,
  message: PartnerMessageRow,
  advice: {
    givenByName: string;
    givenByRole: string | null;
    givenAt: Date;
    receivedHow: ReceivedHow;
    advice: string;
    /** Who gave it, from the register; written confirmation is asked of them. */
    adviserContactId?: string | null;
    inWriting: boolean;
    at: Date;
    links: LinkSettings;
  },
) => Promise<void>;

export async function closeMessage(
  db: Db,
  context: RequestContext,
  id: string,
  input: { note?: string | null | undefined },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, id);
    if (message.status === 'closed' || message.status === 'withdrawn') {
      throw new AppError('conflict', `This message is already ${message.status}.`);
    }
    const changes = {
      status: 'closed' as const,
      closed_at: at,
      close_note: input.note?.trim() || null,
      updated_at: at,
    };
    await messagesRepository.updateMessage(trx, context.orgId, id, changes);
    await addEvent(trx, context, id, { kind: 'closed', text: changes.close_note }, at);
    const cancelled = await cancelSteps(
      trx,
      { orgId: context.orgId, type: MESSAGE_SUBJECT, id },
      { reason: 'closed', onlyThoseStoppedByAcknowledgement: false, at },
    );
    const attentionResolved = await resolveMootAttention(trx, context.orgId, id, 'closed', at);
    await recordAudit(trx, context, at, {
      action: 'partner_message.close',
      entityType: 'partner_message',
      entityId: id,
      changedFields: Object.keys(changes),
      details: { stepsCancelled: cancelled.length, attentionResolved },
    });
  });
  return viewMessage(db, context, id, clock, { audit: false });
}

/** The sender takes the message back: its links stop working and its escalation ends. */
export async function withdrawMessage(
  db: Db,
  context: RequestContext,
  id: string,
  input: { reason: string },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, id);
    if (message.status === 'closed' || message.status === 'withdrawn') {
      throw new AppError('conflict', `This message is already ${message.status}.`);
    }
    const changes = {
      status: 'withdrawn' as const,
      withdrawn_at: at,
      withdrawn_reason: input.reason,
      updated_at: at,
    };
    await messagesRepository.updateMessage(trx, context.orgId, id, changes);
    const revoked = await messagesRepository.revokeLinks(trx, context.orgId, id, { at, reason: 'withdrawn' });
    await addEvent(trx, context, id, { kind: 'withdrawn', text: input.reason }, at);
    const cancelled = await cancelSteps(
      trx,
      { orgId: context.orgId, type: MESSAGE_SUBJECT, id },
      { reason: 'withdrawn', onlyThoseStoppedByAcknowledgement: false, at },
    );
    const attentionResolved = await resolveMootAttention(trx, context.orgId, id, 'withdrawn', at);
    await recordAudit(trx, context, at, {
      action: 'partner_message.withdraw',
      entityType: 'partner_message',
      entityId: id,
      changedFields: Object.keys(changes),
      details: { linksRevoked: revoked.length, stepsCancelled: cancelled.length, attentionResolved },
    });
  });
  return viewMessage(db, context, id, clock, { audit: false });
}

export async function revokeLink(
  db: Db,
  context: RequestContext,
  messageId: string,
  linkId: string,
  input: { reason: string },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await lockOwnMessage(trx, context, messageId);
    const revoked = await messagesRepository.revokeLinks(trx, context.orgId, messageId, {
      at,
      reason: input.reason,
      linkId,
    });
    if (revoked.length === 0) throw notFound('A working link with this id on this message');
    await addEvent(
      trx,
      context,
      messageId,
      { kind: 'link_revoked', text: input.reason, details: { linkId } },
      at,
    );
    await recordAudit(trx, context, at, {
      action: 'partner_link.revoke',
      entityType: 'partner_link',
      entityId: linkId,
      changedFields: ['revoked_at', 'revoked_reason'],
      details: { messageId },
    });
  });
  return viewMessage(db, context, messageId, clock, { audit: false });
}

/**
 * Sends the addressee a fresh link (for a lost email, or after revoking one). A new disclosure: the
 * gate is asked now, and again when the email leaves.
 */
export async function resendLink(db: Db, context: RequestContext, messageId: string, settings: Settings) {
  const at = settings.clock.now();
  const outcome = await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, messageId);
    if (message.status === 'withdrawn' || message.status === 'closed') {
      throw new AppError('conflict', `This message is ${message.status}, so no new link can be sent.`);
    }
    const contact = await partnersRepository.findPartnerContact(
      trx,
      context.orgId,
      message.partner_contact_id,
    );
    const address = contact ? await emailAddressOf(trx, context.orgId, contact) : null;
    if (!contact || !address) {
      throw new AppError('conflict', 'The contact has no email address in the register any more.');
    }
    let shareId: string | null = null;
    if (message.person_id && message.purpose) {
      const gated = await askAtDisclosure(
        trx,
        context,
        {
          personId: message.person_id,
          recipient: { partnerOrganisationId: message.partner_organisation_id, partnerContactId: contact.id },
          purpose: message.purpose,
          categories: message.categories,
          moment: 'compose',
          description: `New link to a message: ${message.subject}`,
          subject: { type: MESSAGE_SUBJECT, id: message.id },
        },
        at,
      );
      if (!gated.decision.allowed) return { refused: shareRefused(gated.decision.reasons, gated.share.id) };
      shareId = gated.share.id;
    }
    const link = await issueLink(trx, message, contact.id, at);
    const email = partnerMessageEmail({
      message,
      organisationName: await organisationName(trx, context.orgId),
      senderName: await actorName(trx, context),
      contactName: contact.name,
      link: partnerLinkUrl(settings.config.publicUrl, LINK_TOKEN_PLACEHOLDER),
      linkExpiresAt: link.expiresAt,
    });
    await queuePartnerEmail(
      trx,
      {
        ...emailAbout(message),
        to: address,
        subject: email.subject,
        text: email.text,
        link: { id: link.id, token: link.token },
        partnerContactId: contact.id,
        shareId,
        at,
      },
      { keyFile: settings.config.mfaKeyFile },
    );
    await addEvent(
      trx,
      context,
      messageId,
      { kind: 'link_issued', details: { linkId: link.id, to: contact.name, shareId } },
      at,
    );
    await recordAudit(trx, context, at, {
      action: 'partner_link.issue',
      entityType: 'partner_link',
      entityId: link.id,
      details: { messageId, shareId },
    });
    return { link: { id: link.id, url: partnerLinkUrl(settings.config.publicUrl, link.token) } };
  });
  if ('refused' in outcome) throw outcome.refused;
  return {
    ...(await viewMessage(db, context, messageId, settings.clock, { audit: false })),
    partnerLink: outcome.link.url,
    partnerLinkId: outcome.link.id,
    emailState: emailStateFor(settings.config),
  };
}

/**
 * Staff gave the partner a message's one-time link another way (no mail server, or read out on
 * the phone). A disclosure like any other: the gate is asked now for the link's contact; allowed,
 * the share the link's email carried counts as sent.
 */
export async function recordLinkHandedOver(
  db: Db,
  context: RequestContext,
  ids: { messageId: string; linkId: string },
  input: LinkHandedOverInput,
  clock: Clock,
) {
  const how = handoverWords[input.how];
  const at = clock.now();
  const outcome = await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, ids.messageId);
    const link = (await messagesRepository.listLinks(trx, context.orgId, message.id)).find(
      (each) => each.id === ids.linkId,
    );
    if (!link) throw notFound('The link');
    if (link.revoked_at !== null || link.expires_at.getTime() <= at.getTime()) {
      throw new AppError('conflict', 'This link no longer works: send a new one instead.');
    }
    if (message.person_id && message.purpose) {
      const gated = await askAtDisclosure(
        trx,
        context,
        {
          personId: message.person_id,
          recipient: {
            partnerOrganisationId: message.partner_organisation_id,
            partnerContactId: link.partner_contact_id,
          },
          purpose: message.purpose,
          categories: message.categories,
          moment: 'link_handover',
          description: `Link given ${how}: ${message.subject}`.slice(0, 500),
          subject: { type: MESSAGE_SUBJECT, id: message.id },
        },
        at,
      );
      if (!gated.decision.allowed) return { refused: shareRefused(gated.decision.reasons, gated.share.id) };
      for (const shareId of await sharesWaitingOnLink(trx, context.orgId, link.id)) {
        await markQueuedShareSent(trx, context, shareId, at);
      }
    }
    await addEvent(
      trx,
      context,
      message.id,
      {
        kind: 'link_handed_over',
        text: `The secure link was given to ${link.contact_name ?? 'the partner'} ${how}.`,
        details: { linkId: link.id },
      },
      at,
    );
    await recordAudit(trx, context, at, {
      action: 'partner_link.hand_over',
      entityType: 'partner_link',
      entityId: link.id,
      details: { messageId: message.id, how: input.how },
    });
    return { done: true as const };
  });
  if ('refused' in outcome) throw outcome.refused;
  return viewMessage(db, context, ids.messageId, clock, { audit: false });
}

// ---- needs attention ----

/** What makes items moot: the partner heard from, or the message no longer to be chased. */
export type AttentionCause =
  | 'acknowledged'
  | 'accepted'
  | 'declined'
  | 'responded'
  | 'done'
  | 'closed'
  | 'withdrawn'
  | 'sharing_ended';

/** Items that chase the partner: calls to make, no channel to chase by, recipients the gate refused. */
const chasingKinds: readonly AttentionKind[] = ['call_partner', 'no_route', 'share_refused'];
/** Items saying the partner has not answered. */
const noAnswerKinds: readonly AttentionKind[] = ['escalated_to_manager', 'escalated_to_registered_manager'];

// An email that failed or was held stays until a person deals with it: the partner may still not
// have what the message says, whatever happened to the message since.
const mootWhen: Record<AttentionCause, { kinds: readonly AttentionKind[]; note: string }> = {
  // Heard from, so chasing for receipt is over; there is still no answer, so managers keep theirs.
  acknowledged: { kinds: chasingKinds, note: 'The partner acknowledged the message.' },
  accepted: { kinds: chasingKinds, note: 'The partner accepted the request.' },
  declined: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The partner declined the request.' },
  responded: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The partner responded.' },
  done: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The partner said it is done.' },
  closed: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The message was closed.' },
  withdrawn: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The message was withdrawn.' },
  sharing_ended: {
    kinds: [...chasingKinds, ...noAnswerKinds],
    note: 'The basis for sharing ended: nobody may be chased about this message.',
  },
};

/**
 * Resolves the message's open items that `cause` makes moot, as Liaison rather than a person, in
 * the caller's transaction (whose audit entry counts them). Returns how many it resolved.
 */
export function resolveMootAttention(
  trx: DbTransaction,
  orgId: string,
  messageId: string,
  cause: AttentionCause,
  at: Date,
): Promise<number> {
  return resolveAttentionOf(
    trx,
    orgId,
    { type: 'partner_message', id: messageId },
    { ...mootWhen[cause], at },
  );
}

// ---- escalation routes per organisation ----

export async function listRouteSettings(db: Db, context: RequestContext) {
  const saved = await messagesRepository.listRouteSettings(db, context.orgId);
  const templates: EscalationTemplate[] = [
    'request_decision',
    'request_resource',
    'request_advice',
    'request_action',
    'safeguarding',
    'meeting_request',
    'incident_update',
  ];
  return templates.flatMap((template) =>
    (['urgent', 'routine'] as const).map((urgency) => {
      const own = saved.find((setting) => setting.template === template && setting.urgency === urgency);
      return {
        template,
        urgency,
        route: mutableRoute(own?.route ?? defaultRouteFor(template, urgency)),
        isDefault: !own?.route,
        // Version 1 is the default as first seen; every change, going back to it included, adds one.
        version: own?.version ?? 1,
      };
    }),
  );
}

/**
 * Sets the organisation's route for one kind of message and urgency, or goes back to the default
 * (null), if it is still at the version the caller loaded. Messages already sent keep theirs.
 */
export async function setRouteSetting(
  db: Db,
  context: RequestContext,
  key: { template: EscalationTemplate; urgency: RequestUrgency },
  route: EscalationRoute | null,
  expected: number,
  clock: Clock,
) {
  const at = clock.now();
  if (route) {
    const problems = checkRoute(route);
    if (problems.length > 0) throw new AppError('validation', problems.join(' '), { field: 'route' });
  }
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('escalation_route_settings')
      .select('version')
      .where('org_id', '=', context.orgId)
      .where('template', '=', key.template)
      .where('urgency', '=', key.urgency)
      .forUpdate()
      .executeTakeFirst();
    checkVersion(expected, current?.version ?? 1, 'The escalation route');
    const values = {
      route: route ? JSON.stringify(route) : null,
      updated_by: context.actor.type === 'user' ? context.actor.id : null,
      updated_at: at,
    };
    const changed = current
      ? await trx
          .updateTable('escalation_route_settings')
          .set({ ...values, version: sql`version + 1` })
          .where('org_id', '=', context.orgId)
          .where('template', '=', key.template)
          .where('urgency', '=', key.urgency)
          .where('version', '=', expected)
          .returning('version')
          .executeTakeFirst()
      : await trx
          .insertInto('escalation_route_settings')
          .values({
            org_id: context.orgId,
            template: key.template,
            urgency: key.urgency,
            ...values,
            version: 2,
          })
          .onConflict((conflict) => conflict.columns(['org_id', 'template', 'urgency']).doNothing())
          .returning('version')
          .executeTakeFirst();
    if (!changed) throw changedElsewhere('The escalation route');
    await recordAudit(trx, context, at, {
      action: route ? 'escalation_route.set' : 'escalation_route.reset',
      entityType: 'escalation_route',
      entityId: `${key.template}:${key.urgency}`,
      changedFields: ['route'],
    });
  });
  return (await listRouteSettings(db, context)).find(
    (setting) => setting.template === key.template && setting.urgency === key.urgency,
  )!;
}
