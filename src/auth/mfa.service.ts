import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { findUser, recordFailedSignIn, recordSuccessfulSignIn } from '../users/users.service.ts';
import * as authRepository from './auth.repository.ts';
import { endSessionsOfUser, signInThrottleDelayMs } from './auth.service.ts';
import type { MfaCredentialRow } from './auth.table.ts';
import * as mfaRepository from './mfa.repository.ts';
import { verifyPassword } from './passwords.ts';
import type { SecretBox } from './secret-box.ts';
import { generateToken, hashToken } from './secrets.ts';
import {
  acceptedTimeStep,
  isMfaRequired,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  totpUri,
} from './totp.ts';

export type MfaOptions = { clock: Clock; secretBox: SecretBox };

/** A second factor as a person gives it: the code from their app, or one of their recovery codes. */
export type SecondFactor = { code?: string | undefined; recoveryCode?: string | undefined };

/** The session that replaced the caller's: its cookie value and CSRF token. */
export type RotatedSession = { token: string; csrfToken: string };

const ISSUER = 'Liaison';

function secretContext(orgId: string, userId: string): string {
  return `mfa:${orgId}:${userId}`;
}

const wrongCode = (field: 'code' | 'recoveryCode') =>
  new AppError(
    'validation',
    field === 'code'
      ? 'The code is not right, or has already been used. Enter the code your authenticator app shows now.'
      : 'The recovery code is not right, or has already been used.',
    { field },
  );

/** Starts setting up an authenticator: a new secret, as a QR code and as text to type in. */
export async function startMfaEnrolment(
  db: Db,
  context: RequestContext,
  options: MfaOptions & { account: string },
) {
  const secret = newTotpSecret();
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    const saved = await mfaRepository.saveUnconfirmedCredential(trx, {
      org_id: context.orgId,
      user_id: context.actor.id,
      secret_ciphertext: options.secretBox.encrypt(secret, secretContext(context.orgId, context.actor.id)),
      created_at: now,
    });
    if (!saved) {
      throw new AppError(
        'conflict',
        'Your authenticator app is already set up. Turn it off first to set up another.',
      );
    }
    await recordAudit(trx, context, now, {
      action: 'mfa.enrolment_start',
      entityType: 'user',
      entityId: context.actor.id,
    });
  });
  const otpauthUri = totpUri({ secret, issuer: ISSUER, account: options.account });
  // Loaded when someone sets up an authenticator, not at start.
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    secret,
    otpauthUri,
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
  };
}

/**
 * Confirms the authenticator with a code from it, turns it on and returns new recovery codes
 * (shown once). The session is replaced by one that has given its second factor.
 */
export async function confirmMfaEnrolment(
  db: Db,
  context: RequestContext,
  options: MfaOptions & { code: string; sessionTokenHash: string },
): Promise<RotatedSession & { recoveryCodes: string[] }> {
  const now = options.clock.now();
  const credential = await mfaRepository.findMfaCredential(db, context.orgId, context.actor.id);
  if (!credential || credential.confirmed_at) {
    throw new AppError(
      'conflict',
      credential
        ? 'Your authenticator app is already set up.'
        : 'Start setting up your authenticator app first.',
    );
  }
  await refuseIfThrottled(db, context, credential, now, 'mfa.enable');
  const step = await acceptedTimeStep({
    secret: options.secretBox.decrypt(
      credential.secret_ciphertext,
      secretContext(context.orgId, context.actor.id),
    ),
    code: options.code,
    at: now,
    lastAcceptedStep: credential.last_accepted_step,
  });
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const outcome = await db.transaction().execute(async (trx) => {
    if (
      step === null ||
      !(await mfaRepository.acceptTimeStep(trx, context.orgId, context.actor.id, step, { confirmAt: now }))
    ) {
      return 'refused' as const;
    }
    await mfaRepository.replaceRecoveryCodes(
      trx,
      context.orgId,
      context.actor.id,
      recoveryCodes.map((code) => options.secretBox.hash(normaliseRecoveryCode(code))),
      now,
    );
    const rotated = await rotateSession(trx, context, options.sessionTokenHash, now, { secondFactor: true });
    await recordAudit(trx, context, now, {
      action: 'mfa.enable',
      entityType: 'user',
      entityId: context.actor.id,
      changedFields: ['mfa_credential', 'recovery_codes'],
    });
    return rotated;
  });
  if (outcome === 'refused') {
    await recordWrongCode(db, context, now, 'mfa.enable', 'code');
    throw wrongCode('code');
  }
  return { ...outcome, recoveryCodes };
}

