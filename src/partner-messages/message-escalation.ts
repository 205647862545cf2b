import { raiseAttention } from '../attention/attention.service.ts';
import type { AttentionKind } from '../attention/attention.table.ts';
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
import {
  LINK_TOKEN_PLACEHOLDER,
  type LinkSettings,
  queueEmailsWithoutPersonalDetails,
  queuePartnerEmail,
} from '../outbox/outbox.service.ts';
import { partnerLinkUrl, prepareLink, saveLink } from '../partner-access/partner-links.service.ts';
import { channelsOf, emailAddressOf } from '../partners/partner-channels.service.ts';
import { findPartnerContact, findPartnerOrganisation } from '../partners/partners.service.ts';
import type { PartnerChannelRow } from '../partners/partners.table.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import { contactsCoveredBy, decideQuietly } from '../sharing/sharing.service.ts';
import { activeStaffEmails } from '../users/users.service.ts';
import { emailAbout, managerAlertEmail, reminderEmail } from './message-emails.ts';
import { linkFor } from './message-subject.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import { addEvent, MESSAGE_SUBJECT, organisationName } from './partner-messages.service.ts';
import type { PartnerMessageRow } from './partner-messages.table.ts';

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
  once(trx, `contact:${orgId}:${id}`, () => findPartnerContact(trx, { orgId }, id));
const findOrganisation = (trx: DbTransaction, orgId: string, id: string) =>
  once(trx, `partner:${orgId}:${id}`, () => findPartnerOrganisation(trx, { orgId }, id));
const findChannels = (
  trx: DbTransaction,
  orgId: string,
  partnerOrganisationId: string,
  contactId: string | null,
) =>
  once(trx, `channels:${orgId}:${partnerOrganisationId}:${contactId}`, () =>
    channelsOf(trx, { orgId }, { partnerOrganisationId, partnerContactId: contactId }),
  );
const findAddress = (
  trx: DbTransaction,
  orgId: string,
  contact: { id: string; partner_organisation_id: string; email: string | null },
) => once(trx, `address:${orgId}:${contact.id}`, () => emailAddressOf(trx, { orgId }, contact));
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
    const messages = await messagesRepository.findMessagesByKeys(
      trx,
      steps.map((step) => ({ orgId: step.orgId, id: step.subjectId })),
    );
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
export function messageEscalationHandler(settings: LinkSettings): EscalationStepHandler {
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
      ? await reachPartner(trx, message, step, firedAt, settings)
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
      const next = await messagesRepository.findOtherCurrentContact(
        trx,
        orgId,
        message.partner_organisation_id,
        message.partner_contact_id,
      );
      return next ? findContact(trx, orgId, next) : undefined;
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
  await raiseAttention(trx, {
    orgId: message.org_id,
    subject: { type: 'partner_message', id: message.id },
    stepId: step.id,
    kind: item.kind,
    forRole: item.forRole,
    forUserId: message.sent_by_type === 'user' ? message.sent_by : null,
    title: item.title,
    detail: item.detail,
    at,
  });
}

async function emailReminder(
  trx: DbTransaction,
  message: PartnerMessageRow,
  step: DueEscalationStep,
  recipient: { contactId: string | null; name: string; address: string; shareId: string | null },
  at: Date,
  links: LinkSettings,
) {
  const organisationName = await providerName(trx, message.org_id);
  const original = await findContact(trx, message.org_id, message.partner_contact_id);
  const link = prepareLink(linkFor(message, recipient.contactId), at);
  const email = reminderEmail({
    message,
    target: step.target,
    organisationName,
    recipientName: recipient.name,
    originalContactName: original?.name ?? 'your colleague',
    link: partnerLinkUrl(links.publicUrl, LINK_TOKEN_PLACEHOLDER),
    linkExpiresAt: link.expiresAt,
  });
  await saveLink(trx, link);
  await queuePartnerEmail(
    trx,
    {
      ...emailAbout(message),
      to: recipient.address,
      subject: email.subject,
      text: email.text,
      link: { id: link.id, token: link.token },
      partnerContactId: recipient.contactId,
      shareId: recipient.shareId,
      at,
    },
    links,
  );
  return link.id;
}

