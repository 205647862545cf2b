import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import * as authRepository from '../auth/auth.repository.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, changedElsewhere, checkVersion, notFound } from '../errors.ts';
import * as usersRepository from './users.repository.ts';
import type { CreateUserInput, UpdateUserInput } from './users.schemas.ts';
import type { StaffRole } from './users.table.ts';

/** Adds a staff member to the caller's organisation. Only an admin can create another admin. */
export async function createUser(db: Db, context: RequestContext, input: CreateUserInput, clock: Clock) {
  checkPasswordPolicy(input.password);
  if (input.role === 'admin' && context.actor.type !== 'system' && context.actor.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin can add another admin.', { field: 'role' });
  }
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

export function insertUserRecord(
  executor: Executor,
  user: {
    orgId: string;
    email: string;
    displayName: string;
    role: StaffRole;
    passwordHash: string;
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
  id: string,
  expectedVersion: number,
  input: UpdateUserInput,
  clock: Clock,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await usersRepository.findUserById(trx, context.orgId, id);
    if (!existing) throw notFound('The staff member');
    checkVersion(expectedVersion, existing.version, 'The staff member’s account');
    if (
      id === context.actor.id &&
      (input.disabled === true || (input.role && input.role !== existing.role))
    ) {
      throw new AppError('forbidden', 'You cannot change your own role or disable your own account.');
    }
    if ((input.role === 'admin' || existing.role === 'admin') && context.actor.role !== 'admin') {
      throw new AppError('forbidden', 'Only an admin can change an admin account or make someone an admin.', {
        field: 'role',
      });
    }
    const changed: string[] = [];
    const changes: Parameters<typeof usersRepository.updateUser>[4] = { updated_at: now };
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
    if (changed.length === 0) return existing;
    const updated = await usersRepository.updateUser(trx, context.orgId, id, expectedVersion, changes);
    if (!updated) throw changedElsewhere('The staff member’s account');
    if (input.disabled === true) await authRepository.endSessionsOfUser(trx, context.orgId, id, now);
    await recordAudit(trx, context, now, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      changedFields: changed,
      details: changes.role ? { role: changes.role } : {},
    });
    return updated;
  });
}

export async function getUser(db: Db, context: RequestContext, id: string) {
  const user = await usersRepository.findUserById(db, context.orgId, id);
  if (!user) throw notFound('The staff member');
  return user;
}

export function listUsers(
  db: Db,
  context: RequestContext,
  options: { limit: number; offset: number; role?: StaffRole | undefined },
) {
  return usersRepository.listUsers(db, context.orgId, options);
}
