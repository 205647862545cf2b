import { randomUUID } from 'node:crypto';
import { type AuditRecord, recordAudit } from '../audit/audit.service.ts';
import { restrictedReader } from '../auth/need-to-know.ts';
import { describeMoment } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { AppError, notFound } from '../errors.ts';
import { addDelay } from '../escalation/escalation-routes.ts';
import { routeFor } from '../escalation/route-settings.service.ts';
import type { LinkSettings } from '../outbox/outbox.service.ts';
import type { AdviceRecorder } from '../partner-messages/message-lifecycle.service.ts';
import { RESTRICTED_TEMPLATE } from '../partner-messages/message-readers.ts';
import {
  addEvent,
  deliverNewMessage,
  justSent,
  MESSAGE_SUBJECT,
} from '../partner-messages/partner-messages.service.ts';
import type { PartnerMessageRow } from '../partner-messages/partner-messages.table.ts';
import type { AdviceConfirmer } from '../partner-messages/partner-page.service.ts';
import { emailAddressOf } from '../partners/partner-channels.service.ts';
import { getPartnerContact } from '../partners/partners.service.ts';
import { findPerson } from '../people/people.service.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import { staffNames } from '../users/users.service.ts';
import * as adviceRepository from './advice.repository.ts';
import type { AdviceRecordRow, CarePlanAmendmentRow, ConfirmedHow } from './advice.table.ts';

/** A request for written confirmation gives the partner two London days to reply. */
export const CONFIRMATION_DAYS = 2;

const howWords: Record<string, string> = {
  phone: 'phone',
  in_person: 'in person',
  meeting: 'at a meeting',
  other: 'another way',
  email: 'email',
  letter: 'letter',
  partner_link: 'Liaison',
};

/**
 * Records advice from a message's thread. Advice not given in writing is followed by a request
 * to the adviser, through Liaison, to confirm it in writing; the request passes the sharing gate
 * like any message about the person, and is chased like any request.
 */
