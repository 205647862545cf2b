import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// Consent, capacity and best-interests records are never edited away: a change is a new record.
// The database enforces it: the only change allowed to a consent is its withdrawal, once; to a
// safeguarding authorisation, its revocation, once; the others and the share log refuse any change.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create function refuse_record_change() returns trigger language plpgsql as $$
begin
  raise exception '% records cannot be changed or deleted: record a new one instead', tg_table_name
    using errcode = '55000';
end
$$;

create table consent_records (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  given_by text not null check (given_by in ('person', 'representative')),
  representative_id uuid,
  partner_organisation_ids uuid[] not null default '{}',
  partner_contact_ids uuid[] not null default '{}',
  partner_types text[] not null default '{}',
  purposes text[] not null check (cardinality(purposes) >= 1),
  categories text[] not null check (cardinality(categories) >= 1),
  recorded_how text not null check (recorded_how in ('signed_form', 'easy_read_form', 'verbal', 'electronic', 'other')),
  notes text check (length(notes) <= 2000),
  given_on date not null,
  review_on date not null check (review_on >= given_on),
  recorded_by uuid,
  created_at timestamptz not null,
  withdrawn_at timestamptz,
  withdrawn_by text check (withdrawn_by in ('person', 'representative')),
  withdrawn_by_representative_id uuid,
  withdrawal_reason text check (length(withdrawal_reason) <= 2000),
  withdrawal_recorded_by uuid,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, representative_id) references person_representatives (org_id, id),
  foreign key (org_id, withdrawn_by_representative_id) references person_representatives (org_id, id),
  foreign key (org_id, recorded_by) references users (org_id, id),
  foreign key (org_id, withdrawal_recorded_by) references users (org_id, id),
  check ((given_by = 'representative') = (representative_id is not null)),
  check (cardinality(partner_organisation_ids) + cardinality(partner_contact_ids) + cardinality(partner_types) >= 1),
  check ((withdrawn_at is null) = (withdrawn_by is null))
);
create index consent_records_person_idx on consent_records (org_id, person_id, created_at);

create function consent_withdrawal_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.withdrawn_at is not null or new.withdrawn_at is null
     or (to_jsonb(new) - array['withdrawn_at', 'withdrawn_by', 'withdrawn_by_representative_id',
         'withdrawal_reason', 'withdrawal_recorded_by'])
        is distinct from
        (to_jsonb(old) - array['withdrawn_at', 'withdrawn_by', 'withdrawn_by_representative_id',
         'withdrawal_reason', 'withdrawal_recorded_by']) then
    raise exception 'a consent record can only be withdrawn, once: record a new consent instead'
      using errcode = '55000';
  end if;
  return new;
end
$$;
create trigger consent_records_withdrawal_only before update or delete on consent_records
  for each row execute function consent_withdrawal_only();
create trigger consent_records_no_truncate before truncate on consent_records
  for each statement execute function refuse_record_change();

create table capacity_assessments (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  decision text not null check (length(decision) between 1 and 500),
  purposes text[] not null check (cardinality(purposes) >= 1),
  categories text[] not null check (cardinality(categories) >= 1),
  impairment boolean not null,
  impairment_note text check (length(impairment_note) <= 2000),
  can_understand boolean not null,
  can_retain boolean not null,
  can_use_or_weigh boolean not null,
  can_communicate boolean not null,
  outcome text not null check (outcome in ('has_capacity', 'lacks_capacity')),
  reasons text not null check (length(reasons) between 1 and 4000),
  assessor_user_id uuid,
  assessor_name text not null check (length(assessor_name) between 1 and 200),
  assessor_role text check (length(assessor_role) <= 200),
  assessed_on date not null,
  review_on date not null check (review_on >= assessed_on),
  created_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, assessor_user_id) references users (org_id, id),
  -- The two-stage test: a person lacks capacity only if an impairment leaves them unable to do one of the four.
  check ((outcome = 'lacks_capacity') =
    (impairment and not (can_understand and can_retain and can_use_or_weigh and can_communicate)))
);
create index capacity_assessments_person_idx on capacity_assessments (org_id, person_id, assessed_on);
create trigger capacity_assessments_unchangeable before update or delete on capacity_assessments
  for each row execute function refuse_record_change();
create trigger capacity_assessments_no_truncate before truncate on capacity_assessments
  for each statement execute function refuse_record_change();

create table best_interests_decisions (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  capacity_assessment_id uuid not null,
  decision text not null check (length(decision) between 1 and 500),
  partner_organisation_ids uuid[] not null default '{}',
  partner_contact_ids uuid[] not null default '{}',
  partner_types text[] not null default '{}',
  purposes text[] not null check (cardinality(purposes) >= 1),
  categories text[] not null check (cardinality(categories) >= 1),
  consulted text not null check (length(consulted) between 1 and 4000),
  wishes_and_feelings text not null check (length(wishes_and_feelings) between 1 and 4000),
  outcome text not null check (outcome in ('share', 'do_not_share')),
  rationale text not null check (length(rationale) between 1 and 4000),
  decision_maker_user_id uuid not null,
  decided_on date not null,
  review_on date not null check (review_on >= decided_on),
  created_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, capacity_assessment_id) references capacity_assessments (org_id, id),
  foreign key (org_id, decision_maker_user_id) references users (org_id, id),
  check (cardinality(partner_organisation_ids) + cardinality(partner_contact_ids) + cardinality(partner_types) >= 1)
);
create index best_interests_decisions_person_idx on best_interests_decisions (org_id, person_id, decided_on);
create trigger best_interests_decisions_unchangeable before update or delete on best_interests_decisions
  for each row execute function refuse_record_change();
