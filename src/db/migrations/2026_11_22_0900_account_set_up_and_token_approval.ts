import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- An account added through the application has no password until its owner chooses one through
-- a one-time set-up link: whoever added it never knows it.
alter table users alter column password_hash drop not null;

create table user_set_up_links (
  org_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  -- A staff member's id, or the name of the command that issued it.
  created_by text not null check (length(created_by) <= 100),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  withdrawn_at timestamptz,
  primary key (org_id, id),
  foreign key (org_id, user_id) references users (org_id, id)
);
create unique index user_set_up_links_token_key on user_set_up_links (token_hash);
create index user_set_up_links_user_idx on user_set_up_links (org_id, user_id);

-- A token that acts with a role reading people's records, asked for by an admin, waits for a
-- registered manager's approval before it authenticates. Tokens made before this change keep
-- working: their status is 'approved'.
alter table api_tokens
  add column approval_status text not null default 'approved'
    check (approval_status in ('awaiting', 'approved', 'refused')),
  add column decided_by uuid,
  add column decided_at timestamptz;
`)
    .execute(db);
}
