import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// Append-only logs get one trigger function of their own; safeguarding concerns with their live
// chronology (the first such log), the messages they are linked to (threshold advice, section 42
// referrals), advice, safe-contact plans, review triggers, interim restrictions and their reviews,
// and the items needing a manager's attention. The vocabularies are written out as literals, as
// src/safeguarding/safeguarding.vocabulary.ts lists them today.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create function refuse_change_to_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: record a correction as a new entry instead', tg_table_name
    using errcode = '55000';
end
$$;

create table safeguarding_settings (
  org_id uuid not null references organisations (id),
  decision_working_days integer not null default 2 check (decision_working_days between 1 and 20),
  safeguarding_link_contact_id uuid,
  updated_by uuid,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id)
);

create table safeguarding_concerns (
  org_id uuid not null references organisations (id),
  id uuid not null,
  person_id uuid not null,
  occurred_at timestamptz not null,
  what_happened text not null check (length(what_happened) between 1 and 10000),
  category text not null check (category in ('physical', 'sexual', 'psychological', 'financial_or_material',
    'discriminatory', 'organisational', 'neglect_and_acts_of_omission', 'domestic_abuse', 'sexual_exploitation',
    'modern_slavery', 'self_neglect')),
  location_of_risk text not null check (location_of_risk in ('own_home', 'in_the_community',
    'in_a_community_service', 'care_home_nursing', 'care_home_residential', 'hospital_acute',
    'hospital_mental_health', 'hospital_community', 'other')),
  location_detail text check (length(location_detail) <= 200),
  source_kind text not null check (source_kind in ('person_supported', 'service_provider', 'known_to_individual',
    'unknown_to_individual', 'not_known')),
  source_person_id uuid,
  source_description text check (length(source_description) <= 500),
  others_present text check (length(others_present) <= 2000),
  others_at_risk text check (length(others_at_risk) <= 2000),
  children_at_risk boolean not null default false,
  immediate_actions text not null check (length(immediate_actions) between 1 and 5000),
  level text not null check (level in ('low', 'medium', 'high')),
  status text not null check (status in ('raised', 'triage', 'advice_sought', 'referred', 'not_referred',
    'enquiry', 'plan', 'closed')),
  not_referred_reason text check (length(not_referred_reason) <= 5000),
  need_to_know text check (length(need_to_know) <= 1000),
  advocacy_status text not null default 'not_offered' check (advocacy_status in ('not_offered', 'offered',
    'accepted', 'declined')),
  advocate_name text check (length(advocate_name) <= 200),
  decision_due_at timestamptz,
  decision_overdue_flagged_at timestamptz,
  la_decision text check (la_decision in ('s42_duty_met', 's42_duty_not_met')),
  la_decision_reason text check (length(la_decision_reason) <= 5000),
  la_other_route text check (la_other_route in ('advice', 'care_act_assessment', 'review_of_care', 'other')),
  la_feedback text check (length(la_feedback) <= 5000),
  la_decided_at timestamptz,
  outcome text check (outcome in ('risk_remained', 'risk_reduced', 'risk_removed')),
  lessons_learnt text check (length(lessons_learnt) <= 5000),
  signed_off_by uuid,
  closed_at timestamptz,
  raised_by_type text not null check (raised_by_type in ('user', 'api_token', 'system')),
  raised_by text not null,
  raised_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, source_person_id) references people (org_id, id),
  check (source_kind <> 'person_supported' or source_person_id is not null),
  check (status <> 'not_referred' or not_referred_reason is not null),
  check (status <> 'closed' or (outcome is not null and signed_off_by is not null and lessons_learnt is not null))
);
create index safeguarding_concerns_person_idx on safeguarding_concerns (org_id, person_id, raised_at);
create index safeguarding_concerns_source_idx on safeguarding_concerns (org_id, source_person_id)
  where source_person_id is not null;
create index safeguarding_concerns_open_idx on safeguarding_concerns (org_id, status, raised_at desc);
create index safeguarding_concerns_decision_due_idx on safeguarding_concerns (decision_due_at)
  where decision_due_at is not null and la_decided_at is null and decision_overdue_flagged_at is null;

