import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { describeMoment } from '../calendar/london-time.ts';
import { systemContext } from '../context.ts';
import type { DbTransaction } from '../db/database.ts';
import {
  chooseChannelForStep,
  type EscalationTarget,
  isPartnerTarget,
} from '../escalation/escalation-routes.ts';
import {
  auditFiredStep,
  type DueEscalationStep,
  type EscalationStepHandler,
  FIRE_ESCALATION_STEPS_JOB,
} from '../escalation/escalation-steps.service.ts';
import * as partnersRepository from '../partners/partners.repository.ts';
import type { PartnerChannelRow } from '../partners/partners.table.ts';
import { managerAlertEmail, reminderEmail } from './message-emails.ts';
import { partnerLinkUrl, prepareLink } from './partner-links.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import { addEvent, emailAddressOf, MESSAGE_SUBJECT, organisationName } from './partner-messages.service.ts';
import type { AttentionKind, PartnerMessageRow } from './partner-messages.table.ts';

const stillWaiting = new Set(['sent', 'acknowledged', 'accepted']);

const targetWords: Record<EscalationTarget, string> = {
  remind_same_contact: 'Reminder to the contact',
  next_contact: 'Next contact',
  duty_or_out_of_hours_channel: 'Duty or out-of-hours line',
  senior_contact: 'Senior contact',
  internal_manager: 'Told the manager',
  internal_registered_manager: 'Told the registered manager',
};

const channelWords: Record<string, string> = {
  phone: 'phone',
  email: 'email',
  secure_email: 'secure email',
  duty_line: 'duty line',
  out_of_hours_line: 'out-of-hours line',
  portal: 'portal',
  other: 'contact route',
};

type StepOutcome = { deferUntil: Date } | { done: string; details: Record<string, unknown> };

/**
 * Register details read once per sweep transaction: the steps of a batch mostly concern the same
 * few partners, and the register does not change under a sweep in a way that matters to it.
 */
const readsByTransaction = new WeakMap<DbTransaction, Map<string, Promise<unknown>>>();

function once<T>(trx: DbTransaction, key: string, read: () => Promise<T>): Promise<T> {
  let reads = readsByTransaction.get(trx);
  if (!reads) {
    reads = new Map();
    readsByTransaction.set(trx, reads);
  }
  let found = reads.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    reads.set(key, found);
  }
  return found;
}

const findContact = (trx: DbTransaction, orgId: string, id: string) =>
  once(trx, `contact:${orgId}:${id}`, () => partnersRepository.findPartnerContact(trx, orgId, id));
const findOrganisation = (trx: DbTransaction, orgId: string, id: string) =>
  once(trx, `partner:${orgId}:${id}`, () => partnersRepository.findPartnerOrganisation(trx, orgId, id));
const findChannels = (
  trx: DbTransaction,
  orgId: string,
  partnerOrganisationId: string,
  contactId: string | null,
) =>
  once(trx, `channels:${orgId}:${partnerOrganisationId}:${contactId}`, () =>
    partnersRepository.findChannelsOf(trx, orgId, { partnerOrganisationId, partnerContactId: contactId }),
  );
const findAddress = (
  trx: DbTransaction,
  orgId: string,
  contact: { id: string; partner_organisation_id: string; email: string | null },
) => once(trx, `address:${orgId}:${contact.id}`, () => emailAddressOf(trx, orgId, contact));
const providerName = (trx: DbTransaction, orgId: string) =>
  once(trx, `provider:${orgId}`, () => organisationName(trx, orgId));

/**
 * The messages the batch's steps chase, read in one statement on the first step. A reply takes
 * the message's lock and then cancels the steps it stops, which waits for this sweep's claim on
 * them: a reply either commits first (and its steps are no longer due) or finds them fired.
 */
function messagesOfBatch(trx: DbTransaction, batch: readonly DueEscalationStep[]) {
  return once(trx, 'messages', async () => {
    const steps = batch.filter((step) => step.subjectType === MESSAGE_SUBJECT);
    const messages =
      steps.length === 0
        ? []
        : await trx
            .selectFrom('partner_messages')
            .selectAll()
            .where(
              sql<boolean>`(org_id, id) in (select * from unnest(${steps.map((step) => step.orgId)}::uuid[],
                ${steps.map((step) => step.subjectId)}::uuid[]))`,
            )
            .execute();
    return new Map(messages.map((message) => [`${message.org_id}:${message.id}`, message]));
  });
}

function forChoice(channel: PartnerChannelRow) {
  return { ...channel, staffedOnBankHolidays: channel.staffed_on_bank_holidays };
}

/**
 * What an escalation step of a message does when it fires, all in the sweep's transaction so it
 * happens exactly once: a partner step reaches the contact or line the register's "which channel
 * now" rule picks (an email with a fresh link, or a call for staff to make, listed under "needs
 * attention"); an internal step puts the message on the manager's or registered manager's
 * "needs attention" list and emails them. Either way the thread shows the step. Steps of other
 * subjects are only audited.
 */
