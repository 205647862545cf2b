import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- A one-time link to an account is either the set-up link its owner chooses their first password
-- with, or a link they asked for by email to choose a new one when they have forgotten it. Both
-- are kept only as their token's hash; links made before this change are set-up links.
alter table user_set_up_links
  add column purpose text not null default 'set_up'
    check (purpose in ('set_up', 'password_reset'));

-- How many reset links an account was sent lately is asked on every request for one.
create index user_set_up_links_reset_idx on user_set_up_links (org_id, user_id, created_at)
  where purpose = 'password_reset';
`)
    .execute(db);
}
