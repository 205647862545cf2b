import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- A person's authenticator (TOTP). The secret is encrypted by the application (AES-256-GCM) with
-- a key kept outside the database; only ciphertext is stored here. Until confirmed_at is set the
-- row is an enrolment in progress and is not used to sign in.
create table mfa_credentials (
  org_id uuid not null,
  user_id uuid not null,
  secret_ciphertext text not null,
  created_at timestamptz not null,
  confirmed_at timestamptz,
  -- The RFC 6238 time step of the last code accepted: a code for this step or an earlier one is
  -- refused, so no code is ever accepted twice.
  last_accepted_step bigint,
  failed_attempts integer not null default 0 check (failed_attempts >= 0),
  throttled_until timestamptz,
  primary key (org_id, user_id),
  foreign key (org_id, user_id) references users (org_id, id)
);

-- Single-use recovery codes, stored only as a keyed hash.
create table mfa_recovery_codes (
  org_id uuid not null,
  user_id uuid not null,
  code_hash text not null,
  created_at timestamptz not null,
  used_at timestamptz,
  primary key (org_id, user_id, code_hash),
  foreign key (org_id, user_id) references users (org_id, id)
);

-- When the session's second factor was checked, and when its owner last proved who they are
-- (sign-in or re-authentication). A session whose user needs a second factor and has not given
-- one in it is "MFA-pending" and may only finish signing in.
alter table sessions add column mfa_verified_at timestamptz;
alter table sessions add column authenticated_at timestamptz;
update sessions set authenticated_at = created_at;

-- Roles that must use a second factor beyond those that always must (manager, registered
-- manager, admin).
alter table organisations add column mfa_also_required_for text[] not null default '{}'
  check (mfa_also_required_for <@ array['care_worker', 'auditor']::text[]);
`)
    .execute(db);
}
