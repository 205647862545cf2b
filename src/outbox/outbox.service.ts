import { randomUUID } from 'node:crypto';
import { loadOrCreateSecretKey, SecretBox } from '../auth/secret-box.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { isMailConfigured } from '../mail/mailer.ts';
import { describeSubject, type SubjectDescription, type SubjectType } from '../subjects/subjects.ts';
import * as outboxRepository from './outbox.repository.ts';
import {
  type EmailOutboxRow,
  type EmailState,
  type NewEmailOutboxRow,
  statusesInState,
} from './outbox.table.ts';

// The only writer of the outbox. Three kinds of email leave Liaison:
// - an email to a partner about a record, carrying a secure link. When the record is about a
//   person it names the share the sharing gate allowed for it, and the gate is asked again when
//   the email is handed to the mail server (email-delivery.ts). Its link's token is kept encrypted
//   with the key outside the database until then, and blanked with the body once sent.
// - an email without personal details: alerts to staff, and the notice to a partner that what was
//   shared with them no longer is. It carries no link and no share.
// - an email to a member of staff about their own account, carrying a one-time link to it (to
//   choose a new password). It goes only to the account's own address; its token is sealed and
//   blanked as a partner link's is.

type Subject = { type: SubjectType; id: string };

/** Where partner links point, and the key that seals their tokens while they wait in the outbox. */
export type LinkSettings = { publicUrl: string; keyFile: string };

/** Stands where the link's token goes in a queued email's body; filled in at delivery. */
export const LINK_TOKEN_PLACEHOLDER = '{{secure-link-token}}';

const boxes = new Map<string, SecretBox>();

/** The key that seals link tokens waiting in the outbox: the same key file as authenticator secrets. */
export function linkTokenBox(keyFile: string): SecretBox {
  let box = boxes.get(keyFile);
  if (!box) {
    box = new SecretBox(loadOrCreateSecretKey(keyFile));
    boxes.set(keyFile, box);
  }
  return box;
}

function sealContext(orgId: string, emailId: string): string {
  return `outbox link ${orgId} ${emailId}`;
}

/** A link's token as it waits in the outbox: encrypted, and bound to the email carrying it. */
function sealedToken(keyFile: string, orgId: string, emailId: string, token: string): string {
  return linkTokenBox(keyFile).encrypt(token, sealContext(orgId, emailId));
}

/** A new email row: queued now, to be tried at once, carrying only what the caller gives it. */
function queuedEmail(
  email: { orgId: string; id?: string; to: string; subject: string; text: string; at: Date },
  carries: Partial<
    Pick<
      NewEmailOutboxRow,
      | 'subject_type'
      | 'subject_id'
      | 'share_id'
      | 'link_id'
      | 'link_token_sealed'
      | 'partner_organisation_id'
      | 'partner_contact_id'
    >
  > = {},
): NewEmailOutboxRow {
  return {
    org_id: email.orgId,
    id: email.id ?? randomUUID(),
    subject_type: null,
    subject_id: null,
    share_id: null,
    link_id: null,
    link_token_sealed: null,
    partner_organisation_id: null,
    partner_contact_id: null,
    ...carries,
    to_address: email.to,
    subject: email.subject,
    text_body: email.text,
    held_reason: null,
    next_attempt_at: email.at,
    sent_at: null,
    last_error: null,
    created_at: email.at,
  };
}

export type PartnerEmail = {
  orgId: string;
  about: Subject;
  /** The person the email is about, if any: then `shareId` is required. */
  personId: string | null;
  partnerOrganisationId: string;
  /** The contact the email goes to; none for an organisation's shared address. */
  partnerContactId: string | null;
  to: string;
  subject: string;
  /** Written with `LINK_TOKEN_PLACEHOLDER` where the link's token goes. */
  text: string;
  link: { id: string; token: string } | null;
  /** The share the gate allowed for this email: required for an email about a person. */
  shareId: string | null;
  at: Date;
};

/** Queues an email to a partner about a record; see the note above. */
export async function queuePartnerEmail(
  trx: DbTransaction,
  email: PartnerEmail,
  settings: { keyFile: string },
): Promise<string> {
  if (email.personId !== null && email.shareId === null) {
    // A programming error, never a user's: an email about a person must carry the gate's answer.
    throw new Error('An email about a person must carry the share the sharing gate allowed for it.');
  }
  const id = randomUUID();
  await outboxRepository.insertEmails(trx, [
    queuedEmail(
      { ...email, id },
      {
        subject_type: email.about.type,
        subject_id: email.about.id,
        share_id: email.shareId,
        link_id: email.link?.id ?? null,
        link_token_sealed: email.link
          ? sealedToken(settings.keyFile, email.orgId, id, email.link.token)
          : null,
        partner_organisation_id: email.partnerOrganisationId,
        partner_contact_id: email.partnerContactId,
      },
    ),
  ]);
  return id;
}

/** Queues emails that carry no personal details and no link (staff alerts, notices to partners). */
export async function queueEmailsWithoutPersonalDetails(
  trx: DbTransaction,
  emails: readonly {
    orgId: string;
    about: Subject | null;
    to: string;
    subject: string;
    text: string;
    at: Date;
  }[],
): Promise<void> {
  await outboxRepository.insertEmails(
    trx,
    emails.map((email) =>
      queuedEmail(email, email.about ? { subject_type: email.about.type, subject_id: email.about.id } : {}),
    ),
  );
}

