import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { findAccountForSignIn, recordSuccessfulSignIn } from '../users/users.service.ts';
import { readsCareRecords, type StaffRole } from '../users/users.table.ts';
import { type ApiTokenCache, forgetApiTokens } from './api-token-cache.ts';
import * as authRepository from './auth.repository.ts';
import * as mfaRepository from './mfa.repository.ts';
import { decoyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.ts';
import { generateToken, hashToken } from './secrets.ts';
import { type SignInStep, signInStepOf } from './totp.ts';

export type SessionPolicy = { idleMs: number; absoluteMs: number };

/** Who the request is from, as established by its session cookie or API token. */
export type Authentication = {
  orgId: string;
  kind: 'session' | 'api_token';
  actorId: string;
  role: StaffRole;
  displayName: string;
  email: string | null;
  /** Cookie sessions only: the hash that identifies the session row, and its CSRF token. */
  sessionTokenHash: string | null;
  csrfToken: string | null;
  /**
   * Cookie sessions: 'complete', or the step of signing in still to do (a second factor, or setting
   * one up). An unfinished session may only finish signing in or sign out (see access.ts).
   * API tokens are always 'complete'.
   */
  signInStep: SignInStep;
  /** Cookie sessions: when the person last proved who they are (sign-in or re-authentication). */
  authenticatedAt: Date | null;
};

/**
 * Free attempts before each further failure makes the one waiting wait longer, doubling from 30 s
 * up to 15 minutes. Used for failed sign-ins from one client address, and for wrong passwords and
 * codes given by someone already signed in.
 */
export const FREE_SIGN_IN_ATTEMPTS = 5;
export function signInThrottleDelayMs(failures: number): number {
  if (failures < FREE_SIGN_IN_ATTEMPTS) return 0;
  return Math.min(15 * 60_000, 30_000 * 2 ** (failures - FREE_SIGN_IN_ATTEMPTS));
}

/**
 * Failed sign-ins for one email address from every client address together. Past this many, each
 * further failure makes every client wait, but never longer than MAX_ACCOUNT_SIGN_IN_WAIT_MS: a
 * wait this long is all that failures from elsewhere can impose on the person whose address it is.
 * One client address, slowed by signInThrottleDelayMs, keeps them waiting at most one minute in
 * fifteen; keeping them out longer takes many addresses acting together, and lets those guess no
 * faster than once a minute between them.
 */
export const FREE_ACCOUNT_SIGN_IN_FAILURES = 20;
export const MAX_ACCOUNT_SIGN_IN_WAIT_MS = 60_000;
export function accountSignInWaitMs(failures: number): number {
  return failures < FREE_ACCOUNT_SIGN_IN_FAILURES ? 0 : MAX_ACCOUNT_SIGN_IN_WAIT_MS;
}
/** A count of failures that has not grown for this long starts again. */
export const SIGN_IN_FAILURE_MEMORY_MS = 24 * 3_600_000;

/**
 * Where failed sign-ins are counted: by the email address typed, whether or not an account has
 * it, so that throttling answers the same for every address. Hashed: the table never holds an
 * address someone typed.
 */
export function signInThrottleKeys(email: string, ip: string | null): { account: string; client: string } {
  const typed = email.toLowerCase();
  return { account: hashToken(`account\n${typed}`), client: hashToken(`client\n${ip ?? ''}\n${typed}`) };
}

const signInRefused = () => new AppError('unauthenticated', 'The email address or password is not right.');

export async function signIn(
  db: Db,
  options: {
    email: string;
    password: string;
    clock: Clock;
    policy: SessionPolicy;
    requestId: string | null;
    ip: string | null;
  },
): Promise<{ token: string; authentication: Authentication }> {
  const now = options.clock.now();
  const keys = signInThrottleKeys(options.email, options.ip);
  const [user, throttles] = await Promise.all([
    findAccountForSignIn(db, options.email),
    authRepository.findActiveSignInThrottles(db, [keys.account, keys.client], now),
  ]);
  const context: RequestContext | null = user
    ? {
        orgId: user.org_id,
        actor: { type: 'user', id: user.id, role: user.role },
        requestId: options.requestId,
        ip: options.ip,
      }
    : null;

  // Checked before the password, and the same whether or not the address has an account.
  if (throttles.length > 0) {
    const until = Math.max(...throttles.map((throttle) => throttle.throttled_until?.getTime() ?? 0));
    if (user && context) {
      await recordAudit(db, context, now, {
        action: 'session.sign_in',
        entityType: 'user',
        entityId: user.id,
        outcome: 'denied',
        details: { reason: 'throttled' },
      });
    }
    throw new AppError(
      'too_many_requests',
      'Too many attempts to sign in with this email address. Wait and try again.',
      { retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) },
    );
  }

  const recordFailure = async (trx: Executor) => {
    const forgetBefore = new Date(now.getTime() - SIGN_IN_FAILURE_MEMORY_MS);
    await authRepository.recordSignInFailure(trx, {
      keyHash: keys.client,
      at: now,
      forgetBefore,
      waitFor: signInThrottleDelayMs,
    });
    await authRepository.recordSignInFailure(trx, {
      keyHash: keys.account,
      at: now,
      forgetBefore,
      waitFor: accountSignInWaitMs,
    });
  };

  if (!user || !context) {
    await verifyPassword(await decoyPasswordHash(), options.password);
    await db.transaction().execute(recordFailure);
    throw signInRefused();
  }

  const passwordMatches = await verifyPassword(user.password_hash, options.password);
  if (!passwordMatches || user.disabled_at) {
    await db.transaction().execute(async (trx) => {
      // A disabled account's right password counts as a failure too, as it would for any
      // address without an account.
      await recordFailure(trx);
      await recordAudit(trx, context, now, {
        action: 'session.sign_in',
        entityType: 'user',
        entityId: user.id,
        outcome: passwordMatches ? 'denied' : 'failed',
        details: { reason: passwordMatches ? 'account_disabled' : 'wrong_password' },
      });
    });
    throw signInRefused();
  }

  const upgradedHash =
    user.password_hash && passwordNeedsRehash(user.password_hash)
      ? await hashPassword(options.password)
      : undefined;
  const token = generateToken();
  const tokenHash = hashToken(token);
  const csrfToken = generateToken();
  const [credential, alsoRequiredFor] = await Promise.all([
    mfaRepository.findMfaCredential(db, user.org_id, user.id),
    mfaRepository.findMfaRequirement(db, user.org_id),
  ]);
  const signInStep = signInStepOf({
    role: user.role,
    alsoRequiredFor,
    mfaEnabled: Boolean(credential?.confirmed_at),
    mfaVerifiedInSession: false,
  });
  await db.transaction().execute(async (trx) => {
    await recordSuccessfulSignIn(
      trx,
      { orgId: user.org_id, userId: user.id },
      { newPasswordHash: upgradedHash },
    );
    await authRepository.forgetSignInFailures(trx, [keys.account, keys.client]);
    await authRepository.insertSession(trx, {
      org_id: user.org_id,
      token_hash: tokenHash,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: new Date(now.getTime() + options.policy.absoluteMs),
      mfa_verified_at: null,
      authenticated_at: signInStep === 'complete' ? now : null,
    });
    await recordAudit(trx, context, now, {
      action: 'session.sign_in',
      entityType: 'user',
      entityId: user.id,
      details: {
        ...(upgradedHash ? { password_hash_upgraded: true } : {}),
        ...(signInStep === 'complete' ? {} : { next_step: signInStep }),
      },
    });
  });
  return {
    token,
    authentication: {
      orgId: user.org_id,
      kind: 'session',
      actorId: user.id,
      role: user.role,
      displayName: user.display_name,
      email: user.email,
      sessionTokenHash: tokenHash,
      csrfToken,
      signInStep,
      authenticatedAt: signInStep === 'complete' ? now : null,
    },
  };
}