export function messageEscalationHandler(settings: { publicUrl: string }): EscalationStepHandler {
  return async (trx, step, context) => {
    if (step.subjectType !== MESSAGE_SUBJECT) return auditFiredStep(trx, step, context);
    const { firedAt } = context;
    const system = systemContext(step.orgId, FIRE_ESCALATION_STEPS_JOB);
    const message = (await messagesOfBatch(trx, context.batch)).get(`${step.orgId}:${step.subjectId}`);
    if (!message || !stillWaiting.has(message.status)) {
      // A reply that should have cancelled the step raced it: there is nothing left to chase.
      await auditFiredStep(trx, step, context);
      return undefined;
    }
    const outcome = isPartnerTarget(step.target)
      ? await reachPartner(trx, message, step, firedAt, settings.publicUrl)
      : await tellManagers(trx, message, step, firedAt, settings.publicUrl);
    if ('deferUntil' in outcome) return outcome;

    await addEvent(
      trx,
      system,
      message.id,
      {
        kind: 'escalated',
        actorName: 'Liaison',
        text: `${targetWords[step.target]}: ${outcome.done}`,
        details: { stepIndex: step.stepIndex, target: step.target, ...outcome.details },
      },
      firedAt,
    );
    await recordAudit(trx, system, firedAt, {
      action: 'escalation.step_fired',
      entityType: 'escalation_step',
      entityId: step.id,
      details: {
        subjectType: step.subjectType,
        subjectId: step.subjectId,
        stepIndex: step.stepIndex,
        target: step.target,
        ...outcome.details,
      },
    });
    return undefined;
  };
}

async function contactFor(trx: DbTransaction, message: PartnerMessageRow, target: EscalationTarget) {
  const orgId = message.org_id;
  switch (target) {
    case 'remind_same_contact':
      return findContact(trx, orgId, message.partner_contact_id);
    case 'senior_contact':
      return message.senior_contact_id ? findContact(trx, orgId, message.senior_contact_id) : undefined;
    case 'next_contact': {
      if (message.next_contact_id) return findContact(trx, orgId, message.next_contact_id);
      // Nobody named: the first other current contact at the organisation, by name.
      const next = await trx
        .selectFrom('partner_contacts')
        .select('id')
        .where('org_id', '=', orgId)
        .where('partner_organisation_id', '=', message.partner_organisation_id)
        .where('id', '<>', message.partner_contact_id)
        .where('ended_at', 'is', null)
        .orderBy('name')
        .orderBy('id')
        .executeTakeFirst();
      return next ? findContact(trx, orgId, next.id) : undefined;
    }
    default:
      return undefined;
  }
}

async function raise(
  trx: DbTransaction,
  message: PartnerMessageRow,
  step: DueEscalationStep,
  item: {
    kind: AttentionKind;
    forRole: 'manager' | 'registered_manager' | 'sender';
    title: string;
    detail: string;
  },
  at: Date,
) {
  await messagesRepository.insertAttentionItem(trx, {
    org_id: message.org_id,
    id: randomUUID(),
    message_id: message.id,
    step_id: step.id,
    kind: item.kind,
    for_role: item.forRole,
    title: item.title.slice(0, 300),
    detail: item.detail.slice(0, 2000),
    created_at: at,
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
  });
}

async function emailReminder(
  trx: DbTransaction,
  message: PartnerMessageRow,
  step: DueEscalationStep,
  recipient: { contactId: string | null; name: string; address: string },
  at: Date,
  publicUrl: string,
) {
  const organisationName = await providerName(trx, message.org_id);
  const original = await findContact(trx, message.org_id, message.partner_contact_id);
  const link = prepareLink(message, recipient.contactId, at);
  const email = reminderEmail({
    message,
    target: step.target,
    organisationName,
    recipientName: recipient.name,
    originalContactName: original?.name ?? 'your colleague',
    link: partnerLinkUrl(publicUrl, link.token),
    linkExpiresAt: link.expiresAt,
  });
  await messagesRepository.insertLinkWithEmail(trx, link.row, {
    org_id: message.org_id,
    id: randomUUID(),
    message_id: message.id,
    to_address: recipient.address,
    subject: email.subject,
    text_body: email.text,
    next_attempt_at: at,
    sent_at: null,
    last_error: null,
    created_at: at,
  });
  return link.id;
}

