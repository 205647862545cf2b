import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type OrganisationsTable = {
  id: string;
  name: string;
  registration_number: string | null;
  registered_manager_name: string | null;
  address: string | null;
  logo_data_url: string | null;
  contact_verification_days: Generated<number>;
  /** Roles that must use a second factor beyond manager, registered manager and admin. */
  mfa_also_required_for: Generated<('care_worker' | 'auditor')[]>;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisationRow = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
