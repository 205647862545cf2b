import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ActorType } from '../audit/audit.table.ts';
import type { EscalationRoute } from '../escalation/escalation-routes.ts';
import type { RequestUrgency } from '../partners/channel-choice.ts';
import type { InformationCategory, SharingPurpose } from '../sharing/sharing.table.ts';

export {
  type AskType,
  askTypes,
  type EventKind,
  eventKinds,
  type MessageStatus,
  type MessageTemplateKind,
  messageStatuses,
  messageTemplates,
  type ReceivedHow,
  receivedHow,
} from './partner-messages.vocabulary.ts';

import type {
  AskType,
  EventKind,
  MessageStatus,
  MessageTemplateKind,
  ReceivedHow,
} from './partner-messages.vocabulary.ts';

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

export type PartnerMessageRow = Selectable<PartnerMessagesTable>;
export type NewPartnerMessageRow = Insertable<PartnerMessagesTable>;
export type PartnerMessageUpdate = Updateable<PartnerMessagesTable>;
export type MessageEventRow = Selectable<MessageEventsTable>;
export type NewMessageEventRow = Insertable<MessageEventsTable>;