/** How stale a session's last-seen time may grow before a request writes it again. */
export function lastSeenWriteIntervalMs(policy: SessionPolicy): number {
  return Math.min(60_000, Math.floor(policy.idleMs / 4));
}

/** Resolves a session cookie; expired, idle, ended or disabled-user sessions resolve to nothing. */
export async function authenticateSession(
  db: Db,
  options: { token: string; clock: Clock; policy: SessionPolicy },
): Promise<Authentication | null> {
  const tokenHash = hashToken(options.token);
  const session = await authRepository.findOpenSessionByTokenHash(db, tokenHash);
  if (!session || session.disabled_at) return null;
  const now = options.clock.now();
  if (now >= session.expires_at) return null;
  if (now.getTime() - session.last_seen_at.getTime() >= options.policy.idleMs) return null;
  // Each request restarts the idle clock. Recording it costs a write, so it is written at most
  // once per quarter of the idle window (and at most once a minute): a session therefore ends
  // between three quarters of the idle time and all of it after its last request, never sooner.
  if (now.getTime() - session.last_seen_at.getTime() >= lastSeenWriteIntervalMs(options.policy)) {
    await authRepository.touchSession(db, session.org_id, tokenHash, now);
  }
  return {
    orgId: session.org_id,
    kind: 'session',
    actorId: session.user_id,
    role: session.role,
    displayName: session.display_name,
    email: session.email,
    sessionTokenHash: tokenHash,
    csrfToken: session.csrf_token,
    signInStep: signInStepOf({
      role: session.role,
      alsoRequiredFor: session.mfa_also_required_for,
      mfaEnabled: session.mfa_confirmed_at !== null,
      mfaVerifiedInSession: session.mfa_verified_at !== null,
    }),
    authenticatedAt: session.authenticated_at,
  };
}

