import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { AppError, type FieldProblem } from '../errors.ts';
import { type EscalationRoute, type EscalationTemplate, planSteps } from '../escalation/escalation-routes.ts';
import { scheduleSteps } from '../escalation/escalation-steps.service.ts';
import { routeFor } from '../escalation/route-settings.service.ts';
import { isMailConfigured } from '../mail/mailer.ts';
import { checkMessage, isPlaceholder, type MessageDraft } from '../messages/message-check.ts';
import { LINK_TOKEN_PLACEHOLDER, type LinkSettings, queuePartnerEmail } from '../outbox/outbox.service.ts';
import { issueLink, partnerLinkUrl } from '../partner-access/partner-links.service.ts';
import { emailAddressOf } from '../partners/partner-channels.service.ts';
import { findPartnerContact, findPartnerOrganisation } from '../partners/partners.service.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import { shareRefused } from '../sharing/sharing.service.ts';
import type { SubjectType } from '../subjects/subjects.ts';
import { staffNames } from '../users/users.service.ts';
import { emailAbout, partnerMessageEmail } from './message-emails.ts';
import { viewMessage } from './message-reading.service.ts';
import { linkFor } from './message-subject.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import type { CheckMessageInput, LinkHandedOverInput, SendMessageInput } from './partner-messages.schemas.ts';
import type {
  AskType,
  EventKind,
  MessageTemplateKind,
  PartnerMessageRow,
  ReceivedHow,
} from './partner-messages.table.ts';
import { peopleNamedIn, subjectProblems } from './people-named.ts';

const _handoverWords: Record<LinkHandedOverInput['how'], string> = {
  by_phone: 'by phone',
  in_person: 'in person',
  by_own_secure_email: 'by secure email from a staff account',
  other: 'another way',
};

/** What escalation steps and shares name as their subject. */
export const MESSAGE_SUBJECT = 'partner_message' satisfies SubjectType;

export type Page = { limit: number; offset: number };
export type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

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

export async function actorName(executor: Executor, context: RequestContext): Promise<string> {
  if (context.actor.type === 'user') {
    const names = await staffNames(executor, context, [context.actor.id]);
    return names.get(context.actor.id) ?? 'Former member of staff';
  }
  return context.actor.type === 'api_token' ? 'A connected system' : 'Liaison';
}

/** The provider's own name, as partners see it. */
export async function organisationName(executor: Executor, orgId: string): Promise<string> {
  return messagesRepository.findOrganisationName(executor, orgId);
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
  const contact = await findPartnerContact(executor, context, input.partnerContactId);
  const organisation = await findPartnerOrganisation(executor, context, input.partnerOrganisationId);
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
    const other = await findPartnerContact(executor, context, id);
    if (!other || other.partner_organisation_id !== input.partnerOrganisationId || other.ended_at !== null) {
      problems.push(invalid(field, 'Choose a current contact at the same partner organisation.'));
    } else if (id === input.partnerContactId) {
      problems.push(invalid(field, 'Choose someone other than the person the message is addressed to.'));
    }
  }
  const address = contact && problems.length === 0 ? await emailAddressOf(executor, context, contact) : null;
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
          (await routeFor(trx, context.orgId, { template: escalationTemplate, urgency: input.urgency })));
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
  const link = await issueLink(trx, linkFor(message, message.partner_contact_id), at);
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
