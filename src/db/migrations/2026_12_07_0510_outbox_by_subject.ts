import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- An email names the record it is about (a message, an incident, a safeguarding concern), or none
-- (an alert to staff about nothing in particular), rather than always a message.
alter table email_outbox add column subject_type text
  check (subject_type in ('partner_message', 'incident', 'concern'));
alter table email_outbox add column subject_id uuid;
update email_outbox set subject_type = 'partner_message', subject_id = message_id where message_id is not null;
alter table email_outbox add constraint email_outbox_about_check
  check ((subject_type is null) = (subject_id is null));
create index email_outbox_subject_idx on email_outbox (org_id, subject_type, subject_id)
  where subject_id is not null;
alter table email_outbox drop column message_id;
`)
    .execute(db);
}