type Refusal = { name: string; reasons: string[] };

/**
 * Asks the gate before a step reaches someone new with a link: a message about a person reaches
 * only recipients a basis in force covers now. Allowed, the share is queued with the email.
 */
async function askBeforeReaching(
  trx: DbTransaction,
  message: PartnerMessageRow,
  recipient: { contactId: string | null; name: string },
  at: Date,
): Promise<{ allowed: true; shareId: string | null } | { allowed: false; refusal: Refusal }> {
  if (!message.person_id || !message.purpose) return { allowed: true, shareId: null };
  const gated = await askAtDisclosure(
    trx,
    systemContext(message.org_id, FIRE_ESCALATION_STEPS_JOB),
    {
      personId: message.person_id,
      recipient: {
        partnerOrganisationId: message.partner_organisation_id,
        partnerContactId: recipient.contactId,
      },
      purpose: message.purpose,
      categories: message.categories,
      moment: 'escalation',
      description: `Escalation of a message: ${message.subject}`.slice(0, 500),
      subject: { type: MESSAGE_SUBJECT, id: message.id },
    },
    at,
  );
  if (gated.decision.allowed) return { allowed: true, shareId: gated.share.id };
  return {
    allowed: false,
    refusal: { name: recipient.name, reasons: gated.decision.reasons.map((reason) => reason.message) },
  };
}

/** A call staff would make is a disclosure too: offered only when the gate would allow it now. */
async function mayCall(
  trx: DbTransaction,
  message: PartnerMessageRow,
  recipient: { contactId: string | null; name: string },
  at: Date,
): Promise<Refusal | null> {
  if (!message.person_id || !message.purpose) return null;
  const decision = await decideQuietly(trx, message.org_id, message.person_id, {
    partnerOrganisationId: message.partner_organisation_id,
    partnerContactId: recipient.contactId,
    purpose: message.purpose,
    categories: message.categories,
    at,
  });
  return decision.allowed
    ? null
    : { name: recipient.name, reasons: decision.reasons.map((reason) => reason.message) };
}

