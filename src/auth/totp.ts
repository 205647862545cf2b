import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { StaffRole } from '../users/users.table.ts';

/** RFC 6238 defaults, which every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

/** Roles that must always sign in with a second factor (NHS DSPT 4.5.3). */
export const rolesAlwaysRequiringMfa: readonly StaffRole[] = ['manager', 'registered_manager', 'admin'];

export function isMfaRequired(role: StaffRole, alsoRequiredFor: readonly string[]): boolean {
  return rolesAlwaysRequiringMfa.includes(role) || alsoRequiredFor.includes(role);
}

/** Where a session is in signing in: done, or waiting for a code, or for an authenticator to be set up. */
export type SignInStep = 'complete' | 'second_factor' | 'enrolment';

export function signInStepOf(options: {
  role: StaffRole;
  alsoRequiredFor: readonly string[];
  mfaEnabled: boolean;
  mfaVerifiedInSession: boolean;
}): SignInStep {
  if (options.mfaVerifiedInSession) return 'complete';
  if (options.mfaEnabled) return 'second_factor';
  return isMfaRequired(options.role, options.alsoRequiredFor) ? 'enrolment' : 'complete';
}

export function timeStepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function newTotpSecret(): string {
  // 20 bytes (160 bits), as RFC 4226 recommends for SHA-1.
  return generateSecret({ length: 20 });
}

export function totpUri(options: { secret: string; issuer: string; account: string }): string {
  return generateURI({ issuer: options.issuer, label: options.account, secret: options.secret });
}

/**
 * The time step a code is accepted for, or null. A code is accepted only for the current step or
 * the one either side (clock drift), and only for a step after `lastAcceptedStep`: a code that has
 * been used, or any code from before it, is never accepted again.
 */
export async function acceptedTimeStep(options: {
  secret: string;
  code: string;
  at: Date;
  lastAcceptedStep: number | null;
}): Promise<number | null> {
  // People copy codes with the space some apps show in the middle.
  const code = options.code.replaceAll(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret: options.secret,
    token: code,
    epoch: Math.floor(options.at.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(options.lastAcceptedStep === null ? {} : { afterTimeStep: options.lastAcceptedStep }),
  });
  if (!result.valid || !('timeStep' in result)) return null;
  // The library's window is ±30 s of now; checked again here in steps, which is what is promised.
  if (Math.abs(result.timeStep - timeStepAt(options.at)) > 1) return null;
  if (options.lastAcceptedStep !== null && result.timeStep <= options.lastAcceptedStep) return null;
  return result.timeStep;
}

// 32 letters and digits with none that are easily confused (no I, O, 0, 1).
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code: 12 characters (60 bits), shown in groups of four. */
export function newRecoveryCode(): string {
  let code = '';
  for (let index = 0; index < 12; index += 1) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** How a recovery code is compared: case, spaces and hyphens do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replaceAll(/[\s-]/g, '');
}
