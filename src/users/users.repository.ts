import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { NewUserRow, StaffRole, UserRow } from './users.table.ts';

const publicColumns = [
  'org_id',
  'id',
  'email',
  'display_name',
  'role',
  'disabled_at',
  'created_at',
  'updated_at',
  'version',
] as const;
export type StaffUser = Pick<UserRow, (typeof publicColumns)[number]>;

/** Sign-in looks across organisations: the address identifies the account and its organisation. */
export async function findUserForSignIn(executor: Executor, email: string): Promise<UserRow | undefined> {
  return executor
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<StaffUser | undefined> {
  return executor
    .selectFrom('users')
    .select(publicColumns)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listUsers(
  executor: Executor,
  orgId: string,
  options: { limit: number; offset: number; role?: StaffRole | undefined },
): Promise<StaffUser[]> {
  let query = executor.selectFrom('users').select(publicColumns).where('org_id', '=', orgId);
  if (options.role) query = query.where('role', '=', options.role);
  return query.orderBy('display_name').orderBy('id').limit(options.limit).offset(options.offset).execute();
}

export async function emailInUse(executor: Executor, email: string): Promise<boolean> {
  const row = await executor
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(executor: Executor, user: NewUserRow): Promise<StaffUser> {
  return executor.insertInto('users').values(user).returning(publicColumns).executeTakeFirstOrThrow();
}

/** Compare and set: changes nothing unless the account is still at `expectedVersion`. */
export async function updateUser(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: { role?: StaffRole; display_name?: string; disabled_at?: Date | null; updated_at: Date },
): Promise<StaffUser | undefined> {
  return executor
    .updateTable('users')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(publicColumns)
    .executeTakeFirst();
}

/** Counts a failed sign-in atomically; concurrent failures each count. */
export async function recordFailedSignIn(
  executor: Executor,
  orgId: string,
  id: string,
  throttleFor: (failures: number) => number,
  at: Date,
): Promise<number> {
  const row = await executor
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning('failed_sign_ins')
    .executeTakeFirstOrThrow();
  const delayMs = throttleFor(row.failed_sign_ins);
  if (delayMs > 0) {
    await executor
      .updateTable('users')
      .set({ throttled_until: new Date(at.getTime() + delayMs) })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .execute();
  }
  return row.failed_sign_ins;
}

export async function recordSuccessfulSignIn(
  executor: Executor,
  orgId: string,
  id: string,
  newPasswordHash: string | undefined,
): Promise<void> {
  await executor
    .updateTable('users')
    .set({
      failed_sign_ins: 0,
      throttled_until: null,
      ...(newPasswordHash ? { password_hash: newPasswordHash } : {}),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