-- The live chronology: an append-only log (who recorded it, when it happened and when it was
-- recorded, what kind, the facts, details) where a correction is a new entry naming the one it corrects.
create table concern_entries (
  org_id uuid not null,
  id uuid not null,
  concern_id uuid not null,
  person_id uuid not null,
  kind text not null check (kind in ('observation', 'blocked_access', 'visible_injury', 'threat', 'distress',
    'disclosure', 'change_in_presentation', 'contact_with_partner', 'decision', 'raised', 'level_changed',
    'status_changed', 'trigger_met', 'advice_recorded', 'referral_sent', 'advice_requested',
    'local_authority_decision', 'advocacy', 'plan', 'restriction', 'closed')),
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  recorded_by_type text not null check (recorded_by_type in ('user', 'api_token', 'system')),
  recorded_by_id text not null check (length(recorded_by_id) between 1 and 100),
  recorded_by_name text check (length(recorded_by_name) <= 200),
  text text not null check (length(text) between 1 and 10000),
  details jsonb not null default '{}',
  corrects uuid,
  primary key (org_id, id),
  foreign key (org_id, concern_id) references safeguarding_concerns (org_id, id),
  foreign key (org_id, corrects) references concern_entries (org_id, id)
);
create index concern_entries_concern_idx on concern_entries (org_id, concern_id, occurred_at);
create index concern_entries_person_idx on concern_entries (org_id, person_id, occurred_at);
create trigger concern_entries_append_only before update or delete on concern_entries
  for each row execute function refuse_change_to_append_only();
create trigger concern_entries_no_truncate before truncate on concern_entries
  for each statement execute function refuse_change_to_append_only();

create table concern_messages (
  org_id uuid not null,
  concern_id uuid not null,
  message_id uuid not null,
  purpose text not null check (purpose in ('threshold_advice', 's42_referral')),
  created_at timestamptz not null,
  primary key (org_id, concern_id, message_id),
  foreign key (org_id, concern_id) references safeguarding_concerns (org_id, id),
  foreign key (org_id, message_id) references partner_messages (org_id, id)
);
create index concern_messages_message_idx on concern_messages (org_id, message_id);

-- Threshold advice: who gave it, the local guidance they applied, what they advised and how it
-- was applied. Append-only: a later view is new advice.
create table concern_advice (
  org_id uuid not null,
  id uuid not null,
  concern_id uuid not null,
  person_id uuid not null,
  message_id uuid,
  adviser_name text not null check (length(adviser_name) between 1 and 200),
  adviser_role text check (length(adviser_role) <= 200),
  guidance_applied text not null check (length(guidance_applied) between 1 and 2000),
  advice text not null check (length(advice) between 1 and 10000),
  how_applied text not null check (length(how_applied) between 1 and 5000),
  given_at timestamptz not null,
  recorded_by_type text not null,
  recorded_by text not null,
  recorded_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, concern_id) references safeguarding_concerns (org_id, id)
);
create index concern_advice_concern_idx on concern_advice (org_id, concern_id, given_at);
create trigger concern_advice_append_only before update or delete on concern_advice
  for each row execute function refuse_change_to_append_only();

create table safe_contact_plans (
  org_id uuid not null,
  id uuid not null,
  concern_id uuid not null,
  measures text[] not null check (cardinality(measures) between 1 and 7 and measures <@ array['varied_visit_times',
    'two_person_visits', 'manager_led_welfare_calls', 'no_discussion_in_the_home', 'private_check_ins',
    'agreed_visiting_times', 'other']),
  arrangements text not null check (length(arrangements) between 1 and 5000),
  review_on date not null,
  created_by text not null,
  created_at timestamptz not null,
  ended_at timestamptz,
  ended_reason text check (length(ended_reason) <= 2000),
  primary key (org_id, id),
  foreign key (org_id, concern_id) references safeguarding_concerns (org_id, id)
);
create index safe_contact_plans_concern_idx on safe_contact_plans (org_id, concern_id, created_at);

