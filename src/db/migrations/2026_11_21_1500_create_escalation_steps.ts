import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// The durable escalation schedule: every step of every route, pending until it fires or a reply
// cancels it. The sweep reads only the partial index of pending steps by due time, so its cost
// follows the number of steps due, not the number waiting.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create table escalation_steps (
  org_id uuid not null references organisations (id),
  id uuid not null,
  subject_type text not null check (subject_type ~ '^[a-z][a-z_]{0,39}$'),
  subject_id uuid not null,
  step_index integer not null check (step_index between 0 and 999),
  target text not null check (target in ('remind_same_contact', 'next_contact',
    'duty_or_out_of_hours_channel', 'senior_contact', 'internal_manager', 'internal_registered_manager')),
  stops_on_acknowledgement boolean not null,
  planned_at timestamptz not null,
  due_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'fired', 'cancelled')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (length(last_error) <= 1000),
  fired_at timestamptz,
  cancelled_at timestamptz,
  cancelled_reason text check (length(cancelled_reason) between 1 and 200),
  created_at timestamptz not null,
  primary key (org_id, id),
  check ((status = 'fired') = (fired_at is not null)),
  check ((status = 'cancelled') = (cancelled_at is not null and cancelled_reason is not null))
);
create index escalation_steps_due_idx on escalation_steps (due_at) where status = 'pending';
create unique index escalation_steps_pending_subject_idx
  on escalation_steps (org_id, subject_type, subject_id, step_index) where status = 'pending';
create index escalation_steps_subject_idx on escalation_steps (org_id, subject_type, subject_id, step_index);
`)
    .execute(db);
}
