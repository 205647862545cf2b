import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ActorType } from '../audit/audit.table.ts';
import type { EscalationRoute, EscalationTemplate } from '../escalation/escalation-routes.ts';
import type { RequestUrgency } from '../partners/channel-choice.ts';
import type { InformationCategory, SharingPurpose } from '../sharing/sharing.table.ts';

/**
 * The kinds of message. A request, a safeguarding consultation or referral, a meeting request and
 * an incident update wait for the partner (a deadline and an escalation route); a plain update
 * only informs.
 */
export const messageTemplates = [
  'request',
  'safeguarding',
  'meeting_request',
  'incident_update',
  'update',
] as const;
export type MessageTemplateKind = (typeof messageTemplates)[number];

export const askTypes = ['decision', 'resource', 'advice', 'action'] as const;
export type AskType = (typeof askTypes)[number];

/**
 * sent → acknowledged → accepted or declined → responded or done → closed; withdrawn by the
 * sender at any point before it is closed.
 */
export const messageStatuses = [
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'responded',
  'done',
  'closed',
  'withdrawn',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const eventKinds = [
  'sent',
  'emailed',
  'email_failed',
  'acknowledged',
  'accepted',
  'declined',
  'responded',
  'done',
  'call_logged',
  'reply_logged',
  'note',
  'escalated',
  'link_issued',
  'link_revoked',
  'withdrawn',
  'closed',
  'advice_recorded',
  'confirmation_requested',
  'confirmation_received',
  /** The sharing gate refused the email at the moment it was to be handed to the mail server. */
  'email_held',
  /** Staff gave the partner the one-time link another way (no mail server, or by phone). */
  'link_handed_over',
  /** The basis the message rested on ended: its links no longer show anything about the person. */
  'sharing_ended',
  /** An escalation step would have reached someone the sharing gate does not allow. */
  'share_refused',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** How something reached the organisation or the partner. */
export const receivedHow = [
  'partner_link',
  'email',
  'phone',
  'in_person',
  'letter',
  'meeting',
  'other',
] as const;
export type ReceivedHow = (typeof receivedHow)[number];

export type PartnerMessagesTable = {
  org_id: string;
  id: string;
  template: MessageTemplateKind;
  ask_type: AskType | null;
  urgency: RequestUrgency;
  person_id: string | null;
  purpose: SharingPurpose | null;
  categories: InformationCategory[];
  share_id: string | null;
  partner_organisation_id: string;
  partner_contact_id: string;
  next_contact_id: string | null;
  senior_contact_id: string | null;
  subject: string;
  summary: string;
  impact: string | null;
  mitigations: string | null;
  ask: string | null;
  body: string | null;
  deadline: Date | null;
  escalation_route: ColumnType<EscalationRoute | null, string | null, never>;
  confirms_advice_id: string | null;
  incident_id: string | null;
  status: MessageStatus;
  sent_by_type: Exclude<ActorType, 'partner'>;
  sent_by: string | null;
  sent_at: Date;
  acknowledged_at: Date | null;
  accepted_at: Date | null;
  declined_at: Date | null;
  decline_reason: string | null;
  responded_at: Date | null;
  done_at: Date | null;
  outcome: string | null;
  closed_at: Date | null;
  close_note: string | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  /** When the basis it rested on ended after delivery; its links then show nothing about the person. */
  sharing_ended_at: Date | null;
  sharing_ended_reason: string | null;
  updated_at: Date;
  version: Generated<number>;
};

export type MessageEventsTable = {
  org_id: string;
  id: string;
  seq: Generated<number>;
  message_id: string;
  kind: EventKind;
  actor_type: ActorType;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  how: ReceivedHow | null;
  text: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  occurred_at: Date;
  recorded_at: Date;
};

export type PartnerLinksTable = {
  org_id: string;
  id: string;
  message_id: string;
  partner_contact_id: string | null;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
  last_used_at: Date | null;
};

export type PartnerMessageRow = Selectable<PartnerMessagesTable>;
export type NewPartnerMessageRow = Insertable<PartnerMessagesTable>;
export type PartnerMessageUpdate = Updateable<PartnerMessagesTable>;
export type MessageEventRow = Selectable<MessageEventsTable>;
export type NewMessageEventRow = Insertable<MessageEventsTable>;
export type PartnerLinkRow = Selectable<PartnerLinksTable>;
