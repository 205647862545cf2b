import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- A partner link names the record it opens (a message today; a plan action or a concern's
-- multi-agency view later) rather than always a message.
alter table partner_links add column subject_type text
  check (subject_type in ('partner_message', 'incident', 'concern'));
alter table partner_links add column subject_id uuid;
update partner_links set subject_type = 'partner_message', subject_id = message_id;
alter table partner_links alter column subject_type set not null;
alter table partner_links alter column subject_id set not null;
create index partner_links_subject_idx on partner_links (org_id, subject_type, subject_id);
alter table partner_links drop column message_id;
`)
    .execute(db);
}
