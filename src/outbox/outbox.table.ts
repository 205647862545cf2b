import type { Generated, Insertable, Selectable } from 'kysely';
import type { SubjectType } from '../subjects/subjects.ts';

export const emailStatuses = ['pending', 'sending', 'sent', 'failed', 'held'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

export {
  type EmailState,
  emailStates,
} from './outbox.vocabulary.ts';

import type { EmailState } from './outbox.vocabulary.ts';
export const statusesInState: Record<EmailState, readonly EmailStatus[]> = {
  waiting: ['pending', 'sending'],
  sent: ['sent'],
  failed: ['failed'],
  held: ['held'],
};

export type EmailOutboxTable = {
  org_id: string;
  id: string;
  /** The record the email is about (a message, an incident, a safeguarding concern), if any. */
  subject_type: SubjectType | null;
  subject_id: string | null;
  to_address: string;
  subject: string;
  /** Blanked once sent. Where the link goes it holds LINK_TOKEN_PLACEHOLDER, filled in at delivery. */
  text_body: string;
  /** The share the email carries (an email about a person); asked again at delivery. */
  share_id: string | null;
  link_id: string | null;
  /** The link's token, encrypted with the key outside the database; blanked once sent. */
  link_token_sealed: string | null;
  /** Who the email discloses to, for the gate: the organisation, and the contact when named. */
  partner_organisation_id: string | null;
  partner_contact_id: string | null;
  held_reason: string | null;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  sent_at: Date | null;
  last_error: string | null;
  created_at: Date;
};

export type EmailOutboxRow = Selectable<EmailOutboxTable>;
export type NewEmailOutboxRow = Insertable<EmailOutboxTable>;