create trigger best_interests_decisions_no_truncate before truncate on best_interests_decisions
  for each statement execute function refuse_record_change();

create table safeguarding_authorisations (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  partner_organisation_ids uuid[] not null default '{}',
  partner_contact_ids uuid[] not null default '{}',
  partner_types text[] not null default '{}',
  categories text[] not null check (cardinality(categories) >= 1),
  rationale text not null check (length(rationale) between 20 and 4000),
  authorised_by uuid not null,
  authorised_at timestamptz not null,
  expires_at timestamptz not null check (expires_at > authorised_at),
  revoked_at timestamptz,
  revoked_by uuid,
  revoked_reason text check (length(revoked_reason) <= 2000),
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, authorised_by) references users (org_id, id),
  foreign key (org_id, revoked_by) references users (org_id, id),
  check (cardinality(partner_organisation_ids) + cardinality(partner_contact_ids) + cardinality(partner_types) >= 1)
);
create index safeguarding_authorisations_person_idx on safeguarding_authorisations (org_id, person_id, authorised_at);

create function safeguarding_revocation_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.revoked_at is not null or new.revoked_at is null
     or (to_jsonb(new) - array['revoked_at', 'revoked_by', 'revoked_reason'])
        is distinct from (to_jsonb(old) - array['revoked_at', 'revoked_by', 'revoked_reason']) then
    raise exception 'a safeguarding authorisation can only be revoked, once' using errcode = '55000';
  end if;
  return new;
end
$$;
create trigger safeguarding_authorisations_revocation_only before update or delete on safeguarding_authorisations
  for each row execute function safeguarding_revocation_only();
create trigger safeguarding_authorisations_no_truncate before truncate on safeguarding_authorisations
  for each statement execute function refuse_record_change();

create table sharing_agreements (
  org_id uuid not null,
  id uuid not null,
  partner_organisation_id uuid not null,
  title text not null check (length(title) between 1 and 200),
  reference text check (length(reference) <= 100),
  purposes text[] not null check (cardinality(purposes) >= 1),
  categories text[] not null check (cardinality(categories) >= 1),
  starts_on date not null,
  ends_on date check (ends_on >= starts_on),
  notes text check (length(notes) <= 2000),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, partner_organisation_id) references partner_organisations (org_id, id)
);
create index sharing_agreements_partner_idx on sharing_agreements (org_id, partner_organisation_id);

create table lawful_basis_defaults (
  org_id uuid not null references organisations (id),
  purpose text not null,
  article6 text not null,
  article9 text not null,
  dpa2018 text,
  updated_at timestamptz not null,
  updated_by uuid,
  primary key (org_id, purpose),
  foreign key (org_id, updated_by) references users (org_id, id)
);

create table share_log (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  partner_organisation_id uuid not null,
  partner_contact_id uuid,
  purpose text not null,
  categories text[] not null check (cardinality(categories) >= 1),
  outcome text not null check (outcome in ('allowed', 'refused')),
  basis text check (basis in ('consent', 'representative_consent', 'best_interests', 'safeguarding')),
  basis_record_type text,
  basis_record_id uuid,
  reasons jsonb not null default '[]',
  article6 text,
  article9 text,
  dpa2018 text,
  delivery text not null check (delivery in ('recorded', 'queued')),
  description text check (length(description) <= 500),
  subject_type text,
  subject_id uuid,
  actor_type text not null,
  actor_id text not null,
  occurred_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, partner_organisation_id) references partner_organisations (org_id, id),
  foreign key (org_id, partner_contact_id) references partner_contacts (org_id, id),
  check ((outcome = 'allowed') = (basis is not null and basis_record_id is not null and article6 is not null))
);
create index share_log_person_idx on share_log (org_id, person_id, occurred_at desc);
create trigger share_log_append_only before update or delete on share_log
  for each row execute function refuse_record_change();
create trigger share_log_no_truncate before truncate on share_log
  for each statement execute function refuse_record_change();

-- Shares queued to be sent by Liaison: held for a manager when the record they rest on is withdrawn.
create table queued_shares (
  org_id uuid not null,
  share_id uuid not null,
  person_id uuid not null,
  basis_record_id uuid not null,
  status text not null check (status in ('queued', 'sent', 'held', 'cancelled')),
  held_reason text check (length(held_reason) <= 500),
  held_at timestamptz,
  resolved_at timestamptz,
  resolved_by uuid,
  resolution_note text check (length(resolution_note) <= 2000),
  sent_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (org_id, share_id),
  foreign key (org_id, share_id) references share_log (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, resolved_by) references users (org_id, id),
  check ((status = 'held') <= (held_at is not null)),
  check ((status = 'sent') = (sent_at is not null))
);
create index queued_shares_basis_idx on queued_shares (org_id, basis_record_id) where status = 'queued';
create index queued_shares_held_idx on queued_shares (org_id, held_at) where status = 'held';
`)
    .execute(db);
}
