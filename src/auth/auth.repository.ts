import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { StaffRole } from '../users/users.table.ts';
import type { ActiveApiToken } from './api-token-cache.ts';
import type { ApiTokenApprovalStatus } from './auth.table.ts';

export type SessionWithUser = {
  org_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  disabled_at: Date | null;
  mfa_verified_at: Date | null;
  authenticated_at: Date | null;
  mfa_also_required_for: string[];
  mfa_confirmed_at: Date | null;
};

export async function findOpenSessionByTokenHash(
  executor: Executor,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  return (
    executor
      .selectFrom('sessions')
      .innerJoin('users', (join) => sameOrganisation(join, 'users.id', 'sessions.user_id'))
      .innerJoin('organisations', 'organisations.id', 'sessions.org_id')
      // Whether the user has a second factor, and whether their organisation asks more roles for one,
      // decide on every request whether the session has finished signing in.
      .leftJoin('mfa_credentials', (join) =>
        sameOrganisation(join, 'mfa_credentials.user_id', 'sessions.user_id'),
      )
      .select([
        'sessions.org_id',
        'sessions.token_hash',
        'sessions.csrf_token',
        'sessions.created_at',
        'sessions.last_seen_at',
        'sessions.expires_at',
        'users.id as user_id',
        'users.email',
        'users.display_name',
        'users.role',
        'users.disabled_at',
        'sessions.mfa_verified_at',
        'sessions.authenticated_at',
        'organisations.mfa_also_required_for',
        'mfa_credentials.confirmed_at as mfa_confirmed_at',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.ended_at', 'is', null)
      .executeTakeFirst()
  );
}

export async function insertSession(
  executor: Executor,
  session: {
    org_id: string;
    token_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: Date;
    expires_at: Date;
    mfa_verified_at: Date | null;
    authenticated_at: Date | null;
    /** Defaults to created_at; a rotated session was last seen when it was rotated. */
    last_seen_at?: Date;
  },
): Promise<void> {
  await executor
    .insertInto('sessions')
    .values({ ...session, last_seen_at: session.last_seen_at ?? session.created_at })
    .execute();
}

/** The open session's own row, locked: rotating it must happen once, however many requests race. */
export async function findOpenSessionForUpdate(executor: Executor, orgId: string, tokenHash: string) {
  return executor
    .selectFrom('sessions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function touchSession(
  executor: Executor,
  orgId: string,
  tokenHash: string,
  at: Date,
): Promise<void> {
  await executor
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('org_id', '=', orgId)
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Ends the open session with this token, or every open session of a member of staff. */
export async function endSessions(
  executor: Executor,
  orgId: string,
  which: { tokenHash: string } | { userId: string },
  at: Date,
): Promise<void> {
  await executor
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('org_id', '=', orgId)
    .where((eb) =>
      'tokenHash' in which ? eb('token_hash', '=', which.tokenHash) : eb('user_id', '=', which.userId),
    )
    .where('ended_at', 'is', null)
    .execute();
}

export async function findActiveApiTokenByHash(
  executor: Executor,
  tokenHash: string,
  now: Date,
): Promise<ActiveApiToken | undefined> {
  return executor
    .selectFrom('api_tokens')
    .select(['org_id', 'id', 'name', 'role', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('approval_status', '=', 'approved')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function insertApiToken(
  executor: Executor,
  token: {
    org_id: string;
    id: string;
    name: string;
    role: StaffRole;
    token_hash: string;
    created_by: string;
    created_at: Date;
    expires_at: Date | null;
    approval_status: ApiTokenApprovalStatus;
    decided_by: string | null;
    decided_at: Date | null;
  },
): Promise<void> {
  await executor.insertInto('api_tokens').values(token).execute();
}

/** Locked: of two registered managers deciding at once, one decides and the other finds it decided. */
export async function findApiTokenForUpdate(executor: Executor, orgId: string, id: string) {
  return executor
    .selectFrom('api_tokens')
    .select(['id', 'role', 'created_by', 'approval_status', 'revoked_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function decideApiToken(
  executor: Executor,
  orgId: string,
  id: string,
  decision: { approval_status: ApiTokenApprovalStatus; decided_by: string; decided_at: Date },
): Promise<void> {
  await executor
    .updateTable('api_tokens')
    .set(decision)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function listApiTokens(executor: Executor, orgId: string) {
  return executor
    .selectFrom('api_tokens')
    .innerJoin('users as requester', (join) =>
      sameOrganisation(join, 'requester.id', 'api_tokens.created_by'),
    )
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.created_by',
      'requester.display_name as created_by_name',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.approval_status',
      'api_tokens.decided_at',
    ])
    .where('api_tokens.org_id', '=', orgId)
    .orderBy('api_tokens.created_at', 'desc')
    .limit(500)
    .execute();
}

export async function revokeApiToken(
  executor: Executor,
  orgId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function apiTokenExists(executor: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await executor
    .selectFrom('api_tokens')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The throttle rows of these keys that still hold a wait at `now`. */
export async function findActiveSignInThrottles(executor: Executor, keyHashes: string[], now: Date) {
  return executor
    .selectFrom('sign_in_throttles')
    .select(['key_hash', 'throttled_until'])
    .where('key_hash', 'in', keyHashes)
    .where('throttled_until', '>', now)
    .execute();
}

/**
 * Counts one more failure against a key; a count whose last failure is older than `forgetBefore`
 * starts again from one. Then sets the wait the new count earns (none: null).
 */
export async function recordSignInFailure(
  executor: Executor,
  options: { keyHash: string; at: Date; forgetBefore: Date; waitFor: (failures: number) => number },
): Promise<number> {
  const { failures } = await executor
    .insertInto('sign_in_throttles')
    .values({ key_hash: options.keyHash, failures: 1, last_failed_at: options.at, throttled_until: null })
    .onConflict((conflict) =>
      conflict.column('key_hash').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('sign_in_throttles.last_failed_at', '<', options.forgetBefore)
          .then(1)
          .else(eb('sign_in_throttles.failures', '+', 1))
          .end(),
        last_failed_at: options.at,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const waitMs = options.waitFor(failures);
  await executor
    .updateTable('sign_in_throttles')
    .set({ throttled_until: waitMs > 0 ? new Date(options.at.getTime() + waitMs) : null })
    .where('key_hash', '=', options.keyHash)
    .execute();
  return failures;
}

export async function forgetSignInFailures(executor: Executor, keyHashes: string[]): Promise<void> {
  await executor.deleteFrom('sign_in_throttles').where('key_hash', 'in', keyHashes).execute();
}

/** Failures nobody has repeated since `before` no longer count: their rows go. */
export async function deleteSignInThrottlesBefore(executor: Executor, before: Date): Promise<number> {
  const result = await executor
    .deleteFrom('sign_in_throttles')
    .where('last_failed_at', '<', before)
    .where((eb) => eb.or([eb('throttled_until', 'is', null), eb('throttled_until', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
