import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// The answers to POSTs sent with an Idempotency-Key, per caller, so a repeat gets the same answer.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
create table idempotency_keys (
  org_id uuid not null references organisations (id),
  actor_id text not null,
  key text not null check (length(key) between 1 and 255),
  request_hash text not null,
  status_code integer,
  response_body text,
  content_type text,
  created_at timestamptz not null,
  completed_at timestamptz,
  primary key (org_id, actor_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
`)
    .execute(db);
}
