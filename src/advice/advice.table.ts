import type { Generated, Insertable, Selectable } from 'kysely';
import type { ActorType } from '../audit/audit.table.ts';
import type { ReceivedHow } from '../partner-messages/partner-messages.table.ts';

export {
  type ConfirmationStatus,
  type ConfirmedHow,
  confirmationStatuses,
  confirmedHow,
} from './advice.vocabulary.ts';

import type { ConfirmationStatus, ConfirmedHow } from './advice.vocabulary.ts';

export type AdviceRecordsTable = {
  org_id: string;
  id: string;
  person_id: string | null;
  message_id: string | null;
  partner_organisation_id: string | null;
  partner_contact_id: string | null;
  given_by_name: string;
  given_by_role: string | null;
  given_at: Date;
  received_how: ReceivedHow;
  advice: string;
  in_writing: boolean;
  confirmation_status: ConfirmationStatus;
  confirmation_message_id: string | null;
  confirmed_at: Date | null;
  confirmed_how: ConfirmedHow | null;
  confirmation_note: string | null;
  recorded_by_type: ActorType;
  recorded_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

/** A change to a person's care plan, and why; when made because of advice, the advice it applies. */
export type CarePlanAmendmentsTable = {
  org_id: string;
  id: string;
  person_id: string;
  advice_id: string | null;
  what_changed: string;
  why: string;
  made_by_type: Exclude<ActorType, 'partner'>;
  made_by: string;
  made_at: Date;
};

export type AdviceRecordRow = Selectable<AdviceRecordsTable>;
export type NewAdviceRecordRow = Insertable<AdviceRecordsTable>;
export type CarePlanAmendmentRow = Selectable<CarePlanAmendmentsTable>;
export type NewCarePlanAmendmentRow = Insertable<CarePlanAmendmentsTable>;
