import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { endSessionsOfUser } from '../auth/auth.service.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import { careRecordWriters } from '../auth/role-groups.ts';
import { generateToken, hashToken } from '../auth/secrets.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { changeVersioned, type VersionedChange } from '../db/versioned-change.ts';
import { AppError, notFound, orNotFound } from '../errors.ts';
import { accountOfLink, choosePasswordThroughLink } from './account-links.ts';
import * as usersRepository from './users.repository.ts';
import type { CreateUserInput, UpdateUserInput } from './users.schemas.ts';
import { readsCareRecords, type StaffRole } from './users.table.ts';

/** How long a set-up link works: long enough to reach its owner over a weekend. */
export const SET_UP_LINK_LIFETIME_MS = 72 * 60 * 60_000;

/**
 * Adds a staff member to the caller's organisation, without a password: the answer carries a
 * one-time set-up link with which the owner chooses theirs, so whoever added the account never
 * knows it. Only an admin can create another admin.
 */
export async function createUser(db: Db, context: RequestContext, input: CreateUserInput, clock: Clock) {
  if (input.role === 'admin' && context.actor.type !== 'system' && context.actor.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin can add another admin.', { field: 'role' });
  }
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    if (await usersRepository.emailInUse(trx, input.email)) {
      throw new AppError('conflict', 'A staff account already uses this email address.', { field: 'email' });
    }
    const user = await insertUserRecord(trx, {
      orgId: context.orgId,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      passwordHash: null,
      at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      changedFields: ['email', 'display_name', 'role'],
      details: { role: user.role },
    });
    const setUpLink = await issueSetUpLink(trx, context, user.id, now);
    return { user, setUpLink };
  });
}

/**
 * Adds a staff member with a password chosen on the server itself (`liaison user add`): whoever
 * runs commands on the server already controls its database, so is trusted with this. This is
 * how an organisation's first registered manager is added.
 */
export async function createUserWithPassword(
  db: Db,
  context: RequestContext,
  input: CreateUserInput & { password: string },
  clock: Clock,
) {
  if (context.actor.type !== 'system') {
    throw new AppError(
      'forbidden',
      'Only the liaison command on the server can choose a password for someone.',
    );
  }
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    if (await usersRepository.emailInUse(trx, input.email)) {
      throw new AppError('conflict', 'A staff account already uses this email address.', { field: 'email' });
    }
    const user = await insertUserRecord(trx, {
      orgId: context.orgId,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      passwordHash,
      at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      changedFields: ['email', 'display_name', 'role', 'password_hash'],
      details: { role: user.role },
    });
    return user;
  });
}

/** Writes a new set-up link for the account (withdrawing any earlier unused one) and returns its token once. */
async function issueSetUpLink(trx: DbTransaction, context: RequestContext, userId: string, now: Date) {
  const token = generateToken();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + SET_UP_LINK_LIFETIME_MS);
  await usersRepository.withdrawSetUpLinks(trx, context.orgId, userId, now);
  await usersRepository.insertSetUpLink(trx, {
    org_id: context.orgId,
    id,
    user_id: userId,
    token_hash: hashToken(token),
    created_by: context.actor.id,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
    withdrawn_at: null,
  });
  await recordAudit(trx, context, now, {
    action: 'user.set_up_link.issue',
    entityType: 'user',
    entityId: userId,
    details: { link_id: id },
  });
  return { token, expiresAt };
}

/** A new set-up link for an account whose owner has not yet chosen a password; earlier links stop working. */
export async function renewSetUpLink(db: Db, context: RequestContext, userId: string, clock: Clock) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const awaiting = await usersRepository.isAwaitingSetUp(trx, context.orgId, userId);
    if (awaiting === undefined) throw notFound('The staff member');
    if (!awaiting) {
      throw new AppError('conflict', 'This account’s owner has already chosen a password.');
    }
    return issueSetUpLink(trx, context, userId, now);
  });
}

/** Who a set-up link is for, so its owner can check it is theirs before choosing a password. */
export function findAccountToSetUp(db: Db, options: { token: string; clock: Clock }) {
  return accountOfLink(db, { ...options, purpose: 'set_up' });
}

/**
 * The owner chooses their password through their set-up link, which then stops working. They
 * sign in as usual afterwards (and set up an authenticator where their role requires one).
 */
export function completeAccountSetUp(
  db: Db,
  options: { token: string; password: string; clock: Clock; requestId: string | null; ip: string | null },
): Promise<void> {
  return choosePasswordThroughLink(db, { ...options, purpose: 'set_up' }, { action: 'user.set_up' });
}

export function insertUserRecord(
  executor: Executor,
  user: {
    orgId: string;
    email: string;
    displayName: string;
    role: StaffRole;
    passwordHash: string | null;
    at: Date;
  },
) {
  return usersRepository.insertUser(executor, {
    org_id: user.orgId,
    id: randomUUID(),
    email: user.email,
    display_name: user.displayName,
    role: user.role,
    password_hash: user.passwordHash,
    throttled_until: null,
    disabled_at: null,
    created_at: user.at,
    updated_at: user.at,
  });
}

/**
 * Changes a staff member's name, role or access, if the account is still at `expectedVersion`.
 * Disabling ends their sessions at once, and a role change applies from their next request.
 */