async function reachPartner(
  trx: DbTransaction,
  message: PartnerMessageRow,
  step: DueEscalationStep,
  at: Date,
  links: LinkSettings,
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
  // Nobody the sharing gate does not cover now is reached at all.
  const done: string[] = [];
  const refusals: Refusal[] = [];
  const details: Record<string, unknown> = { outOfHours: choice.route?.outOfHours ?? false };
  const contactAddress = contact && contact.ended_at === null ? await findAddress(trx, orgId, contact) : null;
  if (contact && contactAddress) {
    const asked = await askBeforeReaching(trx, message, { contactId: contact.id, name: contact.name }, at);
    if (asked.allowed) {
      details.linkId = await emailReminder(
        trx,
        message,
        step,
        { contactId: contact.id, name: contact.name, address: contactAddress, shareId: asked.shareId },
        at,
        links,
      );
      details.emailed = contact.id;
      done.push(`emailed ${contact.name}`);
    } else {
      refusals.push(asked.refusal);
    }
  }
  const finish = async (outcome: {
    done: string;
    details: Record<string, unknown>;
  }): Promise<StepOutcome> => {
    if (refusals.length === 0) return outcome;
    await raiseRefusals(trx, message, step, refusals, at);
    const notReached = `not reached, the sharing gate does not allow it: ${refusals.map((refusal) => refusal.name).join(', ')}`;
    return {
      done:
        done.length === 0
          ? `${notReached}; staff asked to decide what to do.`
          : `${done.join('; ')}; ${notReached}.`,
      details: { ...outcome.details, refused: refusals.map((refusal) => refusal.name) },
    };
  };
  if (!choice.route) {
    if (done.length === 0 && refusals.length === 0 && choice.nextStaffedAt)
      return { deferUntil: choice.nextStaffedAt };
    if (done.length === 0 && refusals.length === 0) {
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
    return finish({ done: `${done.join('; ')}.`, details: { ...details, channel: null } });
  }
  const { channel, ownerName } = choice.route;
  const kind = channelWords[channel.kind] ?? channel.kind;
  const owner = {
    contactId: choice.route.whose === 'contact' && contact ? contact.id : null,
    name: ownerName,
  };
  details.channel = channel.kind;
  details.channelId = channel.id;
  if (channel.kind === 'email' || channel.kind === 'secure_email') {
    if (channel.value !== contactAddress) {
      const asked = await askBeforeReaching(trx, message, owner, at);
      if (asked.allowed) {
        details.linkId = await emailReminder(
          trx,
          message,
          step,
          { contactId: owner.contactId, name: ownerName, address: channel.value, shareId: asked.shareId },
          at,
          links,
        );
        done.push(`emailed ${ownerName} (${kind})`);
      } else {
        refusals.push(asked.refusal);
      }
    }
    return finish({ done: `${done.join('; ')}.`, details });
  }
  const callRefused = await mayCall(trx, message, owner, at);
  if (callRefused) {
    refusals.push(callRefused);
    return finish({ done: `${done.join('; ')}.`, details });
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
  return finish({ done: `${done.join('; ')}.`, details });
}

/** One item for the sender: who was not reached and why, and who the basis does cover instead. */
async function raiseRefusals(
  trx: DbTransaction,
  message: PartnerMessageRow,
  step: DueEscalationStep,
  refusals: readonly Refusal[],
  at: Date,
) {
  const organisation = await findOrganisation(trx, message.org_id, message.partner_organisation_id);
  const covered =
    message.person_id && message.purpose
      ? await contactsCoveredBy(trx, message.org_id, message.person_id, {
          partnerOrganisationId: message.partner_organisation_id,
          purpose: message.purpose,
          categories: message.categories,
          at,
        })
      : [];
  const instead =
    covered.length > 0
      ? `The sharing basis does cover ${covered.join(', ')}: contact them, or record a basis that covers the others.`
      : `The sharing basis covers nobody else at ${organisation?.name ?? 'the partner'}: decide how to chase, and record a basis before sharing more.`;
  const who = refusals.map((refusal) => refusal.name).join(', ');
  const reasons = [...new Set(refusals.flatMap((refusal) => refusal.reasons))].join(' ');
  await raise(
    trx,
    message,
    step,
    {
      kind: 'share_refused',
      forRole: 'sender',
      title: `Escalation not sent to ${who}: the sharing gate does not allow it`,
      detail: `${reasons} ${instead}`,
    },
    at,
  );
  await addEvent(
    trx,
    systemContext(message.org_id, FIRE_ESCALATION_STEPS_JOB),
    message.id,
    {
      kind: 'share_refused',
      actorName: 'Liaison',
      text: `Not reached: ${who}. ${reasons}`.slice(0, 10_000),
      details: { stepIndex: step.stepIndex, covered },
    },
    at,
  );
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
    activeStaffEmails(trx, { orgId: message.org_id }, { roles: [role], limit: 20 }),
  );
  const email = managerAlertEmail({
    message,
    partnerName,
    threadUrl: `${publicUrl.replace(/\/+$/, '')}/messages/${message.id}`,
  });
  await queueEmailsWithoutPersonalDetails(
    trx,
    managers.map((manager) => ({
      orgId: message.org_id,
      about: { type: 'partner_message' as const, id: message.id },
      to: manager,
      subject: email.subject,
      text: email.text,
      at,
    })),
  );
  return {
    done: `on the ${role === 'manager' ? 'managers’' : 'registered manager’s'} "needs attention" list; ${managers.length} emailed.`,
    details: { role, emailed: managers.length },
  };
}