/** Queues an email to a member of staff carrying a one-time link to their own account; see above. */
export async function queueAccountLinkEmail(
  trx: DbTransaction,
  email: {
    orgId: string;
    to: string;
    subject: string;
    /** Written with `LINK_TOKEN_PLACEHOLDER` where the link's token goes. */
    text: string;
    link: { id: string; token: string };
    at: Date;
  },
  settings: { keyFile: string },
): Promise<string> {
  const id = randomUUID();
  await outboxRepository.insertEmails(trx, [
    queuedEmail(
      { ...email, id },
      {
        link_id: email.link.id,
        link_token_sealed: sealedToken(settings.keyFile, email.orgId, id, email.link.token),
      },
    ),
  ]);
  return id;
}

/** The body as sent: the link's token unsealed into its place. */
export function bodyToSend(email: EmailOutboxRow, keyFile: string): string {
  if (!email.link_token_sealed) return email.text_body;
  const token = linkTokenBox(keyFile).decrypt(email.link_token_sealed, sealContext(email.org_id, email.id));
  return email.text_body.replaceAll(LINK_TOKEN_PLACEHOLDER, token);
}

/** Holds a record's emails that carry a share and have not been sent: they never will be. */
export function holdUnsentEmailsOf(trx: Executor, orgId: string, about: Subject, reason: string) {
  return outboxRepository.holdPendingEmailsOfSubject(trx, orgId, about, reason);
}

/** The addresses a record's link emails were delivered to, lower-cased. */
export async function addressesEmailedLinks(trx: Executor, orgId: string, about: Subject): Promise<string[]> {
  return (await outboxRepository.linkEmailAddressesDelivered(trx, orgId, about)).map((address) =>
    address.toLowerCase(),
  );
}

/** The shares still waiting on the emails that carry a link: handing the link over sends them. */
export function sharesWaitingOnLink(trx: Executor, orgId: string, linkId: string): Promise<string[]> {
  return outboxRepository.queuedSharesOfLink(trx, orgId, linkId);
}

type EmailRowForStaff = Pick<
  EmailOutboxRow,
  'id' | 'to_address' | 'status' | 'held_reason' | 'last_error' | 'created_at' | 'sent_at'
>;

/** Where an email is and why, as staff see it: never its body or its link. */
function describeEmail(email: EmailRowForStaff) {
  return {
    id: email.id,
    to: email.to_address,
    state: email.status === 'pending' || email.status === 'sending' ? ('waiting' as const) : email.status,
    why: email.status === 'held' ? email.held_reason : email.last_error,
    queuedAt: email.created_at.toISOString(),
    sentAt: email.sent_at?.toISOString() ?? null,
  };
}

/** A record's emails and where each is, for its page. */
export async function emailsOf(executor: Executor, orgId: string, about: Subject) {
  return (await outboxRepository.listEmailsOfSubject(executor, orgId, about)).map(describeEmail);
}

/**
 * Every email of the organisation, newest first, and whether a mail server is set up: without one
 * nothing in the outbox is sent, and partners must be given their links another way.
 */
export async function listOutbox(
  db: Db,
  context: RequestContext,
  options: { state: EmailState | undefined; limit: number; offset: number },
  config: Pick<Config, 'smtp'>,
) {
  const emails = await outboxRepository.listOutbox(db, context.orgId, {
    statuses: options.state ? statusesInState[options.state] : null,
    limit: options.limit,
    offset: options.offset,
  });
  const described = new Map<string, SubjectDescription | undefined>();
  for (const email of emails) {
    if (!email.subject_type || !email.subject_id) continue;
    const key = `${email.subject_type}:${email.subject_id}`;
    if (described.has(key)) continue;
    described.set(
      key,
      await describeSubject(db, { orgId: context.orgId, type: email.subject_type, id: email.subject_id }),
    );
  }
  return {
    mailServerConfigured: isMailConfigured(config.smtp),
    items: emails.map((email) => {
      const about =
        email.subject_type && email.subject_id
          ? described.get(`${email.subject_type}:${email.subject_id}`)
          : undefined;
      return {
        ...describeEmail(email),
        subject: email.subject,
        about:
          email.subject_type && email.subject_id
            ? {
                type: email.subject_type,
                id: email.subject_id,
                title: about?.title ?? 'No longer available',
                webPath: about?.webPath ?? null,
              }
            : null,
        attempts: email.attempts,
        nextAttemptAt:
          email.status === 'pending' || email.status === 'sending'
            ? email.next_attempt_at.toISOString()
            : null,
      };
    }),
  };
}

/**
 * What a record's feature does when one of its emails is sent, held for good, or given up: its
 * thread says so and, for the last two, someone is told under "needs attention". Registered per
 * subject type (a line in `src/capabilities.ts`); runs in the delivery's transaction.
 */
export type EmailOutcomes = {
  sent: (trx: DbTransaction, email: EmailOutboxRow, at: Date) => Promise<void>;
  held: (trx: DbTransaction, email: EmailOutboxRow, reason: string, at: Date) => Promise<void>;
  failed: (
    trx: DbTransaction,
    email: EmailOutboxRow,
    failure: { reason: string; message: string },
    at: Date,
  ) => Promise<void>;
};

const outcomes = new Map<SubjectType, EmailOutcomes>();

export function whenEmailsOf(type: SubjectType, handlers: EmailOutcomes): void {
  outcomes.set(type, handlers);
}

export function emailOutcomesFor(email: EmailOutboxRow): EmailOutcomes | undefined {
  return email.subject_type ? outcomes.get(email.subject_type) : undefined;
}
