import type { Insertable, Selectable } from 'kysely';
import type { InformationCategory, RecipientScope, SharingPurpose } from '../sharing/sharing.table.ts';

export const consentRecordedHow = ['signed_form', 'easy_read_form', 'verbal', 'electronic', 'other'] as const;
export type ConsentRecordedHow = (typeof consentRecordedHow)[number];

export const consentGivers = ['person', 'representative'] as const;
export type ConsentGiver = (typeof consentGivers)[number];

export type ConsentRecordsTable = RecipientScope & {
  org_id: string;
  id: string;
  person_id: string;
  given_by: ConsentGiver;
  representative_id: string | null;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  recorded_how: ConsentRecordedHow;
  notes: string | null;
  /** 'YYYY-MM-DD', London date */
  given_on: string;
  /** 'YYYY-MM-DD': the consent lapses after this date unless a new record replaces it. */
  review_on: string;
  recorded_by: string | null;
  created_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by: ConsentGiver | null;
  withdrawn_by_representative_id: string | null;
  withdrawal_reason: string | null;
  withdrawal_recorded_by: string | null;
};

export type ConsentRecordRow = Selectable<ConsentRecordsTable>;
export type NewConsentRecordRow = Insertable<ConsentRecordsTable>;
