import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Actions with a named lead and a due date, keyed by what they are about (a subject: an incident,
-- a message, a concern…), shared by every capability that agrees actions. The lead is a member of
-- staff or a partner contact, never both.
create table actions (
  org_id uuid not null,
  id uuid not null,
  subject_type text not null check (length(subject_type) between 1 and 50),
  subject_id uuid not null,
  title text not null check (length(title) between 1 and 2000),
  lead_user_id uuid,
  lead_partner_contact_id uuid,
  due_on date not null,
  status text not null
    check (status in ('proposed', 'accepted', 'declined', 'in_progress', 'done', 'cancelled')),
  declined_reason text check (length(declined_reason) between 1 and 2000),
  evidence text check (length(evidence) between 1 and 5000),
  done_at timestamptz,
  escalation_route jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, lead_user_id) references users (org_id, id),
  foreign key (org_id, lead_partner_contact_id) references partner_contacts (org_id, id),
  check (num_nonnulls(lead_user_id, lead_partner_contact_id) = 1),
  check (status <> 'declined' or declined_reason is not null),
  check (status <> 'done' or (evidence is not null and done_at is not null))
);
create index actions_subject_idx on actions (org_id, subject_type, subject_id, due_on);
create index actions_lead_user_idx on actions (org_id, lead_user_id) where lead_user_id is not null;

-- The post-incident review's learning actions become actions about their incident, keeping their
-- ids. They were agreed at the review, so an open one is accepted; one marked done before
-- evidence was asked for says so in its evidence.
insert into actions (
  org_id, id, subject_type, subject_id, title, lead_user_id, lead_partner_contact_id, due_on,
  status, declined_reason, evidence, done_at, escalation_route, created_at,
  updated_at, version
)
select
  org_id, id, 'incident', incident_id, action, owner_id, null, due_on,
  case when done_at is null then 'accepted' else 'done' end,
  null,
  case when done_at is null then null else 'Marked done before evidence was recorded.' end,
  done_at, null, created_at, coalesce(done_at, created_at), 1
from incident_learning_actions;

drop table incident_learning_actions;
`)
    .execute(db);
}