/** The second step of signing in: a code (or a recovery code) finishes it, in a new session. */
export async function verifySecondFactor(
  db: Db,
  context: RequestContext,
  options: MfaOptions & { factor: SecondFactor; sessionTokenHash: string },
): Promise<RotatedSession> {
  const now = options.clock.now();
  const credential = await mfaRepository.findMfaCredential(db, context.orgId, context.actor.id);
  if (!credential?.confirmed_at) {
    throw new AppError('conflict', 'Set up your authenticator app first.');
  }
  await refuseIfThrottled(db, context, credential, now, 'session.second_factor');
  const outcome = await db.transaction().execute(async (trx) => {
    const refused = await checkSecondFactor(trx, context, credential, options.factor, now, options);
    if (refused) return { refused, rotated: null };
    const rotated = await rotateSession(trx, context, options.sessionTokenHash, now, { secondFactor: true });
    await recordAudit(trx, context, now, {
      action: 'session.second_factor',
      entityType: 'user',
      entityId: context.actor.id,
      details: { method: options.factor.code ? 'authenticator' : 'recovery_code' },
    });
    return { refused: null, rotated };
  });
  if (!outcome.rotated) {
    await recordWrongCode(db, context, now, 'session.second_factor', outcome.refused);
    throw wrongCode(outcome.refused);
  }
  return outcome.rotated;
}

/**
 * Re-authentication (the "sudo" step before sensitive actions): the password again, and a second
 * factor when the person has one. Replaces the session with one stamped as freshly authenticated.
 */
export async function reauthenticate(
  db: Db,
  context: RequestContext,
  options: MfaOptions & { password: string; factor: SecondFactor; sessionTokenHash: string },
): Promise<RotatedSession> {
  const now = options.clock.now();
  const user = await mfaRepository.findUserForReauthentication(db, context.orgId, context.actor.id);
  if (!user || user.disabled_at) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (user.throttled_until && user.throttled_until > now) {
    await recordAudit(db, context, now, {
      action: 'session.reauthenticate',
      entityType: 'user',
      entityId: user.id,
      outcome: 'denied',
      details: { reason: 'throttled' },
    });
    throw tooManyAttempts(user.throttled_until, now);
  }
  if (!(await verifyPassword(user.password_hash, options.password))) {
    await db.transaction().execute(async (trx) => {
      await recordFailedSignIn(
        trx,
        { orgId: user.org_id, userId: user.id },
        { throttleFor: signInThrottleDelayMs, at: now },
      );
      await recordAudit(trx, context, now, {
        action: 'session.reauthenticate',
        entityType: 'user',
        entityId: user.id,
        outcome: 'failed',
        details: { reason: 'wrong_password' },
      });
    });
    throw new AppError('validation', 'The password is not right.', { field: 'password' });
  }
  const credential = await mfaRepository.findMfaCredential(db, context.orgId, context.actor.id);
  const hasSecondFactor = Boolean(credential?.confirmed_at);
  if (hasSecondFactor && !options.factor.code && !options.factor.recoveryCode) {
    throw new AppError('validation', 'Enter the code from your authenticator app.', { field: 'code' });
  }
  if (credential && hasSecondFactor) {
    await refuseIfThrottled(db, context, credential, now, 'session.reauthenticate');
  }
  const outcome = await db.transaction().execute(async (trx) => {
    if (credential && hasSecondFactor) {
      const refused = await checkSecondFactor(trx, context, credential, options.factor, now, options);
      if (refused) return { refused, rotated: null };
    }
    await recordSuccessfulSignIn(trx, { orgId: user.org_id, userId: user.id });
    const rotated = await rotateSession(trx, context, options.sessionTokenHash, now, {
      secondFactor: hasSecondFactor,
    });
    await recordAudit(trx, context, now, {
      action: 'session.reauthenticate',
      entityType: 'user',
      entityId: user.id,
      details: { second_factor: hasSecondFactor },
    });
    return { refused: null, rotated };
  });
  if (!outcome.rotated) {
    await recordWrongCode(db, context, now, 'session.reauthenticate', outcome.refused);
    throw wrongCode(outcome.refused);
  }
  return outcome.rotated;
}

