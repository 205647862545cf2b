import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// A message from an incident that the sharing gate refuses is never created, so nothing on the
// incident showed it had been tried. The decision log takes a record of it: who tried, when, and
// the share log entry that names the recipient and every reason.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
alter table incident_records drop constraint incident_records_kind_check;
alter table incident_records add constraint incident_records_kind_check
  check (kind in ('decision', 'reading', 'hazard', 'note', 'gate_refusal'));
alter table incident_records add column share_id uuid;
alter table incident_records add constraint incident_records_share_fkey
  foreign key (org_id, share_id) references share_log (org_id, id);
alter table incident_records add constraint incident_records_gate_refusal_share_check
  check ((kind = 'gate_refusal') = (share_id is not null));
`)
    .execute(db);
}
