import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Servers keep recently used API tokens in memory. Any change to a token, by the application or
-- around it, tells every server to forget them (delivered when the changing transaction commits).
-- A new token cannot be in anyone's memory yet, so adding one says nothing.
create function notify_api_tokens_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('liaison_api_tokens', '');
  return null;
end
$$;

create trigger api_tokens_notify_change after update or delete on api_tokens
  for each statement execute function notify_api_tokens_changed();
create trigger api_tokens_notify_truncate after truncate on api_tokens
  for each statement execute function notify_api_tokens_changed();

-- The sealing queue is written by the same statement as the entry it points to, and entries can
-- never be deleted (append-only triggers), so its foreign key could never refuse anything: it only
-- cost every audited write a lookup and a lock on the entry it had just written.
alter table audit_pending drop constraint audit_pending_org_id_event_id_fkey;
`)
    .execute(db);
}
