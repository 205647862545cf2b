import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Requests counted against a limit (sign-in attempts from one address, links that do not work,
-- requests for a new password…), kept in the database so every server process counts together.
-- The key is the SHA-256 of what is limited and who by (a client address is personal data).
create table rate_limit_counters (
  key text primary key check (key ~ '^[0-9a-f]{64}$'),
  count integer not null check (count >= 0),
  window_started_at timestamptz not null,
  window_ends_at timestamptz not null
);
create index rate_limit_counters_ends_idx on rate_limit_counters (window_ends_at);
`)
    .execute(db);
}
