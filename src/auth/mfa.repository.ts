import type { Executor } from '../db/database.ts';
import type { MfaCredentialRow } from './auth.table.ts';

export async function findMfaCredential(
  executor: Executor,
  orgId: string,
  userId: string,
): Promise<MfaCredentialRow | undefined> {
  return executor
    .selectFrom('mfa_credentials')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The user's password hash, throttle and role, and what their organisation requires of a second factor. */
export async function findUserForReauthentication(executor: Executor, orgId: string, userId: string) {
  return executor
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select([
      'users.org_id',
      'users.id',
      'users.email',
      'users.role',
      'users.password_hash',
      'users.throttled_until',
      'users.disabled_at',
      'organisations.mfa_also_required_for',
    ])
    .where('users.org_id', '=', orgId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function findMfaRequirement(executor: Executor, orgId: string) {
  const row = await executor
    .selectFrom('organisations')
    .select('mfa_also_required_for')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return row.mfa_also_required_for;
}

/**
 * Starts (or restarts) setting up an authenticator with a new secret. A confirmed authenticator
 * is never replaced here; the failure count is kept, so restarting does not reset the throttle.
 */
export async function saveUnconfirmedCredential(
  executor: Executor,
  credential: { org_id: string; user_id: string; secret_ciphertext: string; created_at: Date },
): Promise<boolean> {
  const result = await executor
    .insertInto('mfa_credentials')
    .values({ ...credential, confirmed_at: null, last_accepted_step: null })
    .onConflict((conflict) =>
      conflict
        .columns(['org_id', 'user_id'])
        .doUpdateSet({
          secret_ciphertext: credential.secret_ciphertext,
          created_at: credential.created_at,
          last_accepted_step: null,
        })
        .where('mfa_credentials.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Records that a code for `step` was accepted, only if no code for this step or a later one was
 * accepted before: of two requests with the same code, exactly one succeeds.
 */
export async function acceptTimeStep(
  executor: Executor,
  orgId: string,
  userId: string,
  step: number,
  options: { confirmAt?: Date } = {},
): Promise<boolean> {
  const result = await executor
    .updateTable('mfa_credentials')
    .set({
      last_accepted_step: step,
      failed_attempts: 0,
      throttled_until: null,
      ...(options.confirmAt ? { confirmed_at: options.confirmAt } : {}),
    })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_accepted_step', 'is', null), eb('last_accepted_step', '<', step)]))
    .where('confirmed_at', options.confirmAt ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function clearFailedCodes(executor: Executor, orgId: string, userId: string): Promise<void> {
  await executor
    .updateTable('mfa_credentials')
    .set({ failed_attempts: 0, throttled_until: null })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
}

/** Counts a wrong code, and makes the next attempt wait once the free attempts are used up. */
export async function recordFailedCode(
  executor: Executor,
  orgId: string,
  userId: string,
  throttleFor: (failures: number) => number,
  at: Date,
): Promise<void> {
  const row = await executor
    .updateTable('mfa_credentials')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .returning('failed_attempts')
    .executeTakeFirst();
  if (!row) return;
  const delayMs = throttleFor(row.failed_attempts);
  if (delayMs > 0) {
    await executor
      .updateTable('mfa_credentials')
      .set({ throttled_until: new Date(at.getTime() + delayMs) })
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .execute();
  }
}

export async function deleteMfa(executor: Executor, orgId: string, userId: string): Promise<boolean> {
  await executor
    .deleteFrom('mfa_recovery_codes')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  const result = await executor
    .deleteFrom('mfa_credentials')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function replaceRecoveryCodes(
  executor: Executor,
  orgId: string,
  userId: string,
  codeHashes: string[],
  at: Date,
): Promise<void> {
  await executor
    .deleteFrom('mfa_recovery_codes')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  await executor
    .insertInto('mfa_recovery_codes')
    .values(
      codeHashes.map((code_hash) => ({
        org_id: orgId,
        user_id: userId,
        code_hash,
        created_at: at,
        used_at: null,
      })),
    )
    .execute();
}

/** Marks an unused code used; false if there is no such code or it was used already (even a moment ago). */
export async function spendRecoveryCode(
  executor: Executor,
  orgId: string,
  userId: string,
  codeHash: string,
  at: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('mfa_recovery_codes')
    .set({ used_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(
  executor: Executor,
  orgId: string,
  userId: string,
): Promise<number> {
  const row = await executor
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
