import { type Kysely, sql } from 'kysely';
import { createDatabase } from './create-db.ts';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// On a PostgreSQL server Liaison uses two roles. The owner of the tables runs the migrations
// (MIGRATION_DATABASE_URL). The server runs as a role that may only read and write rows
// (DATABASE_URL): it owns nothing, so it cannot switch off the audit trail's append-only triggers
// (only a table's owner may ALTER it), and it holds no UPDATE, DELETE or TRUNCATE on the audit
// tables at all. The embedded database has a single user: this split does not apply there.

/** The audit trail's append-only tables: the server may read them and add to them, nothing else. */
export const appendOnlyAuditTables = [
  'audit_events',
  'audit_chain',
  'audit_checkpoints',
  'audit_blocks',
  'audit_chain_cutover',
] as const;

/** The migrator's own bookkeeping: the server reads it (to see it is up to date) and never writes it. */
const migrationTables = ['kysely_migration', 'kysely_migration_lock'] as const;

const roleNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The statements that give `role` what the server needs in the current database, run by the role
 * that owns the tables (the one that runs migrations). Default privileges extend the same grants
 * to tables and sequences that later migrations create; an audit table added later must be added
 * to `appendOnlyAuditTables` and the grants run again.
 */
export function runtimeRoleStatements(role: string): string[] {
  if (!roleNamePattern.test(role)) {
    throw new Error(`"${role}" is not a plain role name (lower-case letters, digits and _).`);
  }
  const grantee = `"${role}"`;
  return [
    `grant usage on schema public to ${grantee}`,
    `grant select, insert, update, delete on all tables in schema public to ${grantee}`,
    `grant usage, select on all sequences in schema public to ${grantee}`,
    `revoke update, delete, truncate on ${appendOnlyAuditTables.join(', ')} from ${grantee}`,
    `revoke insert, update, delete, truncate on ${migrationTables.join(', ')} from ${grantee}`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${grantee}`,
    `alter default privileges in schema public grant usage, select on sequences to ${grantee}`,
  ];
}

/** Applies runtimeRoleStatements in one transaction; the caller must own the tables. */
export async function grantRuntimeRole(db: Kysely<Database>, role: string): Promise<void> {
  const statements = runtimeRoleStatements(role);
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}

/**
 * Brings the schema up to date: as the owner role when MIGRATION_DATABASE_URL is set (through a
 * connection of its own, closed afterwards), otherwise through `db` itself.
 */
export async function migrateAsOwner(
  db: Kysely<Database>,
  migrationDatabaseUrl: string | undefined,
): Promise<string[]> {
  if (!migrationDatabaseUrl) return migrateToLatest(db);
  const owner = await createDatabase({ backend: 'postgres', url: migrationDatabaseUrl, poolSize: 1 });
  try {
    return await migrateToLatest(owner.db);
  } finally {
    await owner.close();
  }
}