export async function getMfaStatus(
  db: Db,
  context: RequestContext,
  options: { role: NonNullable<RequestContext['actor']['role']> },
) {
  const [credential, alsoRequiredFor, recoveryCodesLeft] = await Promise.all([
    mfaRepository.findMfaCredential(db, context.orgId, context.actor.id),
    mfaRepository.findMfaRequirement(db, context.orgId),
    mfaRepository.countUnusedRecoveryCodes(db, context.orgId, context.actor.id),
  ]);
  const enabledAt = credential?.confirmed_at ?? null;
  const required = isMfaRequired(options.role, alsoRequiredFor);
  return {
    enabled: enabledAt !== null,
    enabledAt,
    required,
    recoveryCodesLeft: enabledAt ? recoveryCodesLeft : 0,
    canTurnOff: enabledAt !== null && !required,
  };
}

/** New recovery codes (shown once); the old ones stop working. */
export async function regenerateRecoveryCodes(db: Db, context: RequestContext, options: MfaOptions) {
  const now = options.clock.now();
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction().execute(async (trx) => {
    const credential = await mfaRepository.findMfaCredential(trx, context.orgId, context.actor.id);
    if (!credential?.confirmed_at) throw new AppError('conflict', 'Set up your authenticator app first.');
    await mfaRepository.replaceRecoveryCodes(
      trx,
      context.orgId,
      context.actor.id,
      recoveryCodes.map((code) => options.secretBox.hash(normaliseRecoveryCode(code))),
      now,
    );
    await recordAudit(trx, context, now, {
      action: 'mfa.recovery_codes_regenerate',
      entityType: 'user',
      entityId: context.actor.id,
      changedFields: ['recovery_codes'],
    });
  });
  return { recoveryCodes };
}

/** Turns the caller's own second factor off, if their role does not require one. */
export async function disableMfa(
  db: Db,
  context: RequestContext,
  options: { clock: Clock; role: NonNullable<RequestContext['actor']['role']> },
): Promise<void> {
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    if (isMfaRequired(options.role, await mfaRepository.findMfaRequirement(trx, context.orgId))) {
      // 409, not 403: the person may manage their own sign-in; the state of their role forbids this change.
      throw new AppError(
        'conflict',
        'Your role must sign in with an authenticator app, so it cannot be turned off. If you have lost your phone, ask an administrator to reset it.',
      );
    }
    const credential = await mfaRepository.findMfaCredential(trx, context.orgId, context.actor.id);
    if (!credential?.confirmed_at) throw new AppError('conflict', 'Your authenticator app is not set up.');
    await mfaRepository.deleteMfa(trx, context.orgId, context.actor.id);
    await recordAudit(trx, context, now, {
      action: 'mfa.disable',
      entityType: 'user',
      entityId: context.actor.id,
      changedFields: ['mfa_credential', 'recovery_codes'],
    });
  });
}

/**
 * An administrator's reset of someone else's second factor (a lost phone): it is removed with
 * their recovery codes, and their sessions end, so they set up a new one at their next sign-in.
 */
export async function resetMfa(
  db: Db,
  context: RequestContext,
  options: { clock: Clock; userId: string },
): Promise<void> {
  const now = options.clock.now();
  await db.transaction().execute(async (trx) => {
    const user = await findUser(trx, context, options.userId);
    if (!user) throw notFound('The staff member');
    const hadMfa = await mfaRepository.deleteMfa(trx, context.orgId, user.id);
    await endSessionsOfUser(trx, context, { userId: user.id, at: now });
    await recordAudit(trx, context, now, {
      action: 'mfa.reset',
      entityType: 'user',
      entityId: user.id,
      changedFields: hadMfa ? ['mfa_credential', 'recovery_codes'] : [],
      details: { had_mfa: hadMfa },
    });
  });
}

