import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- An item resolved by Liaison itself, because its cause went away (the partner replied, the
-- message was closed or withdrawn, sharing ended), rather than by a person: resolved_by stays
-- null and resolution_note says what happened.
alter table attention_items add column resolved_by_system boolean not null default false;

-- "Needs attention" holds one open item per message and kind. The duplicates already there are
-- resolved, keeping the oldest open one of each.
update attention_items as item
set resolved_at = now(), resolved_by_system = true, resolution_note = 'Duplicate'
where item.resolved_at is null
  and exists (
    select 1 from attention_items as older
    where older.org_id = item.org_id
      and older.message_id = item.message_id
      and older.kind = item.kind
      and older.resolved_at is null
      and (older.created_at, older.id) < (item.created_at, item.id)
  );
create unique index attention_items_open_key on attention_items (org_id, message_id, kind)
  where resolved_at is null;
`)
    .execute(db);
}