async function reachPartner(
  trx: DbTransaction,
  message: PartnerMessageRow,
  step: DueEscalationStep,
  at: Date,
  publicUrl: string,
): Promise<StepOutcome> {
  const orgId = message.org_id;
  const contact = await contactFor(trx, message, step.target);
  const organisation = await findOrganisation(trx, orgId, message.partner_organisation_id);
  const organisationChannels = await findChannels(trx, orgId, message.partner_organisation_id, null);
  const contactChannels = contact
    ? await findChannels(trx, orgId, message.partner_organisation_id, contact.id)
    : [];
  const choice = chooseChannelForStep(step.target, {
    contact: contact
      ? { name: contact.name, endedAt: contact.ended_at, channels: contactChannels.map(forChoice) }
      : null,
    organisation: {
      name: organisation?.name ?? 'the partner',
      channels: organisationChannels.map(forChoice),
    },
    urgency: message.urgency,
    at,
  });
  // A contact the step names is always reminded in writing when they have an address: it costs
  // nothing and leaves a record. A voice channel the rule picks becomes a call for staff to make.
  const done: string[] = [];
  const details: Record<string, unknown> = { outOfHours: choice.route?.outOfHours ?? false };
  const contactAddress = contact && contact.ended_at === null ? await findAddress(trx, orgId, contact) : null;
  if (contact && contactAddress) {
    details.linkId = await emailReminder(
      trx,
      message,
      step,
      { contactId: contact.id, name: contact.name, address: contactAddress },
      at,
      publicUrl,
    );
    details.emailed = contact.id;
    done.push(`emailed ${contact.name}`);
  }
  if (!choice.route) {
    if (done.length === 0 && choice.nextStaffedAt) return { deferUntil: choice.nextStaffedAt };
    if (done.length === 0) {
      await raise(
        trx,
        message,
        step,
        {
          kind: 'no_route',
          forRole: 'sender',
          title: `No way to reach ${organisation?.name ?? 'the partner'} for an escalation step`,
          detail: `${choice.reason} Add a channel to the partner register, and chase the partner another way.`,
        },
        at,
      );
      return {
        done: 'no channel in the register; staff asked to chase another way.',
        details: { channel: null },
      };
    }
    return { done: `${done.join('; ')}.`, details: { ...details, channel: null } };
  }
  const { channel, ownerName } = choice.route;
  const kind = channelWords[channel.kind] ?? channel.kind;
  details.channel = channel.kind;
  details.channelId = channel.id;
  if (channel.kind === 'email' || channel.kind === 'secure_email') {
    if (channel.value !== contactAddress) {
      const toContact = choice.route.whose === 'contact' && contact ? contact : null;
      details.linkId = await emailReminder(
        trx,
        message,
        step,
        { contactId: toContact?.id ?? null, name: toContact?.name ?? ownerName, address: channel.value },
        at,
        publicUrl,
      );
      done.push(`emailed ${ownerName} (${kind})`);
    }
    return { done: `${done.join('; ')}.`, details };
  }
  await raise(
    trx,
    message,
    step,
    {
      kind: 'call_partner',
      forRole: 'sender',
      title: `Call ${ownerName} on the ${kind}: ${channel.value}`,
      detail: `${choice.reason} No reply yet to "${message.subject}". Log the call on the thread.`,
    },
    at,
  );
  done.push(`staff asked to call ${ownerName} on the ${kind}`);
  return { done: `${done.join('; ')}.`, details };
}

async function tellManagers(
  trx: DbTransaction,
  message: PartnerMessageRow,
  step: DueEscalationStep,
  at: Date,
  publicUrl: string,
): Promise<StepOutcome> {
  const role = step.target === 'internal_manager' ? 'manager' : 'registered_manager';
  const organisation = await findOrganisation(trx, message.org_id, message.partner_organisation_id);
  const partnerName = organisation?.name ?? 'The partner';
  await raise(
    trx,
    message,
    step,
    {
      kind: role === 'manager' ? 'escalated_to_manager' : 'escalated_to_registered_manager',
      forRole: role,
      title: `No reply from ${partnerName}: ${message.subject}`,
      detail:
        message.deadline !== null
          ? `The response was due by ${describeMoment(message.deadline)}. Decide what to do next, and record it on the thread.`
          : 'Decide what to do next, and record it on the thread.',
    },
    at,
  );
  const managers = await once(trx, `managers:${message.org_id}:${role}`, () =>
    trx
      .selectFrom('users')
      .select('email')
      .where('org_id', '=', message.org_id)
      .where('role', '=', role)
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .limit(20)
      .execute(),
  );
  const email = managerAlertEmail({
    message,
    partnerName,
    threadUrl: `${publicUrl.replace(/\/+$/, '')}/messages/${message.id}`,
  });
  await messagesRepository.insertEmails(
    trx,
    managers.map((manager) => ({
      org_id: message.org_id,
      id: randomUUID(),
      message_id: message.id,
      to_address: manager.email,
      subject: email.subject,
      text_body: email.text,
      next_attempt_at: at,
      sent_at: null,
      last_error: null,
      created_at: at,
    })),
  );
  return {
    done: `on the ${role === 'manager' ? 'managers’' : 'registered manager’s'} "needs attention" list; ${managers.length} emailed.`,
    details: { role, emailed: managers.length },
  };
}
