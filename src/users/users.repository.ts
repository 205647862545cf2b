import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { namesById } from '../db/names-by-id.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { NewUserRow, StaffRole, UserRow, UserSetUpLinkRow, UserSetUpLinksTable } from './users.table.ts';

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
export type StaffUser = Pick<UserRow, (typeof publicColumns)[number]> & { awaiting_set_up: boolean };
// Whether the owner has yet to choose a password; never the hash itself.
const awaitingSetUp = sql<boolean>`password_hash is null`.as('awaiting_set_up');

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
    .select([...publicColumns, awaitingSetUp])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listUsers(
  executor: Executor,
  orgId: string,
  options: { limit: number; offset: number; role?: StaffRole | undefined },
): Promise<StaffUser[]> {
  let query = executor
    .selectFrom('users')
    .select([...publicColumns, awaitingSetUp])
    .where('org_id', '=', orgId);
  if (options.role) query = query.where('role', '=', options.role);
  return query.orderBy('display_name').orderBy('id').limit(options.limit).offset(options.offset).execute();
}

/**
 * Current staff of these roles, by name: the colleagues who can be named as an owner. Only what
 * a colleague may know of another: no address, no account details.
 */
export async function listColleagues(
  executor: Executor,
  orgId: string,
  options: { roles: readonly StaffRole[]; limit: number; offset: number },
): Promise<Pick<UserRow, 'id' | 'display_name' | 'role'>[]> {
  return executor
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('org_id', '=', orgId)
    .where('role', 'in', options.roles)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** A colleague by id, current or not (a former colleague is still named for what they did). */
export async function findColleague(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<Pick<UserRow, 'id' | 'display_name' | 'role' | 'disabled_at'> | undefined> {
  return executor
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'disabled_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
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
  return executor
    .insertInto('users')
    .values(user)
    .returning([...publicColumns, awaitingSetUp])
    .executeTakeFirstOrThrow();
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
    .returning([...publicColumns, awaitingSetUp])
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

export async function insertSetUpLink(
  executor: Executor,
  link: Insertable<UserSetUpLinksTable>,
): Promise<void> {
  await executor.insertInto('user_set_up_links').values(link).execute();
}

/** Stops every unused link of the account: only the newest one may set its password. */
export async function withdrawSetUpLinks(
  executor: Executor,
  orgId: string,
  userId: string,
  at: Date,
): Promise<void> {
  await executor
    .updateTable('user_set_up_links')
    .set({ withdrawn_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .execute();
}

export type SetUpLinkWithUser = UserSetUpLinkRow & {
  email: string;
  display_name: string;
  role: StaffRole;
  disabled_at: Date | null;
  has_password: boolean;
  organisation_name: string;
};

/**
 * A set-up link by the hash of its token, across organisations (the token identifies the account),
 * with its account. `forUpdate` locks the link, so of two requests using it at once one sets the
 * password and the other finds it used.
 */
export async function findSetUpLinkByHash(
  executor: Executor,
  tokenHash: string,
  options: { forUpdate?: boolean } = {},
): Promise<SetUpLinkWithUser | undefined> {
  let query = executor
    .selectFrom('user_set_up_links as link')
    .innerJoin('users', (join) => sameOrganisation(join, 'users.id', 'link.user_id'))
    .innerJoin('organisations', 'organisations.id', 'link.org_id')
    .selectAll('link')
    .select([
      'users.email',
      'users.display_name',
      'users.role',
      'users.disabled_at',
      sql<boolean>`users.password_hash is not null`.as('has_password'),
      'organisations.name as organisation_name',
    ])
    .where('link.token_hash', '=', tokenHash);
  if (options.forUpdate) query = query.forUpdate('link');
  return query.executeTakeFirst();
}

export async function markSetUpLinkUsed(executor: Executor, orgId: string, id: string, at: Date) {
  await executor
    .updateTable('user_set_up_links')
    .set({ used_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/**
 * Stores the password its owner chose through a link to an account in use: the first password
 * of a new account (false if it already has one), or a new one replacing the old (false if it
 * has none), which also clears its failed sign-ins, as its owner has just proved they read its
 * email.
 */
export async function setPassword(
  executor: Executor,
  orgId: string,
  id: string,
  change: { passwordHash: string; replacing: boolean; at: Date },
): Promise<boolean> {
  const result = await executor
    .updateTable('users')
    .set((eb) => ({
      password_hash: change.passwordHash,
      ...(change.replacing ? { failed_sign_ins: 0, throttled_until: null } : {}),
      updated_at: change.at,
      version: eb('version', '+', 1),
    }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('password_hash', change.replacing ? 'is not' : 'is', null)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether the account still waits for its owner to choose a password. */
export async function isAwaitingSetUp(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<boolean | undefined> {
  const row = await executor
    .selectFrom('users')
    .select(sql<boolean>`password_hash is null`.as('awaiting'))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.awaiting;
}

/** The names of members of staff, by id (disabled accounts too: they name who did something). */
export function staffNames(
  executor: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  return namesById(executor, 'users', { orgId, ids });
}

/** The addresses of the organisation's staff with an account in use and one of the roles. */
export async function activeStaffEmails(
  executor: Executor,
  orgId: string,
  options: { roles: readonly StaffRole[]; limit?: number | undefined },
): Promise<string[]> {
  let query = executor
    .selectFrom('users')
    .select('email')
    .where('org_id', '=', orgId)
    .where('role', 'in', [...options.roles])
    .where('disabled_at', 'is', null)
    .orderBy('email');
  if (options.limit !== undefined) query = query.limit(options.limit);
  return (await query.execute()).map((row) => row.email);
}

/** How many links to choose a new password the account was sent since the moment. */
export async function countPasswordResetLinksSince(
  executor: Executor,
  orgId: string,
  userId: string,
  since: Date,
): Promise<number> {
  const row = await executor
    .selectFrom('user_set_up_links')
    .select((eb) => eb.fn.countAll<string>().as('links'))
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('purpose', '=', 'password_reset')
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.links);
}
