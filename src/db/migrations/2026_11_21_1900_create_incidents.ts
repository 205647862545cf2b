import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// Incidents and business continuity: the incident, the people it affects with their risk and
// why, interim measures, environmental readings and hazards, the decision log (append-only),
// and the post-incident review with its learning actions. Messages to partners name the
// incident they were sent about.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create table incidents (
  org_id uuid not null references organisations (id),
  id uuid not null,
  type text not null check (type in ('staffing', 'heating', 'flood', 'power', 'environmental',
    'digital_failure', 'transport', 'medication_supply', 'equipment', 'external_provider_failure', 'other')),
  title text not null check (length(title) between 1 and 200),
  summary text not null check (length(summary) between 1 and 5000),
  severity text not null check (severity in ('minor', 'moderate', 'major', 'critical')),
  status text not null default 'open' check (status in ('open', 'closed')),
  started_at timestamptz not null,
  ended_at timestamptz,
  care_service_ids uuid[] not null default '{}',
  locations text[] not null default '{}',
  lead_id uuid not null,
  partner_liaison_id uuid not null,
  escalation_route jsonb,
  created_by uuid,
  created_at timestamptz not null,
  closed_at timestamptz,
  closed_by uuid,
  review jsonb,
  findings text check (length(findings) <= 20000),
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id),
  foreign key (org_id, lead_id) references users (org_id, id),
  foreign key (org_id, partner_liaison_id) references users (org_id, id),
  check (ended_at is null or ended_at >= started_at),
  check ((status = 'closed') = (closed_at is not null))
);
create index incidents_open_idx on incidents (org_id, status, started_at desc);

alter table partner_messages add foreign key (org_id, incident_id) references incidents (org_id, id);

create table incident_people (
  org_id uuid not null,
  incident_id uuid not null,
  person_id uuid not null,
  risk_level text not null check (risk_level in ('high', 'medium', 'low')),
  risk_score integer not null,
  risk_reasons jsonb not null,
  adjusted_level text check (adjusted_level in ('high', 'medium', 'low')),
  adjusted_reason text check (length(adjusted_reason) <= 2000),
  adjusted_by uuid,
  adjusted_at timestamptz,
  observation_plan text check (length(observation_plan) <= 5000),
  added_by uuid,
  added_at timestamptz not null,
  primary key (org_id, incident_id, person_id),
  foreign key (org_id, incident_id) references incidents (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  check ((adjusted_level is null) = (adjusted_reason is null))
);

create table incident_measures (
  org_id uuid not null,
  id uuid not null,
  incident_id uuid not null,
  kind text not null check (kind in ('room_move', 'additional_checks', 'temporary_equipment',
    'alternative_accommodation_request', 'staffing_cover', 'other')),
  description text not null check (length(description) between 1 and 2000),
  person_id uuid,
  owner_id uuid not null,
  starts_at timestamptz not null,
  ended_at timestamptz,
  created_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, incident_id) references incidents (org_id, id),
  foreign key (org_id, person_id) references people (org_id, id),
  foreign key (org_id, owner_id) references users (org_id, id),
  check (ended_at is null or ended_at >= starts_at)
);
create index incident_measures_incident_idx on incident_measures (org_id, incident_id, starts_at);

create table incident_records (
  org_id uuid not null,
  id uuid not null,
  incident_id uuid not null,
  kind text not null check (kind in ('decision', 'reading', 'hazard', 'note')),
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  recorded_by_type text not null check (recorded_by_type in ('user', 'api_token', 'system')),
  recorded_by text not null,
  -- A decision: what, on what evidence, why, and the advice relied on.
  decision text check (length(decision) <= 5000),
  evidence text check (length(evidence) <= 5000),
  rationale text check (length(rationale) <= 5000),
  advice_ids uuid[] not null default '{}',
  -- A reading or hazard: where, what, and a measured value.
  location text check (length(location) <= 200),
  measure text check (length(measure) <= 100),
  value numeric,
  unit text check (length(unit) <= 20),
  note text check (length(note) <= 5000),
  primary key (org_id, id),
  foreign key (org_id, incident_id) references incidents (org_id, id),
  check (kind <> 'decision' or (decision is not null and rationale is not null))
);
create index incident_records_incident_idx on incident_records (org_id, incident_id, occurred_at);
create trigger incident_records_append_only before update or delete on incident_records
  for each row execute function refuse_record_change();

create table incident_learning_actions (
  org_id uuid not null,
  id uuid not null,
  incident_id uuid not null,
  action text not null check (length(action) between 1 and 2000),
  owner_id uuid not null,
  due_on date not null,
  done_at timestamptz,
  created_at timestamptz not null,
  primary key (org_id, id),
  foreign key (org_id, incident_id) references incidents (org_id, id),
  foreign key (org_id, owner_id) references users (org_id, id)
);
create index incident_learning_actions_incident_idx on incident_learning_actions (org_id, incident_id);
`)
    .execute(db);
}
