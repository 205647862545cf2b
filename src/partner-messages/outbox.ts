import { randomUUID } from 'node:crypto';
import { loadOrCreateSecretKey, SecretBox } from '../auth/secret-box.ts';
import type { DbTransaction } from '../db/database.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import type { EmailOutboxRow, PartnerMessageRow } from './partner-messages.table.ts';

// The only writer of the outbox. Two kinds of email leave Liaison:
// - an email to a partner about a message, carrying a secure link. When the message is about a
//   person it names the share the sharing gate allowed for it, and the gate is asked again when
//   the email is handed to the mail server (email-delivery.ts). Its link's token is kept encrypted
//   with the key outside the database until then, and blanked with the body once sent.
// - an email without personal details: alerts to staff, and the notice to a partner that what was
//   shared with them no longer is. It carries no link and no share.

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

export type PartnerEmail = {
  message: Pick<PartnerMessageRow, 'org_id' | 'id' | 'person_id' | 'partner_organisation_id'>;
  to: string;
  subject: string;
  /** Written with `LINK_TOKEN_PLACEHOLDER` where the link's token goes. */
  text: string;
  link: { id: string; token: string } | null;
  /** The contact the email goes to; none for an organisation's shared address. */
  partnerContactId: string | null;
  /** The share the gate allowed for this email: required for an email about a person. */
  shareId: string | null;
  at: Date;
};

/** Queues an email to a partner about a message; see the note above. */
export async function queuePartnerEmail(
  trx: DbTransaction,
  email: PartnerEmail,
  settings: { keyFile: string },
): Promise<string> {
  if (email.message.person_id !== null && email.shareId === null) {
    // A programming error, never a user's: an email about a person must carry the gate's answer.
    throw new Error('An email about a person must carry the share the sharing gate allowed for it.');
  }
  const id = randomUUID();
  await messagesRepository.insertEmails(trx, [
    {
      org_id: email.message.org_id,
      id,
      message_id: email.message.id,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      share_id: email.shareId,
      link_id: email.link?.id ?? null,
      link_token_sealed: email.link
        ? linkTokenBox(settings.keyFile).encrypt(email.link.token, sealContext(email.message.org_id, id))
        : null,
      partner_organisation_id: email.message.partner_organisation_id,
      partner_contact_id: email.partnerContactId,
      held_reason: null,
      next_attempt_at: email.at,
      sent_at: null,
      last_error: null,
      created_at: email.at,
    },
  ]);
  return id;
}

/** Queues emails that carry no personal details and no link (staff alerts, notices to partners). */
export async function queueEmailsWithoutPersonalDetails(
  trx: DbTransaction,
  emails: readonly {
    orgId: string;
    messageId: string | null;
    to: string;
    subject: string;
    text: string;
    at: Date;
  }[],
): Promise<void> {
  await messagesRepository.insertEmails(
    trx,
    emails.map((email) => ({
      org_id: email.orgId,
      id: randomUUID(),
      message_id: email.messageId,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      share_id: null,
      link_id: null,
      link_token_sealed: null,
      partner_organisation_id: null,
      partner_contact_id: null,
      held_reason: null,
      next_attempt_at: email.at,
      sent_at: null,
      last_error: null,
      created_at: email.at,
    })),
  );
}

/** The body as sent: the link's token unsealed into its place. */
export function bodyToSend(email: EmailOutboxRow, keyFile: string): string {
  if (!email.link_token_sealed) return email.text_body;
  const token = linkTokenBox(keyFile).decrypt(email.link_token_sealed, sealContext(email.org_id, email.id));
  return email.text_body.replaceAll(LINK_TOKEN_PLACEHOLDER, token);
}
