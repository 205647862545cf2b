import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// Messages to partners and everything that happens on them: the thread (append-only), the secure
// links partners answer through (stored hashed), the outbox of email waiting to go, advice
// received and the care-plan amendments made because of it, and the internal "needs attention"
// list that escalations raise for managers.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create table partner_messages (
  org_id uuid not null references organisations (id),
  id uuid not null,
  template text not null check (template in ('request', 'safeguarding', 'meeting_request',
    'incident_update', 'update')),
  ask_type text check (ask_type in ('decision', 'resource', 'advice', 'action')),
  urgency text not null check (urgency in ('urgent', 'routine')),
  person_id uuid,
  purpose text,
  categories text[] not null default '{}',
  share_id uuid,
  partner_organisation_id uuid not null,
  partner_contact_id uuid not null,
  next_contact_id uuid,
  senior_contact_id uuid,
  subject text not null check (length(subject) between 1 and 200),
  summary text not null check (length(summary) between 1 and 5000),
  impact text check (length(impact) <= 5000),
  mitigations text check (length(mitigations) <= 5000),
  ask text check (length(ask) <= 5000),
  body text check (length(body) <= 10000),
  deadline timestamptz,
  escalation_route jsonb,
  -- The advice this message asks the partner to confirm in writing, when it is such a request.
  confirms_advice_id uuid,
  -- The incident the message was sent about, if any (its key is added with the incidents).
  incident_id uuid,
  status text not null check (status in ('sent', 'acknowledged', 'accepted', 'declined', 'responded',
    'done', 'closed', 'withdrawn')),
  sent_by_type text not null check (sent_by_type in ('user', 'api_token', 'system')),
  sent_by uuid,
  sent_at timestamptz not null,
  acknowledged_at timestamptz,
  accepted_at timestamptz,
  declined_at timestamptz,
  decline_reason text check (length(decline_reason) <= 2000),
  responded_at timestamptz,
  done_at timestamptz,
  outcome text check (length(outcome) <= 5000),
  closed_at timestamptz,
  close_note text check (length(close_note) <= 2000),
  withdrawn_at timestamptz,
  withdrawn_reason text check (length(withdrawn_reason) <= 2000),
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, partner_organisation_id) references partner_organisations (org_id, id),
  foreign key (org_id, partner_organisation_id, partner_contact_id)
    references partner_contacts (org_id, partner_organisation_id, id),
  check ((person_id is null) = (purpose is null)),
  check ((person_id is null) = (share_id is null)),
  check (template <> 'request' or ask_type is not null),
  check (template = 'update' or deadline is not null),
  check ((status = 'withdrawn') = (withdrawn_at is not null))
);
create index partner_messages_open_idx on partner_messages (org_id, status, deadline)
  where status not in ('closed', 'withdrawn');
create index partner_messages_person_idx on partner_messages (org_id, person_id, sent_at) where person_id is not null;
create index partner_messages_sent_idx on partner_messages (org_id, sent_at);
create index partner_messages_incident_idx on partner_messages (org_id, incident_id, sent_at) where incident_id is not null;

create table message_events (
  org_id uuid not null,
  id uuid not null,
  -- The order entries were written in, which the thread follows: several can share a moment.
  seq bigint generated always as identity,
  message_id uuid not null,
  kind text not null check (kind in ('sent', 'emailed', 'email_failed', 'acknowledged', 'accepted', 'declined',
    'responded', 'done', 'call_logged', 'reply_logged', 'note', 'escalated', 'link_issued', 'link_revoked',
    'withdrawn', 'closed', 'advice_recorded', 'confirmation_requested', 'confirmation_received')),
  -- Who: a member of staff, a system, or the partner through their link (named as they gave it).
  actor_type text not null check (actor_type in ('user', 'api_token', 'partner', 'system')),
  actor_id text not null check (length(actor_id) between 1 and 100),
  actor_name text check (length(actor_name) <= 200),
  actor_role text check (length(actor_role) <= 200),
  how text check (how in ('partner_link', 'email', 'phone', 'in_person', 'letter', 'meeting', 'other')),
  text text check (length(text) <= 10000),
  details jsonb not null default '{}',
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, message_id) references partner_messages (org_id, id)
);
create index message_events_thread_idx on message_events (org_id, message_id, seq);
create trigger message_events_append_only before update or delete on message_events
  for each row execute function refuse_record_change();
