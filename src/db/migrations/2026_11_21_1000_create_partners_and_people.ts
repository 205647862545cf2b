import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// The partner type list is written out three times (organisations, contacts, circle roles) on purpose:
// a migration cannot share a constant with the app, and each check stands on its own.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create table partner_organisations (
  org_id uuid not null references organisations (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  type text not null check (type in ('advocate', 'social_worker', 'occupational_therapist', 'gp',
    'district_nurse', 'community_nurse', 'psychiatrist', 'psychologist', 'physiotherapist', 'consultant',
    'dietician', 'speech_and_language_therapist', 'dentist', 'volunteer_or_community_group', 'housing',
    'safeguarding_team', 'police', 'commissioner', 'regulator', 'external_care_provider', 'other')),
  ods_code text check (ods_code ~ '^[A-Z0-9]{3,6}$'),
  address text check (length(address) <= 500),
  notes text check (length(notes) <= 2000),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id)
);
create index partner_organisations_name_idx on partner_organisations (org_id, lower(name));
create index partner_organisations_type_idx on partner_organisations (org_id, type);
-- One register entry per NHS organisation code.
create unique index partner_organisations_ods_code_key on partner_organisations (org_id, ods_code)
  where ods_code is not null;

create table partner_contacts (
  org_id uuid not null,
  id uuid not null,
  -- A contact never changes organisation (someone who moves is ended and added again), so the
  -- channels below can be tied to the contact and its organisation together.
  partner_organisation_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  job_title text check (length(job_title) <= 200),
  type text not null check (type in ('advocate', 'social_worker', 'occupational_therapist', 'gp',
    'district_nurse', 'community_nurse', 'psychiatrist', 'psychologist', 'physiotherapist', 'consultant',
    'dietician', 'speech_and_language_therapist', 'dentist', 'volunteer_or_community_group', 'housing',
    'safeguarding_team', 'police', 'commissioner', 'regulator', 'external_care_provider', 'other')),
  email text check (length(email) <= 254),
  phone text check (length(phone) <= 50),
  notes text check (length(notes) <= 2000),
  last_verified_at timestamptz,
  -- Null when the details were confirmed by an API token or the system (the audit trail says which).
  last_verified_by uuid,
  ended_at timestamptz,
  ended_reason text check (length(ended_reason) <= 500),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  unique (org_id, partner_organisation_id, id),
  foreign key (org_id, partner_organisation_id) references partner_organisations (org_id, id),
  foreign key (org_id, last_verified_by) references users (org_id, id),
  check ((ended_at is null) = (ended_reason is null))
);
create index partner_contacts_name_idx on partner_contacts (org_id, lower(name));
create index partner_contacts_type_idx on partner_contacts (org_id, type);
create index partner_contacts_verified_idx on partner_contacts (org_id, last_verified_at) where ended_at is null;

-- A way to reach a contact, or an organisation when partner_contact_id is null.
create table partner_channels (
  org_id uuid not null,
  id uuid not null,
  partner_organisation_id uuid not null,
  partner_contact_id uuid,
  kind text not null check (kind in ('phone', 'email', 'secure_email', 'duty_line', 'out_of_hours_line',
    'portal', 'other')),
  value text not null check (length(value) between 1 and 500),
  label text check (length(label) <= 200),
  urgencies text[] not null check (cardinality(urgencies) between 1 and 3
    and urgencies <@ array['urgent', 'routine', 'out_of_hours']::text[]),
  -- The JSON string "24/7", or weekday names mapped to lists of "HH:MM-HH:MM" spans (Europe/London).
  hours jsonb not null,
  staffed_on_bank_holidays boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, partner_organisation_id) references partner_organisations (org_id, id),
  foreign key (org_id, partner_organisation_id, partner_contact_id)
    references partner_contacts (org_id, partner_organisation_id, id)
);
create index partner_channels_owner_idx on partner_channels (org_id, partner_organisation_id, partner_contact_id);

