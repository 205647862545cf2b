import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Failed sign-ins are counted by the email address typed, whether or not an account has it, so the
-- answers cannot tell anyone which addresses have accounts. One row counts an address's failures
-- from one client address; another counts them from everywhere. Each key is a SHA-256 hash, never
-- the address typed. No organisation: signing in comes before anyone knows which one it is.
create table sign_in_throttles (
  key_hash text primary key,
  failures integer not null check (failures > 0),
  last_failed_at timestamptz not null,
  throttled_until timestamptz
);
create index sign_in_throttles_last_failed_idx on sign_in_throttles (last_failed_at);
`)
    .execute(db);
}