export const recordAdviceFromMessage: AdviceRecorder = async (trx, context, message, advice) => {
  const id = randomUUID();
  const { at } = advice;
  const adviser = advice.adviserContactId
    ? await findAdviser(trx, context, message, advice.adviserContactId)
    : null;
  const row: AdviceRecordRow = {
    org_id: context.orgId,
    id,
    person_id: message.person_id,
    message_id: message.id,
    partner_organisation_id: message.partner_organisation_id,
    // Without an adviser named from the register, the advice is taken to be the addressee's.
    partner_contact_id: adviser?.id ?? message.partner_contact_id,
    given_by_name: adviser?.name ?? advice.givenByName,
    given_by_role: adviser ? (adviser.job_title ?? advice.givenByRole) : advice.givenByRole,
    given_at: advice.givenAt,
    received_how: advice.receivedHow,
    advice: advice.advice,
    in_writing: advice.inWriting,
    confirmation_status: advice.inWriting ? 'not_needed' : 'not_requested',
    confirmation_message_id: null,
    confirmed_at: null,
    confirmed_how: null,
    confirmation_note: null,
    recorded_by_type: context.actor.type,
    recorded_by: context.actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const { version: _version, ...columns } = row;
  await adviceRepository.insertAdvice(trx, columns);
  await addEvent(trx, context, message.id, { kind: 'advice_recorded', details: { adviceId: id } }, at);
  await recordAudit(trx, context, at, {
    action: 'advice.record',
    entityType: 'advice',
    entityId: id,
    changedFields: Object.keys(columns),
    details: { messageId: message.id, personId: message.person_id, inWriting: advice.inWriting },
  });
  if (!advice.inWriting) {
    await requestWrittenConfirmation(trx, context, { thread: message, advice: row, links: advice.links });
  }
};

/** A contact in the organisation's register, or `undefined`. */
async function findContact(executor: Executor, context: RequestContext, contactId: string) {
  try {
    return await getPartnerContact(executor, context, contactId);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') return undefined;
    throw error;
  }
}

/** The adviser named from the register: a current contact at the message's partner organisation. */
async function findAdviser(
  trx: Parameters<AdviceRecorder>[0],
  context: RequestContext,
  message: PartnerMessageRow,
  contactId: string,
) {
  const contact = await findContact(trx, context, contactId);
  if (!contact || contact.partner_organisation_id !== message.partner_organisation_id) {
    throw new AppError('validation', 'Choose the adviser from the contacts at the partner organisation.', {
      field: 'adviserContactId',
    });
  }
  if (contact.ended_at !== null) {
    throw new AppError('validation', `${contact.name} has moved on: choose a current contact.`, {
      field: 'adviserContactId',
    });
  }
  return contact;
}

async function requestWrittenConfirmation(
  trx: Parameters<AdviceRecorder>[0],
  context: RequestContext,
  options: { thread: PartnerMessageRow; advice: AdviceRecordRow; links: LinkSettings },
): Promise<void> {
  const { thread, advice, links } = options;
  const at = advice.created_at;
  // The request goes to whoever gave the advice: the contact looked up, the recipient the sharing
  // gate is asked about and the new message's addressee below are all the adviser.
  const original: PartnerMessageRow = {
    ...thread,
    partner_contact_id: advice.partner_contact_id ?? thread.partner_contact_id,
  };
  const contact = await findContact(trx, context, original.partner_contact_id);
  const address = contact && contact.ended_at === null ? await emailAddressOf(trx, context, contact) : null;
  const notRequested = async (why: string) => {
    await addEvent(
      trx,
      context,
      original.id,
      { kind: 'note', text: why, details: { adviceId: advice.id } },
      at,
    );
  };
  if (!contact || !address) {
    await notRequested(
      `Written confirmation of this advice could not be requested through Liaison: ${contact ? `${contact.name} has no email address in the register` : 'the adviser is no longer in the register'}. Ask for it another way and record it on the advice.`,
    );
    return;
  }
  const id = randomUUID();
  let shareId: string | null = null;
  if (original.person_id && original.purpose) {
    const gated = await askAtDisclosure(
      trx,
      context,
      {
        personId: original.person_id,
        recipient: {
          partnerOrganisationId: original.partner_organisation_id,
          partnerContactId: original.partner_contact_id,
        },
        purpose: original.purpose,
        categories: original.categories,
        moment: 'compose',
        description: 'Request to confirm advice in writing',
        subject: { type: MESSAGE_SUBJECT, id },
      },
      at,
    );
    if (!gated.decision.allowed) {
      await notRequested(
        `Written confirmation of this advice was not requested: the sharing gate refused it. ${gated.decision.reasons.map((reason) => reason.message).join(' ')}`,
      );
      return;
    }
    shareId = gated.share.id;
  }
  const deadline = addDelay(at, { unit: 'days', amount: CONFIRMATION_DAYS });
  const message: PartnerMessageRow = {
    ...original,
    id,
    // Confirming safeguarding advice is safeguarding correspondence too: as need-to-know as the thread.
    template: original.template === RESTRICTED_TEMPLATE ? RESTRICTED_TEMPLATE : 'request',
    ask_type: 'advice',
    urgency: 'routine',
    share_id: shareId,
    next_contact_id: null,
    senior_contact_id: null,
    subject: `Please confirm your advice in writing: ${original.subject}`.slice(0, 200),
    summary:
      `On ${describeMoment(advice.given_at)}, ${advice.given_by_name} gave us this advice by ${howWords[advice.received_how]}:\n\n` +
      advice.advice,
    impact: 'We are acting on this advice and need it on record in your own words.',
    mitigations: 'We have recorded the advice as we understood it and are following it.',
    ask: 'Please confirm this advice in writing by replying on this page, or correct it if we have misunderstood.',
    body: null,
    deadline,
    escalation_route: await routeFor(trx, context.orgId, { template: 'request_advice', urgency: 'routine' }),
    confirms_advice_id: advice.id,
    incident_id: original.incident_id,
    ...justSent(context, at),
  };
  await deliverNewMessage(trx, context, message, { contactName: contact.name, address, at, ...links });
  // The advice was recorded a moment ago in this transaction, so it is still at its first version.
  await changeAdvice(trx, context, {
    advice,
    changes: { confirmation_status: 'requested', confirmation_message_id: id },
    audit: {
      action: 'advice.request_confirmation',
      entityType: 'advice',
      entityId: advice.id,
      changedFields: ['confirmation_status', 'confirmation_message_id'],
      details: { messageId: id, shareId },
    },
    at,
  });
  await addEvent(
    trx,
    context,
    original.id,
    {
      kind: 'confirmation_requested',
      text: `Asked ${contact.name} to confirm the advice in writing.`,
      details: { adviceId: advice.id, messageId: id, partnerContactId: contact.id },
    },
    at,
  );
}

/** A change to advice loaded (or recorded) in this transaction, with its audit entry. */
async function changeAdvice(
  trx: Executor,
  context: RequestContext,
  options: {
    advice: AdviceRecordRow;
    changes: Omit<Parameters<typeof adviceRepository.updateAdvice>[2], 'updated_at'>;
    audit: AuditRecord;
    at: Date;
  },
): Promise<void> {
  const { advice, at } = options;
  await changeVersioned(trx, context, at, {
    what: 'The advice',
    existing: advice,
    expectedVersion: advice.version,
    write: () =>
      adviceRepository.updateAdvice(
        trx,
        { orgId: context.orgId, id: advice.id, expectedVersion: advice.version },
        { ...options.changes, updated_at: at },
      ),
    audit: () => options.audit,
  });
}

/** Records the written confirmation on advice loaded (and locked) in this transaction. */
async function confirm(
  trx: Executor,
  context: RequestContext,
  advice: AdviceRecordRow,
  confirmation: { how: ConfirmedHow; note: string | null; at: Date },
): Promise<void> {
  await changeAdvice(trx, context, {
    advice,
    changes: {
      confirmation_status: 'confirmed',
      confirmed_at: confirmation.at,
      confirmed_how: confirmation.how,
      confirmation_note: confirmation.note?.slice(0, 2000) ?? null,
    },
    audit: {
      action: 'advice.confirm',
      entityType: 'advice',
      entityId: advice.id,
      changedFields: ['confirmation_status', 'confirmed_at', 'confirmed_how', 'confirmation_note'],
      details: { how: confirmation.how },
    },
    at: confirmation.at,
  });
  if (advice.message_id) {
    await addEvent(
      trx,
      context,
      advice.message_id,
      { kind: 'confirmation_received', how: confirmation.how, details: { adviceId: advice.id } },
      confirmation.at,
    );
  }
}

/** The partner's reply to a request for written confirmation confirms the advice it was about. */
export const confirmAdviceFromMessage: AdviceConfirmer = async (trx, context, message, confirmation) => {
  if (!message.confirms_advice_id) return;
  const advice = await adviceRepository.findAdviceForChange(trx, context.orgId, message.confirms_advice_id);
  if (!advice || advice.confirmation_status === 'confirmed') return;
  await confirm(trx, context, advice, { how: 'partner_link', note: confirmation.text, at: confirmation.at });
};

/** Staff record a written confirmation that came another way (a letter, an email). */
export async function confirmAdvice(
  db: Db,
  context: RequestContext,
  options: { adviceId: string; how: ConfirmedHow; note?: string | null | undefined; clock: Clock },
) {
  const { adviceId, how, note } = options;
  const at = options.clock.now();
  await db.transaction().execute(async (trx) => {
    const advice = await adviceRepository.findAdviceForChange(trx, context.orgId, adviceId);
    if (!advice || !(await mayReadAdvice(trx, context, adviceId))) throw notFound('The advice');
    if (advice.confirmation_status === 'confirmed' || advice.confirmation_status === 'not_needed') {
      throw new AppError('conflict', 'This advice is already on record in writing.');
    }
    await confirm(trx, context, advice, { how, note: note?.trim() || null, at });
  });
  return getAdvice(db, context, { adviceId });
}

export type AdviceWithAmendments = adviceRepository.AdviceWithNames & { amendments: CarePlanAmendmentRow[] };

async function attachAmendments(
  executor: Executor,
  orgId: string,
  advice: adviceRepository.AdviceWithNames[],
): Promise<AdviceWithAmendments[]> {
  const amendments = await adviceRepository.listAmendmentsApplying(
    executor,
    orgId,
    advice.map((each) => each.id),
  );
  return advice.map((each) => ({
    ...each,
    amendments: amendments.filter((amendment) => amendment.advice_id === each.id),
  }));
}

export async function getAdvice(db: Db, context: RequestContext, options: { adviceId: string }) {
  const advice = await adviceRepository.findAdviceWithNames(
    db,
    context.orgId,
    options.adviceId,
    restrictedReader(context),
  );
  if (!advice) throw notFound('The advice');
  const [withAmendments] = await attachAmendments(db, context.orgId, [advice]);
  return withAmendments!;
}

/** Advice about a person, newest first, each with the care-plan amendments that applied it. Audited. */
export async function listPersonAdvice(
  db: Db,
  context: RequestContext,
  options: { personId: string; clock: Clock },
) {
  const { personId } = options;
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId);
    const advice = await adviceRepository.listAdviceAbout(
      trx,
      context.orgId,
      personId,
      restrictedReader(context),
    );
    await recordAudit(trx, context, options.clock.now(), {
      action: 'advice.list',
      entityType: 'person',
      entityId: personId,
      details: { results: advice.length },
    });
    return attachAmendments(trx, context.orgId, advice);
  });
}