create table care_services (
  org_id uuid not null references organisations (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  address text check (length(address) <= 500),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id)
);
create unique index care_services_name_key on care_services (org_id, lower(name));

create table people (
  org_id uuid not null references organisations (id),
  id uuid not null,
  given_name text not null check (length(given_name) between 1 and 100),
  family_name text not null check (length(family_name) between 1 and 100),
  preferred_name text check (length(preferred_name) <= 100),
  date_of_birth date,
  -- Digits only; the modulus-11 check digit is verified by the app before it is stored.
  nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
  care_service_id uuid,
  communication_needs text check (length(communication_needs) <= 2000),
  clinical_flags text[] not null default '{}' check (clinical_flags <@ array['diabetes', 'epilepsy',
    'respiratory_condition', 'dysphagia', 'anticoagulants', 'insulin_dependent', 'heart_condition', 'dementia',
    'mobility_risk', 'pressure_ulcer_risk', 'oxygen_dependent', 'other']::text[]),
  clinical_flags_note text check (length(clinical_flags_note) <= 1000),
  status text not null default 'active' check (status in ('active', 'left', 'died')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, care_service_id) references care_services (org_id, id)
);
create unique index people_nhs_number_key on people (org_id, nhs_number) where nhs_number is not null;
create index people_name_idx on people (org_id, lower(family_name), lower(given_name));
create index people_care_service_idx on people (org_id, care_service_id, status);

-- Attorneys, deputies, advocates and next of kin, in one table keyed by kind.
create table person_representatives (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  kind text not null check (kind in ('lpa_health_and_welfare', 'lpa_property_and_financial_affairs',
    'court_appointed_deputy', 'advocate', 'imca', 'imha', 'next_of_kin')),
  name text not null check (length(name) between 1 and 200),
  relationship text check (length(relationship) <= 200),
  phone text check (length(phone) <= 50),
  email text check (length(email) <= 254),
  address text check (length(address) <= 500),
  partner_contact_id uuid,
  scope_of_authority text check (length(scope_of_authority) <= 2000),
  deputy_decisions text[] not null default '{}' check (deputy_decisions <@
    array['property_and_financial_affairs', 'personal_welfare']::text[]),
  reference text check (length(reference) <= 100),
  registered_on date,
  document_seen_on date,
  document_seen_by uuid,
  ended_at timestamptz,
  ended_reason text check (length(ended_reason) <= 500),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, partner_contact_id) references partner_contacts (org_id, id),
  foreign key (org_id, document_seen_by) references users (org_id, id),
  check (kind <> 'court_appointed_deputy' or cardinality(deputy_decisions) >= 1),
  check (kind = 'court_appointed_deputy' or cardinality(deputy_decisions) = 0)
);
create index person_representatives_person_idx on person_representatives (org_id, person_id);

-- Who, among the partner contacts, holds which role for a person (their GP, social worker…).
create table person_circle_members (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  partner_contact_id uuid not null,
  role text not null check (role in ('advocate', 'social_worker', 'occupational_therapist', 'gp',
    'district_nurse', 'community_nurse', 'psychiatrist', 'psychologist', 'physiotherapist', 'consultant',
    'dietician', 'speech_and_language_therapist', 'dentist', 'volunteer_or_community_group', 'housing',
    'safeguarding_team', 'police', 'commissioner', 'regulator', 'external_care_provider', 'other')),
  is_primary boolean not null default false,
  started_on date not null,
  ended_on date,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, partner_contact_id) references partner_contacts (org_id, id),
  check (ended_on is null or ended_on >= started_on),
  check (not (is_primary and ended_on is not null))
);
create unique index person_circle_one_primary_key on person_circle_members (org_id, person_id) where is_primary;
create unique index person_circle_current_role_key on person_circle_members (org_id, person_id, partner_contact_id, role)
  where ended_on is null;
create index person_circle_contact_idx on person_circle_members (org_id, partner_contact_id);
`)
    .execute(db);
}