-- A review trigger: \`threshold\` entries of the given kinds within \`window_days\` (or any single
-- entry of them, when window_days is null) raise an alert. \`last_met_at\` is when the entry that
-- last met it happened, so one run of entries raises it once.
create table concern_triggers (
  org_id uuid not null,
  id uuid not null,
  concern_id uuid not null,
  kinds text[] not null check (cardinality(kinds) between 1 and 9),
  threshold integer not null check (threshold between 1 and 100),
  window_days integer check (window_days between 1 and 366),
  description text check (length(description) <= 500),
  created_by text not null,
  created_at timestamptz not null,
  ended_at timestamptz,
  last_met_at timestamptz,
  times_met integer not null default 0,
  primary key (org_id, id),
  foreign key (org_id, concern_id) references safeguarding_concerns (org_id, id),
  check (window_days is not null or threshold = 1)
);
create index concern_triggers_concern_idx on concern_triggers (org_id, concern_id) where ended_at is null;

create table concern_restrictions (
  org_id uuid not null,
  id uuid not null,
  concern_id uuid not null,
  person_id uuid not null,
  restriction text not null check (length(restriction) between 1 and 2000),
  reason text not null check (length(reason) between 1 and 5000),
  legal_basis text not null check (legal_basis in ('consent', 'best_interests_decision', 'other')),
  legal_basis_record_id uuid,
  legal_basis_note text check (length(legal_basis_note) <= 2000),
  least_restrictive_considered text not null check (length(least_restrictive_considered) between 1 and 5000),
  starts_on date not null,
  review_on date not null,
  -- The review date the sweep last raised an alert for, so each lapse is raised once.
  flagged_review_on date,
  ended_on date,
  end_reason text check (length(end_reason) <= 2000),
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, concern_id) references safeguarding_concerns (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  check (review_on >= starts_on),
  check (legal_basis = 'other' or legal_basis_record_id is not null),
  check (legal_basis <> 'other' or legal_basis_note is not null),
  check ((ended_on is null) = (end_reason is null))
);
create index concern_restrictions_concern_idx on concern_restrictions (org_id, concern_id);
create index concern_restrictions_review_idx on concern_restrictions (review_on) where ended_on is null;

create table restriction_reviews (
  org_id uuid not null,
  id uuid not null,
  restriction_id uuid not null,
  reviewed_on date not null,
  used_since_last_review boolean not null,
  findings text not null check (length(findings) between 1 and 5000),
  outcome text not null check (outcome in ('continue', 'end')),
  next_review_on date,
  reviewed_by text not null,
  recorded_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, restriction_id) references concern_restrictions (org_id, id),
  check ((outcome = 'continue') = (next_review_on is not null))
);
create index restriction_reviews_restriction_idx on restriction_reviews (org_id, restriction_id, reviewed_on);
create trigger restriction_reviews_append_only before update or delete on restriction_reviews
  for each row execute function refuse_change_to_append_only();

-- What needs a manager's attention about a concern: one open item per concern, kind and cause.
create table concern_alerts (
  org_id uuid not null,
  id uuid not null,
  concern_id uuid not null,
  kind text not null check (kind in ('trigger_met', 'decision_overdue', 'restriction_past_review')),
  cause_id uuid not null,
  title text not null check (length(title) between 1 and 200),
  detail text check (length(detail) <= 2000),
  created_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by uuid,
  resolution_note text check (length(resolution_note) <= 2000),
  primary key (org_id, id),
  foreign key (org_id, concern_id) references safeguarding_concerns (org_id, id)
);
create unique index concern_alerts_open_key on concern_alerts (org_id, concern_id, kind, cause_id)
  where resolved_at is null;
create index concern_alerts_open_idx on concern_alerts (org_id, created_at) where resolved_at is null;

-- The person's chronology reads each source by person and time.
create index message_events_time_idx on message_events (org_id, message_id, occurred_at);
create index incident_people_person_idx on incident_people (org_id, person_id);
create index capacity_assessments_person_time_idx on capacity_assessments (org_id, person_id, created_at);
create index best_interests_decisions_person_time_idx on best_interests_decisions (org_id, person_id, created_at);
`)
    .execute(db);
}