/** Advice still waiting for written confirmation, oldest first: what a manager needs to chase. */
export async function listAdviceAwaitingConfirmation(
  db: Db,
  context: RequestContext,
  page: { limit: number; offset: number },
) {
  const advice = await adviceRepository.listAdviceAwaitingConfirmation(
    db,
    context.orgId,
    page,
    restrictedReader(context),
  );
  return attachAmendments(db, context.orgId, advice);
}

/** Whether the caller may see the advice: see selectAdvice on advice answering safeguarding messages. */
async function mayReadAdvice(
  executor: Executor,
  context: RequestContext,
  adviceId: string,
): Promise<boolean> {
  const restricted = restrictedReader(context);
  if (restricted === null) return true;
  return (
    (await adviceRepository.findAdviceWithNames(executor, context.orgId, adviceId, restricted)) !== undefined
  );
}

async function requirePerson(executor: Executor, context: RequestContext, personId: string) {
  if (!(await findPerson(executor, context, personId))) throw notFound('The person');
}

export async function listCarePlanAmendments(
  db: Db,
  context: RequestContext,
  options: { personId: string; clock: Clock },
) {
  const { personId } = options;
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId);
    const amendments = await adviceRepository.listCarePlanAmendments(trx, context.orgId, personId);
    await recordAudit(trx, context, options.clock.now(), {
      action: 'care_plan_amendment.list',
      entityType: 'person',
      entityId: personId,
      details: { results: amendments.length },
    });
    const names = await staffNames(
      trx,
      context,
      amendments.filter((each) => each.made_by_type === 'user').map((each) => each.made_by),
    );
    return amendments.map((each) => ({ ...each, made_by_name: names.get(each.made_by) ?? null }));
  });
}

