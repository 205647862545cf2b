import { describeMoment } from '../calendar/london-time.ts';
import type { EscalationTarget } from '../escalation/escalation-routes.ts';
import type { MessageTemplateKind, PartnerMessageRow } from './partner-messages.table.ts';

// Email is not a secure channel, so emails carry no personal details: only who sent what kind
// of message, by when an answer is needed, and the link. The message itself is behind the link.

export const templateWords: Record<MessageTemplateKind, string> = {
  request: 'a request',
  safeguarding: 'a safeguarding consultation',
  meeting_request: 'a meeting request',
  incident_update: 'an incident update',
  update: 'an update',
};

type EmailText = { subject: string; text: string };

function deadlineLine(message: Pick<PartnerMessageRow, 'deadline' | 'template'>): string {
  if (!message.deadline) return '';
  const verb =
    message.template === 'incident_update' ? 'Please acknowledge it by' : 'A response is needed by';
  return `${verb} ${describeMoment(message.deadline)} (UK time).\n\n`;
}

function linkLines(link: string, expiresAt: Date): string {
  return (
    `Open it here:\n${link}\n\n` +
    `The link shows only this message and its replies, and works until ${describeMoment(expiresAt)}. ` +
    'Do not forward it: anyone with the link can read the message.\n'
  );
}

export function partnerMessageEmail(options: {
  message: Pick<PartnerMessageRow, 'template' | 'urgency' | 'subject' | 'deadline'>;
  organisationName: string;
  senderName: string;
  contactName: string;
  link: string;
  linkExpiresAt: Date;
}): EmailText {
  const { message } = options;
  const urgent = message.urgency === 'urgent' ? 'Urgent: ' : '';
  return {
    subject: `${urgent}${options.organisationName}: ${message.subject}`,
    text:
      `Dear ${options.contactName},\n\n` +
      `${options.senderName} at ${options.organisationName} has sent you ${templateWords[message.template]}: ` +
      `"${message.subject}".\n\n` +
      deadlineLine(message) +
      linkLines(options.link, options.linkExpiresAt) +
      `\nYou can acknowledge it and reply on the same page. If you were not expecting this, please contact ${options.organisationName}.\n`,
  };
}

const reminderOpening: Partial<Record<EscalationTarget, string>> = {
  remind_same_contact: 'This is a reminder: we have not yet had a reply to',
  next_contact: 'We have not been able to get a reply from your colleague about',
  duty_or_out_of_hours_channel: 'We have not been able to get a reply from your organisation about',
  senior_contact: 'We are escalating to you because we have not had a reply about',
};

export function reminderEmail(options: {
  message: Pick<PartnerMessageRow, 'template' | 'urgency' | 'subject' | 'deadline'>;
  target: EscalationTarget;
  organisationName: string;
  recipientName: string;
  originalContactName: string;
  link: string;
  linkExpiresAt: Date;
}): EmailText {
  const { message } = options;
  const opening = reminderOpening[options.target] ?? 'We have not had a reply to';
  return {
    subject: `Reminder: ${options.organisationName}: ${message.subject}`,
    text:
      `Dear ${options.recipientName},\n\n` +
      `${opening} ${templateWords[message.template]} from ${options.organisationName}, "${message.subject}"` +
      (options.target === 'remind_same_contact'
        ? '.\n\n'
        : `, first sent to ${options.originalContactName}.\n\n`) +
      deadlineLine(message) +
      linkLines(options.link, options.linkExpiresAt),
  };
}

export function managerAlertEmail(options: {
  message: Pick<PartnerMessageRow, 'template' | 'subject' | 'deadline'>;
  partnerName: string;
  threadUrl: string;
}): EmailText {
  return {
    subject: `Needs attention: no reply from ${options.partnerName}: ${options.message.subject}`,
    text:
      `${options.partnerName} has not replied to ${templateWords[options.message.template]}, "${options.message.subject}"` +
      (options.message.deadline ? `, due by ${describeMoment(options.message.deadline)}` : '') +
      '. Liaison has chased them along the escalation route and they have still not replied.\n\n' +
      `See the thread and decide what to do next:\n${options.threadUrl}\n`,
  };
}

/** What the outbox needs to know about the message an email to its partner belongs to. */
export function emailAbout(
  message: Pick<PartnerMessageRow, 'org_id' | 'id' | 'person_id' | 'partner_organisation_id'>,
) {
  return {
    orgId: message.org_id,
    about: { type: 'partner_message' as const, id: message.id },
    personId: message.person_id,
    partnerOrganisationId: message.partner_organisation_id,
  };
}
