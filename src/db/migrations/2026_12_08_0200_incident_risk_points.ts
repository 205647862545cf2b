import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Each organisation's risk points table, as the registered manager set it: every version kept, so
-- a ranking can say which table it was made with. Version 1 is Liaison's standard table, which has
-- no row; each change adds the next version and nothing is ever changed or removed.
create table incident_risk_points (
  org_id uuid not null references organisations (id),
  version integer not null check (version >= 2),
  high_from integer not null check (high_from between 1 and 50),
  medium_from integer not null check (medium_from between 1 and 50 and medium_from < high_from),
  points jsonb not null check (jsonb_typeof(points) = 'object'),
  set_by uuid,
  set_at timestamptz not null,
  primary key (org_id, version),
  foreign key (org_id, set_by) references users (org_id, id)
);
create trigger incident_risk_points_append_only before update or delete on incident_risk_points
  for each row execute function refuse_change_to_append_only();
create trigger incident_risk_points_no_truncate before truncate on incident_risk_points
  for each statement execute function refuse_change_to_append_only();

-- The version of the table each person on an incident was ranked with. Everyone ranked before
-- organisations could change the table was ranked with the standard one.
alter table incident_people add column risk_points_version integer not null default 1;
alter table incident_people alter column risk_points_version drop default;
`)
    .execute(db);
}