/**
 * Records a change to the person's care plan and why. One made because of advice names it; the
 * advice must be about the same person.
 */
export async function recordCarePlanAmendment(
  db: Db,
  context: RequestContext,
  options: {
    personId: string;
    amendment: { adviceId?: string | null | undefined; whatChanged: string; why: string };
    clock: Clock;
  },
) {
  const { personId, amendment: input } = options;
  const at = options.clock.now();
  if (context.actor.type === 'partner') throw new AppError('forbidden', 'Partners cannot change care plans.');
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, personId);
    if (input.adviceId) {
      const advice = await adviceRepository.findAdviceForChange(trx, context.orgId, input.adviceId);
      if (!advice || advice.person_id !== personId || !(await mayReadAdvice(trx, context, advice.id))) {
        throw new AppError('validation', 'Choose advice recorded about this person.', { field: 'adviceId' });
      }
    }
    const row = {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: personId,
      advice_id: input.adviceId ?? null,
      what_changed: input.whatChanged,
      why: input.why,
      made_by_type: context.actor.type as 'user' | 'api_token' | 'system',
      made_by: context.actor.id,
      made_at: at,
    };
    await adviceRepository.insertCarePlanAmendment(trx, row);
    await recordAudit(trx, context, at, {
      action: 'care_plan_amendment.record',
      entityType: 'care_plan_amendment',
      entityId: row.id,
      changedFields: Object.keys(row),
      details: { personId, adviceId: row.advice_id },
    });
    return row;
  });
}

export function toAdviceResponse(advice: AdviceWithAmendments) {
  return {
    id: advice.id,
    personId: advice.person_id,
    personName: advice.person_name,
    messageId: advice.message_id,
    messageSubject: advice.message_subject,
    partnerOrganisationName: advice.partner_organisation_name,
    givenByName: advice.given_by_name,
    givenByRole: advice.given_by_role,
    givenAt: advice.given_at.toISOString(),
    receivedHow: advice.received_how,
    advice: advice.advice,
    inWriting: advice.in_writing,
    confirmationStatus: advice.confirmation_status,
    confirmationMessageId: advice.confirmation_message_id,
    confirmationRequestedFrom: advice.confirmation_requested_from,
    confirmedAt: advice.confirmed_at?.toISOString() ?? null,
    confirmedHow: advice.confirmed_how,
    confirmationNote: advice.confirmation_note,
    appliedIn: advice.amendments.map((amendment) => ({
      id: amendment.id,
      whatChanged: amendment.what_changed,
      why: amendment.why,
      madeAt: amendment.made_at.toISOString(),
    })),
  };
}
