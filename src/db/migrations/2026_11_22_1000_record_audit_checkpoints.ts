import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Every signed checkpoint is also recorded here. The files are the evidence (signed, outside the
-- database); this row says a checkpoint was made, so a deleted checkpoint folder is noticed
-- rather than read as "no checkpoint yet". Append-only, like the audit trail itself.
create table audit_checkpoints (
  org_id uuid not null references organisations (id),
  size bigint not null check (size > 0),
  signed_at timestamptz not null,
  head_hash text not null check (head_hash ~ '^[0-9a-f]{64}$'),
  -- SHA-256 of the checkpoint's canonical JSON.
  digest text not null check (digest ~ '^[0-9a-f]{64}$'),
  key_id text not null check (length(key_id) <= 64),
  primary key (org_id, signed_at, size)
);
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
  for each row execute function refuse_audit_change();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
  for each statement execute function refuse_audit_change();
`)
    .execute(db);
}