export async function updateUser(
  db: Db,
  context: RequestContext,
  { id, expectedVersion, input, clock }: VersionedChange<UpdateUserInput>,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await usersRepository.findUserById(trx, context.orgId, id);
    if (!existing) throw notFound('The staff member');
    const changes: Parameters<typeof usersRepository.updateUser>[4] = { updated_at: now };
    const changed: string[] = [];
    if (input.displayName !== undefined && input.displayName !== existing.display_name) {
      changes.display_name = input.displayName;
      changed.push('display_name');
    }
    if (input.role !== undefined && input.role !== existing.role) {
      changes.role = input.role;
      changed.push('role');
    }
    if (input.disabled !== undefined && input.disabled !== (existing.disabled_at !== null)) {
      changes.disabled_at = input.disabled ? now : null;
      changed.push('disabled_at');
    }
    const updated = await changeVersioned(trx, context, now, {
      what: 'The staff member’s account',
      existing,
      expectedVersion,
      check: () => refuseRoleChangeNotAllowed(context, existing, id, input),
      write: async () =>
        changed.length === 0
          ? existing
          : usersRepository.updateUser(trx, context.orgId, id, expectedVersion, changes),
      audit: () =>
        changed.length === 0
          ? null
          : {
              action: 'user.update',
              entityType: 'user',
              entityId: id,
              changedFields: changed,
              details: changes.role ? { role: changes.role } : {},
            },
    });
    if (input.disabled === true && changed.includes('disabled_at')) {
      await endSessionsOfUser(trx, context, { userId: id, at: now });
    }
    return updated;
  });
}

function refuseRoleChangeNotAllowed(
  context: RequestContext,
  existing: { role: StaffRole },
  id: string,
  input: UpdateUserInput,
): void {
  if (id === context.actor.id && (input.disabled === true || (input.role && input.role !== existing.role))) {
    throw new AppError('forbidden', 'You cannot change your own role or disable your own account.');
  }
  if ((input.role === 'admin' || existing.role === 'admin') && context.actor.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin can change an admin account or make someone an admin.', {
      field: 'role',
    });
  }
  if (existing.role === 'admin' && input.role && readsCareRecords(input.role)) {
    // Its credentials may be known to an admin (who added it): it must never open people's records.
    throw new AppError(
      'forbidden',
      'An admin account cannot be given a role that reads people’s records. Add its owner a new account instead: they choose its password themselves.',
      { field: 'role' },
    );
  }
}

/** The staff member, or undefined: for callers that explain a missing one in their own words. */
export function findUser(executor: Executor, context: RequestContext, id: string) {
  return usersRepository.findUserById(executor, context.orgId, id);
}

export async function getUser(db: Db, context: RequestContext, id: string) {
  return orNotFound(await usersRepository.findUserById(db, context.orgId, id), 'The staff member');
}

export function listUsers(
  db: Db,
  context: RequestContext,
  options: { limit: number; offset: number; role?: StaffRole | undefined },
) {
  return usersRepository.listUsers(db, context.orgId, options);
}

/**
 * The colleagues a member of staff can name as an owner (of an interim measure, an action): the
 * current staff who work with people, by name, with their roles and nothing else.
 */
export function listColleagues(
  executor: Executor,
  context: RequestContext,
  page: { limit: number; offset: number },
) {
  return usersRepository.listColleagues(executor, context.orgId, { roles: careRecordWriters, ...page });
}

/** One colleague's name and role, current or former. */
export async function getColleague(executor: Executor, context: RequestContext, id: string) {
  const colleague = await usersRepository.findColleague(executor, context.orgId, id);
  if (!colleague) throw notFound('The colleague');
  return colleague;
}

// ---- for signing in (src/auth/) ----

/** The account an address signs in to: sign-in looks across organisations, as the address names one. */
export function findAccountForSignIn(executor: Executor, email: string) {
  return usersRepository.findUserForSignIn(executor, email);
}

/** Counts a failed password on the account; `throttleFor` says how long it then waits. */
export function recordFailedSignIn(
  executor: Executor,
  account: { orgId: string; userId: string },
  options: { throttleFor: (failures: number) => number; at: Date },
): Promise<number> {
  return usersRepository.recordFailedSignIn(
    executor,
    account.orgId,
    account.userId,
    options.throttleFor,
    options.at,
  );
}

/** Clears the account's failed sign-ins, and stores its password's new hash when it was rehashed. */
export function recordSuccessfulSignIn(
  executor: Executor,
  account: { orgId: string; userId: string },
  options: { newPasswordHash?: string | undefined } = {},
): Promise<void> {
  return usersRepository.recordSuccessfulSignIn(
    executor,
    account.orgId,
    account.userId,
    options.newPasswordHash,
  );
}

// ---- names and addresses for other records ----

/** Staff names by id, to show who did something (a disabled account keeps its name). */
export function staffNames(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  return usersRepository.staffNames(executor, context.orgId, ids);
}

/** Where an alert to staff goes: the addresses of accounts in use with one of the roles. */
export function activeStaffEmails(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: { roles: readonly StaffRole[]; limit?: number | undefined },
): Promise<string[]> {
  return usersRepository.activeStaffEmails(executor, context.orgId, options);
}
