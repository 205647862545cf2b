import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- "Needs attention" items name the record they are about (a message, an incident, a safeguarding
-- concern) rather than always a message, and an item for one member of staff names them, so the
-- list no longer needs the message to know who it is for.
alter table attention_items add column subject_type text;
alter table attention_items add column subject_id uuid;
alter table attention_items add column for_user_id uuid;

update attention_items set subject_type = 'partner_message', subject_id = message_id;
update attention_items as item
set for_user_id = message.sent_by
from partner_messages as message
where message.org_id = item.org_id
  and message.id = item.message_id
  and item.for_role = 'sender'
  and message.sent_by_type = 'user';

alter table attention_items alter column subject_type set not null;
alter table attention_items alter column subject_id set not null;
alter table attention_items add constraint attention_items_subject_type_check
  check (subject_type in ('partner_message', 'incident', 'concern'));

drop index attention_items_open_key;
create unique index attention_items_open_key on attention_items (org_id, subject_type, subject_id, kind)
  where resolved_at is null;
create index attention_items_for_user_idx on attention_items (org_id, for_user_id) where for_user_id is not null;

alter table attention_items drop column message_id;

alter table attention_items drop constraint attention_items_kind_check;
alter table attention_items add constraint attention_items_kind_check
  check (kind in ('escalated_to_manager', 'escalated_to_registered_manager',
    'call_partner', 'email_failed', 'no_route', 'share_refused', 'share_held',
    'review_trigger_met', 'restriction_past_review', 'decision_overdue'));
`)
    .execute(db);
}
