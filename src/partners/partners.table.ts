import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { WeeklyHours } from '../calendar/working-hours.ts';

export {
  type ChannelKind,
  type ChannelUrgency,
  channelKinds,
  channelUrgencies,
  type PartnerType,
  partnerTypes,
} from './partners.vocabulary.ts';

import type { ChannelKind, ChannelUrgency, PartnerType } from './partners.vocabulary.ts';

/** A role as it reads after "is their …" in the server's own sentences (reasons, drafts). */
export const partnerRoleInSentence = {
  advocate: 'advocate',
  social_worker: 'social worker',
  occupational_therapist: 'occupational therapist',
  gp: 'GP',
  district_nurse: 'district nurse',
  community_nurse: 'community nurse',
  psychiatrist: 'psychiatrist',
  psychologist: 'psychologist',
  physiotherapist: 'physiotherapist',
  consultant: 'consultant',
  dietician: 'dietitian',
  speech_and_language_therapist: 'speech and language therapist',
  dentist: 'dentist',
  volunteer_or_community_group: 'volunteer or community group contact',
  housing: 'housing contact',
  safeguarding_team: 'safeguarding team contact',
  police: 'police contact',
  commissioner: 'commissioner',
  regulator: 'regulator contact',
  external_care_provider: 'care provider contact',
  other: 'contact',
} as const satisfies Record<PartnerType, string>;

export type PartnerOrganisationsTable = {
  org_id: string;
  id: string;
  name: string;
  type: PartnerType;
  ods_code: string | null;
  address: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type PartnerContactsTable = {
  org_id: string;
  id: string;
  partner_organisation_id: string;
  name: string;
  job_title: string | null;
  type: PartnerType;
  email: string | null;
  phone: string | null;
  notes: string | null;
  last_verified_at: Date | null;
  last_verified_by: string | null;
  ended_at: Date | null;
  ended_reason: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type PartnerChannelsTable = {
  org_id: string;
  id: string;
  partner_organisation_id: string;
  partner_contact_id: string | null;
  kind: ChannelKind;
  value: string;
  label: string | null;
  urgencies: ChannelUrgency[];
  // Written as JSON text (a bare string "24/7" would otherwise be sent as text, not jsonb).
  hours: ColumnType<WeeklyHours, string, string>;
  staffed_on_bank_holidays: boolean;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type PartnerOrganisationRow = Selectable<PartnerOrganisationsTable>;
export type NewPartnerOrganisationRow = Insertable<PartnerOrganisationsTable>;
export type PartnerOrganisationUpdate = Updateable<PartnerOrganisationsTable>;
export type PartnerContactRow = Selectable<PartnerContactsTable>;
export type NewPartnerContactRow = Insertable<PartnerContactsTable>;
export type PartnerContactUpdate = Updateable<PartnerContactsTable>;
export type PartnerChannelRow = Selectable<PartnerChannelsTable>;
export type NewPartnerChannelRow = Insertable<PartnerChannelsTable>;
export type PartnerChannelUpdate = Updateable<PartnerChannelsTable>;