/**
 * Resolves a Bearer token; revoked, expired and unknown tokens resolve to nothing. With a cache,
 * a token used a moment ago is not looked up again (see ApiTokenCache for why that stays safe).
 */
export async function authenticateApiToken(
  db: Db,
  options: { token: string; clock: Clock; cache?: ApiTokenCache },
): Promise<Authentication | null> {
  const tokenHash = hashToken(options.token);
  const token = options.cache
    ? await options.cache.find(tokenHash, (hash, now) =>
        authRepository.findActiveApiTokenByHash(db, hash, now),
      )
    : await authRepository.findActiveApiTokenByHash(db, tokenHash, options.clock.now());
  if (!token) return null;
  return {
    orgId: token.org_id,
    kind: 'api_token',
    actorId: token.id,
    role: token.role,
    displayName: token.name,
    email: null,
    sessionTokenHash: null,
    csrfToken: null,
    signInStep: 'complete',
    authenticatedAt: null,
  };
}

export async function signOut(
  db: Db,
  context: RequestContext,
  options: { tokenHash: string; clock: Clock },
): Promise<void> {
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    await authRepository.endSessions(trx, context.orgId, { tokenHash: options.tokenHash }, now);
    await recordAudit(trx, context, now, {
      action: 'session.sign_out',
      entityType: 'user',
      entityId: context.actor.id,
    });
  });
}

/** Ends every open session of a member of staff (their account was disabled, or lost its second factor). */
export async function endSessionsOfUser(
  trx: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: { userId: string; at: Date },
): Promise<void> {
  await authRepository.endSessions(trx, context.orgId, { userId: options.userId }, options.at);
}

export const API_TOKEN_PREFIX = 'lsn_';

/**
 * Whether a token needs a registered manager's approval before it works: one that reads people's
 * records, asked for by anyone but a registered manager (who already holds that access, and is the
 * one who would approve it).
 */
