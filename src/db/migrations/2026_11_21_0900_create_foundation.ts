import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create table organisations (
  id uuid primary key,
  name text not null check (length(name) between 1 and 200),
  registration_number text,
  registered_manager_name text,
  address text,
  logo_data_url text check (logo_data_url is null or length(logo_data_url) <= 200000),
  contact_verification_days integer not null default 180 check (contact_verification_days between 1 and 3650),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);

create table users (
  org_id uuid not null references organisations (id),
  id uuid not null,
  email text not null,
  display_name text not null,
  role text not null check (role in ('care_worker', 'manager', 'registered_manager', 'auditor', 'admin')),
  password_hash text not null,
  failed_sign_ins integer not null default 0,
  throttled_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1,
  primary key (org_id, id)
);
-- Sign-in is by email alone, so an address belongs to one account across all organisations.
create unique index users_email_key on users (lower(email));

create table sessions (
  org_id uuid not null,
  token_hash text not null,
  user_id uuid not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  ended_at timestamptz,
  -- Synchroniser token for cookie-authenticated writes (not a secret worth hashing: it only
  -- proves the request came from a page that could read the session's own responses).
  csrf_token text not null,
  primary key (org_id, token_hash),
  foreign key (org_id, user_id) references users (org_id, id)
);
create unique index sessions_token_hash_key on sessions (token_hash);

create table api_tokens (
  org_id uuid not null references organisations (id),
  id uuid not null,
  name text not null,
  role text not null check (role in ('care_worker', 'manager', 'registered_manager', 'auditor', 'admin')),
  token_hash text not null,
  created_by uuid not null,
  created_at timestamptz not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  primary key (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id)
);
create unique index api_tokens_token_hash_key on api_tokens (token_hash);

-- The audit trail. Entries are written in the same transaction as the change they record, then
-- sealed into their organisation's hash chain by the sequencer (audit_chain). Neither table
-- accepts UPDATE, DELETE or TRUNCATE.
create table audit_events (
  org_id uuid not null references organisations (id),
  id bigint generated always as identity,
  occurred_at timestamptz not null,
  actor_type text not null check (actor_type in ('user', 'api_token', 'partner', 'system')),
  actor_id text,
  actor_role text,
  action text not null,
  entity_type text not null,
  entity_id text,
  changed_fields text[] not null default '{}',
  outcome text not null default 'success' check (outcome in ('success', 'denied', 'failed')),
  request_id text,
  ip text,
  details jsonb not null default '{}',
  primary key (org_id, id)
);
create index audit_events_entity_idx on audit_events (org_id, entity_type, entity_id);
create index audit_events_actor_idx on audit_events (org_id, actor_id);

-- Entries written but not yet sealed; the sequencer deletes a row when it seals its entry.
create table audit_pending (
  org_id uuid not null,
  event_id bigint not null,
  primary key (org_id, event_id),
  foreign key (org_id, event_id) references audit_events (org_id, id)
);

create table audit_chain (
  org_id uuid not null,
  seq bigint not null check (seq >= 1),
  event_id bigint not null,
  entry_hash text not null,
  sealed_at timestamptz not null,
  primary key (org_id, seq),
  unique (org_id, event_id),
  foreign key (org_id, event_id) references audit_events (org_id, id)
);

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'the audit trail is append-only: % on % is refused', tg_op, tg_table_name
    using errcode = '42501';
end
$$;

create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function refuse_audit_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function refuse_audit_change();
create trigger audit_chain_append_only before update or delete on audit_chain
  for each row execute function refuse_audit_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
  for each statement execute function refuse_audit_change();
`)
    .execute(db);
}
