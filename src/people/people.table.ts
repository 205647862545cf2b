import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { PartnerType } from '../partners/partners.table.ts';

export {
  type ClinicalFlag,
  clinicalFlags,
  type DeputyDecisionArea,
  deputyDecisionAreas,
  type PersonStatus,
  personStatuses,
  type RepresentativeKind,
  representativeKinds,
} from './people.vocabulary.ts';

import type {
  ClinicalFlag,
  DeputyDecisionArea,
  PersonStatus,
  RepresentativeKind,
} from './people.vocabulary.ts';

export type PeopleTable = {
  org_id: string;
  id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  /** 'YYYY-MM-DD' */
  date_of_birth: string | null;
  nhs_number: string | null;
  /** Required for people added since addresses were recorded; null for those added before. */
  address: string | null;
  /** Like 'EX1 2RM': upper case, one space. */
  postcode: string | null;
  care_service_id: string | null;
  communication_needs: string | null;
  clinical_flags: ClinicalFlag[];
  clinical_flags_note: string | null;
  status: PersonStatus;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type PersonRepresentativesTable = {
  org_id: string;
  id: string;
  person_id: string;
  kind: RepresentativeKind;
  name: string;
  relationship: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  partner_contact_id: string | null;
  scope_of_authority: string | null;
  deputy_decisions: DeputyDecisionArea[];
  reference: string | null;
  registered_on: string | null;
  document_seen_on: string | null;
  document_seen_by: string | null;
  ended_at: Date | null;
  ended_reason: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type PersonCircleMembersTable = {
  org_id: string;
  id: string;
  person_id: string;
  partner_contact_id: string;
  role: PartnerType;
  is_primary: boolean;
  started_on: string;
  ended_on: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type PersonRow = Selectable<PeopleTable>;
export type NewPersonRow = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type RepresentativeRow = Selectable<PersonRepresentativesTable>;
export type NewRepresentativeRow = Insertable<PersonRepresentativesTable>;
export type RepresentativeUpdate = Updateable<PersonRepresentativesTable>;
export type CircleMemberRow = Selectable<PersonCircleMembersTable>;
export type NewCircleMemberRow = Insertable<PersonCircleMembersTable>;
export type CircleMemberUpdate = Updateable<PersonCircleMembersTable>;