export function apiTokenNeedsApproval(context: RequestContext, role: StaffRole): boolean {
  return readsCareRecords(role) && context.actor.role !== 'registered_manager';
}

/**
 * Creates an API token and returns it once. A token that needs approval (apiTokenNeedsApproval)
 * is created awaiting it: it authenticates nothing until a registered manager approves it.
 */
export async function createApiToken(
  db: Db,
  context: RequestContext,
  options: { name: string; role: StaffRole; expiresAt: Date | null; clock: Clock },
) {
  const now = options.clock.now();
  if (options.expiresAt && options.expiresAt <= now) {
    throw new AppError('validation', 'The expiry must be in the future.', { field: 'expiresAt' });
  }
  const token = generateToken(API_TOKEN_PREFIX);
  const id = randomUUID();
  const awaitingApproval = apiTokenNeedsApproval(context, options.role);
  await db.transaction().execute(async (trx) => {
    await authRepository.insertApiToken(trx, {
      org_id: context.orgId,
      id,
      name: options.name,
      role: options.role,
      token_hash: hashToken(token),
      created_by: context.actor.id,
      created_at: now,
      expires_at: options.expiresAt,
      approval_status: awaitingApproval ? 'awaiting' : 'approved',
      decided_by: awaitingApproval ? null : context.actor.id,
      decided_at: awaitingApproval ? null : now,
    });
    await recordAudit(trx, context, now, {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: id,
      changedFields: ['name', 'role', 'expires_at'],
      details: { role: options.role, ...(awaitingApproval ? { awaiting_approval: true } : {}) },
    });
  });
  return {
    id,
    token,
    name: options.name,
    role: options.role,
    createdAt: now,
    expiresAt: options.expiresAt,
    awaitingApproval,
  };
}

/**
 * A registered manager approves or refuses a token awaiting approval. Only a token still awaiting
 * a decision can be decided; a refused token never works.
 */
export async function decideApiToken(
  db: Db,
  context: RequestContext,
  options: { id: string; decision: 'approved' | 'refused'; clock: Clock },
) {
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    const token = await authRepository.findApiTokenForUpdate(trx, context.orgId, options.id);
    if (!token) throw notFound('The API token');
    if (token.approval_status !== 'awaiting' || token.revoked_at) {
      throw new AppError('conflict', 'This API token is not awaiting approval.');
    }
    await authRepository.decideApiToken(trx, context.orgId, options.id, {
      approval_status: options.decision,
      decided_by: context.actor.id,
      decided_at: now,
    });
    await recordAudit(trx, context, now, {
      action: options.decision === 'approved' ? 'api_token.approve' : 'api_token.refuse',
      entityType: 'api_token',
      entityId: options.id,
      changedFields: ['approval_status', 'decided_by', 'decided_at'],
      details: { role: token.role },
    });
  });
  forgetApiTokens(db);
}

export async function revokeApiToken(db: Db, context: RequestContext, options: { id: string; clock: Clock }) {
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    if (!(await authRepository.apiTokenExists(trx, context.orgId, options.id)))
      throw notFound('The API token');
    await authRepository.revokeApiToken(trx, context.orgId, options.id, now);
    await recordAudit(trx, context, now, {
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: options.id,
      changedFields: ['revoked_at'],
    });
  });
  // Committed: the token is refused from the very next request this process serves.
  forgetApiTokens(db);
}

export function listApiTokens(db: Db, context: RequestContext) {
  return authRepository.listApiTokens(db, context.orgId);
}

/** Drops counts of failed sign-ins nobody has added to for a day (a scheduled job). */
export function forgetOldSignInFailures(db: Db, clock: Clock): Promise<number> {
  return authRepository.deleteSignInThrottlesBefore(
    db,
    new Date(clock.now().getTime() - SIGN_IN_FAILURE_MEMORY_MS),
  );
}