// ---- shared steps ----

/**
 * Accepts the code or recovery code inside `trx`, or says which field was wrong. The caller
 * records a failure after its transaction has ended, so the record is not rolled back with it.
 */
async function checkSecondFactor(
  trx: Executor,
  context: RequestContext,
  credential: MfaCredentialRow,
  factor: SecondFactor,
  now: Date,
  options: MfaOptions,
): Promise<'code' | 'recoveryCode' | null> {
  if (factor.code) {
    const step = await acceptedTimeStep({
      secret: options.secretBox.decrypt(
        credential.secret_ciphertext,
        secretContext(context.orgId, context.actor.id),
      ),
      code: factor.code,
      at: now,
      lastAcceptedStep: credential.last_accepted_step,
    });
    if (step !== null && (await mfaRepository.acceptTimeStep(trx, context.orgId, context.actor.id, step))) {
      return null;
    }
    return 'code';
  }
  const recoveryCode = normaliseRecoveryCode(factor.recoveryCode ?? '');
  const used =
    recoveryCode.length > 0 &&
    (await mfaRepository.spendRecoveryCode(
      trx,
      context.orgId,
      context.actor.id,
      options.secretBox.hash(recoveryCode),
      now,
    ));
  if (!used) return 'recoveryCode';
  await mfaRepository.clearFailedCodes(trx, context.orgId, context.actor.id);
  await recordAudit(trx, context, now, {
    action: 'mfa.recovery_code_use',
    entityType: 'user',
    entityId: context.actor.id,
    details: {
      recovery_codes_left: await mfaRepository.countUnusedRecoveryCodes(trx, context.orgId, context.actor.id),
    },
  });
  return null;
}

async function refuseIfThrottled(
  executor: Executor,
  context: RequestContext,
  credential: MfaCredentialRow,
  now: Date,
  action: string,
): Promise<void> {
  if (!credential.throttled_until || credential.throttled_until <= now) return;
  await recordAudit(executor, context, now, {
    action,
    entityType: 'user',
    entityId: context.actor.id,
    outcome: 'denied',
    details: { reason: 'throttled' },
  });
  throw tooManyAttempts(credential.throttled_until, now);
}

/** Counts a wrong code (towards the throttle) and audits it, in one transaction. */
async function recordWrongCode(
  db: Db,
  context: RequestContext,
  now: Date,
  action: string,
  field: 'code' | 'recoveryCode',
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await mfaRepository.recordFailedCode(trx, context.orgId, context.actor.id, signInThrottleDelayMs, now);
    await recordAudit(trx, context, now, {
      action,
      entityType: 'user',
      entityId: context.actor.id,
      outcome: 'failed',
      details: { reason: field === 'code' ? 'wrong_code' : 'wrong_recovery_code' },
    });
  });
}

function tooManyAttempts(until: Date, now: Date): AppError {
  return new AppError('too_many_requests', 'Too many wrong codes for this account. Wait and try again.', {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
}

/**
 * Ends the caller's session and opens a new one with a new token and CSRF token (session ids
 * change whenever the person proves more about who they are). The absolute lifetime still counts
 * from the first sign-in.
 */
async function rotateSession(
  trx: Executor,
  context: RequestContext,
  tokenHash: string,
  now: Date,
  options: { secondFactor: boolean },
): Promise<RotatedSession> {
  const current = await authRepository.findOpenSessionForUpdate(trx, context.orgId, tokenHash);
  if (!current) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  const token = generateToken();
  const csrfToken = generateToken();
  await authRepository.endSessions(trx, context.orgId, { tokenHash }, now);
  await authRepository.insertSession(trx, {
    org_id: context.orgId,
    token_hash: hashToken(token),
    user_id: current.user_id,
    csrf_token: csrfToken,
    created_at: current.created_at,
    last_seen_at: now,
    expires_at: current.expires_at,
    mfa_verified_at: options.secondFactor ? now : current.mfa_verified_at,
    authenticated_at: now,
  });
  return { token, csrfToken };
}
