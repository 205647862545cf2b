import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { LinkSettings } from '../outbox/outbox.service.ts';
import { authenticateLink, linkRefused } from '../partner-access/partner-links.service.ts';
import type { PartnerLinkRow } from '../partner-access/partner-links.table.ts';
import { findPerson } from '../people/people.service.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import { staffNames } from '../users/users.service.ts';
import {
  type AdviceRecorder,
  applyReply,
  type PartnerReply,
  replyRefusal,
} from './message-lifecycle.service.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import type { PartnerRespondInput } from './partner-messages.schemas.ts';
import { MESSAGE_SUBJECT, organisationName } from './partner-messages.service.ts';
import type { EventKind, PartnerMessageRow } from './partner-messages.table.ts';

// What a partner sees and does through a secure link, with no staff account: only the one
// message the link was issued for and its thread. Every view and every reply is audited as the
// partner (actor type partner, the link's id).

/** Thread entries a partner sees: the exchange itself, not the provider's internal workings. */
const visibleToPartner: ReadonlySet<EventKind> = new Set<EventKind>([
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'responded',
  'done',
  'call_logged',
  'reply_logged',
  'withdrawn',
  'closed',
  'confirmation_requested',
  'confirmation_received',
]);

function partnerContext(link: PartnerLinkRow, requestId: string | null, ip: string | null): RequestContext {
  return { orgId: link.org_id, actor: { type: 'partner', id: link.id, role: null }, requestId, ip };
}

type Caller = { token: unknown; requestId: string | null; ip: string | null };

/**
 * Every open of a link, and every answer through it, is a disclosure: for a message about a
 * person the sharing gate is asked at that moment, for the link's contact, the message's purpose
 * and categories. Refused (consent withdrawn or lapsed, authorisation revoked or expired), the
 * partner sees only that it is no longer shared with them; the refusal is in the share log.
 */
async function withLink<T>(
  db: Db,
  caller: Caller,
  clock: Clock,
  moment: 'link_view' | 'link_reply',
  work: (
    trx: DbTransaction,
    found: { link: PartnerLinkRow; message: PartnerMessageRow; context: RequestContext; at: Date },
  ) => Promise<T>,
): Promise<T> {
  const at = clock.now();
  const outcome = await db.transaction().execute(async (trx) => {
    const link = await authenticateLink(trx, caller.token, { type: 'partner_message' }, at);
    const message = await messagesRepository.lockMessage(trx, link.org_id, link.subject_id);
    if (!message || message.status === 'withdrawn') throw linkRefused();
    const context = partnerContext(link, caller.requestId, caller.ip);
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
          moment,
          description:
            moment === 'link_view' ? 'Message opened through a secure link' : 'Reply through a secure link',
          subject: { type: MESSAGE_SUBJECT, id: message.id },
        },
        at,
      );
      if (!gated.decision.allowed) return { noLongerShared: true as const };
    }
    return { value: await work(trx, { link, message, context, at }) };
  });
  if ('noLongerShared' in outcome) throw noLongerShared();
  return outcome.value;
}

/** What a partner sees once the basis for sharing has ended: nothing about the person. */
function noLongerShared(): AppError {
  return new AppError(
    'gone',
    'This information is no longer shared with you. If you need it, contact the organisation that sent it.',
    { extensions: { code: 'no_longer_shared' } },
  );
}