create trigger message_events_no_truncate before truncate on message_events
  for each statement execute function refuse_record_change();

create table partner_links (
  org_id uuid not null,
  id uuid not null,
  message_id uuid not null,
  partner_contact_id uuid,
  token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text check (length(revoked_reason) <= 200),
  last_used_at timestamptz,
  primary key (org_id, id),
  foreign key (org_id, message_id) references partner_messages (org_id, id)
);
create unique index partner_links_token_key on partner_links (token_hash);
create index partner_links_message_idx on partner_links (org_id, message_id);

create table email_outbox (
  org_id uuid not null,
  id uuid not null,
  message_id uuid,
  to_address text not null check (length(to_address) between 3 and 254),
  subject text not null check (length(subject) between 1 and 300),
  text_body text not null check (length(text_body) <= 20000),
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  sent_at timestamptz,
  last_error text check (length(last_error) <= 1000),
  created_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, message_id) references partner_messages (org_id, id)
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where status in ('pending', 'sending');

create table advice_records (
  org_id uuid not null,
  id uuid not null,
  person_id uuid,
  message_id uuid,
  partner_organisation_id uuid,
  partner_contact_id uuid,
  given_by_name text not null check (length(given_by_name) between 1 and 200),
  given_by_role text check (length(given_by_role) <= 200),
  given_at timestamptz not null,
  received_how text not null check (received_how in ('partner_link', 'email', 'phone', 'in_person', 'letter',
    'meeting', 'other')),
  advice text not null check (length(advice) between 1 and 10000),
  in_writing boolean not null,
  confirmation_status text not null check (confirmation_status in ('not_needed', 'requested', 'confirmed',
    'not_requested')),
  confirmation_message_id uuid,
  confirmed_at timestamptz,
  confirmed_how text check (confirmed_how in ('partner_link', 'email', 'letter', 'other')),
  confirmation_note text check (length(confirmation_note) <= 2000),
  recorded_by_type text not null check (recorded_by_type in ('user', 'api_token', 'partner', 'system')),
  recorded_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, message_id) references partner_messages (org_id, id),
  check ((confirmation_status = 'confirmed') = (confirmed_at is not null))
);
create index advice_records_person_idx on advice_records (org_id, person_id, given_at);

create table care_plan_amendments (
  org_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  advice_id uuid,
  what_changed text not null check (length(what_changed) between 1 and 5000),
  why text not null check (length(why) between 1 and 5000),
  made_by_type text not null check (made_by_type in ('user', 'api_token', 'system')),
  made_by text not null,
  made_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, advice_id) references advice_records (org_id, id)
);
create index care_plan_amendments_person_idx on care_plan_amendments (org_id, person_id, made_at);
create index care_plan_amendments_advice_idx on care_plan_amendments (org_id, advice_id) where advice_id is not null;
create trigger care_plan_amendments_append_only before update or delete on care_plan_amendments
  for each row execute function refuse_record_change();

create table attention_items (
  org_id uuid not null,
  id uuid not null,
  message_id uuid not null,
  step_id uuid,
  kind text not null check (kind in ('escalated_to_manager', 'escalated_to_registered_manager',
    'call_partner', 'email_failed', 'no_route')),
  for_role text not null check (for_role in ('manager', 'registered_manager', 'sender')),
  title text not null check (length(title) between 1 and 300),
  detail text check (length(detail) <= 2000),
  created_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by uuid,
  resolution_note text check (length(resolution_note) <= 2000),
  primary key (org_id, id),
  foreign key (org_id, message_id) references partner_messages (org_id, id)
);
create index attention_items_open_idx on attention_items (org_id, created_at) where resolved_at is null;
create unique index attention_items_step_key on attention_items (org_id, step_id, kind) where step_id is not null;

create table escalation_route_settings (
  org_id uuid not null references organisations (id),
  template text not null check (template in ('incident_update', 'request_decision', 'request_resource',
    'request_advice', 'request_action', 'safeguarding', 'meeting_request')),
  urgency text not null check (urgency in ('urgent', 'routine')),
  -- Null after going back to the default: the row stays, so its version only ever goes up.
  route jsonb,
  updated_by uuid,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, template, urgency)
);
`)
    .execute(db);
}