async function presentForPartner(trx: DbTransaction, link: PartnerLinkRow, message: PartnerMessageRow) {
  const found = await messagesRepository.findMessage(trx, message.org_id, message.id);
  const organisation = { name: await organisationName(trx, message.org_id) };
  // A GP or nurse must identify the patient before acting: full name, date of birth and NHS number,
  // when identity is among the categories the gate allowed (it always is for a message about a person).
  const person =
    message.person_id && message.categories.includes('identity')
      ? await findPerson(trx, { orgId: message.org_id }, message.person_id)
      : undefined;
  const events = await messagesRepository.listEvents(trx, message.org_id, message.id);
  const sender =
    message.sent_by_type === 'user' && message.sent_by
      ? ((await staffNames(trx, { orgId: message.org_id }, [message.sent_by])).get(message.sent_by) ??
        organisation.name)
      : organisation.name;
  return {
    organisationName: organisation.name,
    template: message.template,
    askType: message.ask_type,
    urgency: message.urgency,
    subject: message.subject,
    summary: message.summary,
    impact: message.impact,
    mitigations: message.mitigations,
    ask: message.ask,
    body: message.body,
    personName: found?.person_name ?? null,
    person: person
      ? {
          fullName: `${person.given_name} ${person.family_name}`,
          knownAs:
            person.preferred_name && person.preferred_name !== person.given_name
              ? person.preferred_name
              : null,
          dateOfBirth: person.date_of_birth,
          nhsNumber: person.nhs_number,
        }
      : null,
    deadline: message.deadline?.toISOString() ?? null,
    status: message.status,
    sentAt: message.sent_at.toISOString(),
    sentBy: sender,
    addressedTo: found?.partner_contact_name ?? '',
    canAcknowledge: replyRefusal(message, 'acknowledged') === null,
    canAcceptOrDecline: replyRefusal(message, 'accepted') === null,
    canRespond: replyRefusal(message, 'responded') === null,
    thread: events
      .filter((event) => visibleToPartner.has(event.kind))
      .map((event) => ({
        kind: event.kind,
        who: [event.actor_name ?? organisation.name, event.actor_role].filter(Boolean).join(', '),
        how: event.how,
        text: event.kind === 'sent' ? null : event.text,
        at: event.occurred_at.toISOString(),
      })),
    linkExpiresAt: link.expires_at.toISOString(),
  };
}

export async function viewAsPartner(db: Db, caller: Caller, clock: Clock) {
  return withLink(db, caller, clock, 'link_view', async (trx, { link, message, context, at }) => {
    await recordAudit(trx, context, at, {
      action: 'partner_message.view_by_partner',
      entityType: 'partner_message',
      entityId: message.id,
      details: { personId: message.person_id },
    });
    return presentForPartner(trx, link, message);
  });
}

type PartnerAction =
  | { kind: 'acknowledged'; name: string; role?: string | null | undefined }
  | { kind: 'accepted'; name: string; role?: string | null | undefined }
  | { kind: 'declined'; name: string; role?: string | null | undefined; reason: string }
  | {
      kind: 'respond';
      name: string;
      role?: string | null | undefined;
      responseKind: PartnerRespondInput['kind'];
      response: string;
    };

/**
 * The partner acknowledges, accepts, declines or responds. Advice in a response becomes an
 * advice record given in writing; a response to a request for written confirmation confirms the
 * advice it was about.
 */
export async function actAsPartner(
  db: Db,
  caller: Caller,
  action: PartnerAction,
  clock: Clock,
  options: { recordAdvice: AdviceRecorder; confirmAdvice: AdviceConfirmer; links: LinkSettings },
) {
  return withLink(db, caller, clock, 'link_reply', async (trx, { link, message, context, at }) => {
    const reply: PartnerReply =
      action.kind === 'respond'
        ? { kind: action.responseKind === 'done' ? 'done' : 'responded', text: action.response }
        : action.kind === 'declined'
          ? { kind: 'declined', reason: action.reason }
          : { kind: action.kind };
    const updated = await applyReply(
      trx,
      context,
      message,
      reply,
      {
        actorName: action.name,
        actorRole: action.role ?? null,
        how: 'partner_link',
        details: action.kind === 'respond' ? { responseKind: action.responseKind } : {},
      },
      at,
    );
    if (action.kind === 'respond') {
      if (message.confirms_advice_id) {
        await options.confirmAdvice(trx, context, message, { text: action.response, at });
      } else if (action.responseKind === 'advice') {
        await options.recordAdvice(trx, context, message, {
          givenByName: action.name,
          givenByRole: action.role ?? null,
          givenAt: at,
          receivedHow: 'partner_link',
          advice: action.response,
          inWriting: true,
          at,
          links: options.links,
        });
      }
    }
    return presentForPartner(trx, link, updated);
  });
}

/** Marks advice confirmed in writing by the partner's response to the request for confirmation. */
export type AdviceConfirmer = (
  trx: DbTransaction,
  context: RequestContext,
  message: PartnerMessageRow,
  confirmation: { text: string; at: Date },
) => Promise<void>;
