import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { SecretBox } from './secret-box.ts';
import {
  acceptedTimeStep,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  signInStepOf,
  TOTP_PERIOD_SECONDS,
  timeStepAt,
} from './totp.ts';

const secret = newTotpSecret();
const codeFor = (step: number) => generate({ secret, epoch: step * TOTP_PERIOD_SECONDS });

describe('TOTP time steps and replay', () => {
  it('accepts the current code once, and never the same step again', async () => {
    const clock = new ManualClock('2026-11-21T09:00:10Z');
    const step = timeStepAt(clock.now());
    const code = await codeFor(step);
    expect(await acceptedTimeStep({ secret, code, at: clock.now(), lastAcceptedStep: null })).toBe(step);
    // The same code again, later in the same 30 seconds: refused.
    clock.advance(15_000);
    expect(await acceptedTimeStep({ secret, code, at: clock.now(), lastAcceptedStep: step })).toBeNull();
  });

  it('accepts one step either side of now and no further', async () => {
    const clock = new ManualClock('2026-11-21T09:00:15Z');
    const now = timeStepAt(clock.now());
    const at = clock.now();
    for (const offset of [-1, 0, 1]) {
      expect(
        await acceptedTimeStep({ secret, code: await codeFor(now + offset), at, lastAcceptedStep: null }),
      ).toBe(now + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(
        await acceptedTimeStep({ secret, code: await codeFor(now + offset), at, lastAcceptedStep: null }),
      ).toBeNull();
    }
  });

  it('refuses any code at or before the last accepted step, even inside the window', async () => {
    const clock = new ManualClock('2026-11-21T09:00:00Z');
    const now = timeStepAt(clock.now());
    // The next step's code was used (a clock running fast): now's and the previous step's are spent too.
    const last = now + 1;
    expect(
      await acceptedTimeStep({ secret, code: await codeFor(now), at: clock.now(), lastAcceptedStep: last }),
    ).toBeNull();
    expect(
      await acceptedTimeStep({
        secret,
        code: await codeFor(now - 1),
        at: clock.now(),
        lastAcceptedStep: last,
      }),
    ).toBeNull();
    // Thirty seconds on, the step after is accepted.
    clock.advance(TOTP_PERIOD_SECONDS * 1000);
    expect(
      await acceptedTimeStep({
        secret,
        code: await codeFor(now + 2),
        at: clock.now(),
        lastAcceptedStep: last,
      }),
    ).toBe(now + 2);
  });

  it('accepts the code with spaces, and refuses anything that is not six digits or is another secret’s', async () => {
    const at = new Date('2026-11-21T09:00:00Z');
    const code = await codeFor(timeStepAt(at));
    expect(
      await acceptedTimeStep({
        secret,
        code: `${code.slice(0, 3)} ${code.slice(3)}`,
        at,
        lastAcceptedStep: null,
      }),
    ).toBe(timeStepAt(at));
    for (const wrong of ['', '12345', '1234567', 'abcdef', `${code}0`]) {
      expect(await acceptedTimeStep({ secret, code: wrong, at, lastAcceptedStep: null })).toBeNull();
    }
    expect(await acceptedTimeStep({ secret: newTotpSecret(), code, at, lastAcceptedStep: null })).toBeNull();
  });
});

describe('which step of signing in a session is at', () => {
  it('asks managers, registered managers and admins for a second factor, and others only if they use one or the organisation says so', () => {
    const step = (
      role: Parameters<typeof signInStepOf>[0]['role'],
      extra: Partial<Parameters<typeof signInStepOf>[0]> = {},
    ) =>
      signInStepOf({ role, alsoRequiredFor: [], mfaEnabled: false, mfaVerifiedInSession: false, ...extra });
    expect(step('manager')).toBe('enrolment');
    expect(step('registered_manager')).toBe('enrolment');
    expect(step('admin')).toBe('enrolment');
    expect(step('care_worker')).toBe('complete');
    expect(step('auditor')).toBe('complete');
    expect(step('care_worker', { alsoRequiredFor: ['care_worker'] })).toBe('enrolment');
    expect(step('care_worker', { mfaEnabled: true })).toBe('second_factor');
    expect(step('manager', { mfaEnabled: true })).toBe('second_factor');
    expect(step('manager', { mfaEnabled: true, mfaVerifiedInSession: true })).toBe('complete');
  });
});

describe('recovery codes', () => {
  it('are 12 unambiguous characters in groups of four, compared without case, spaces or hyphens', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(normaliseRecoveryCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
  });
});

describe('secrets at rest', () => {
  const box = new SecretBox(randomBytes(32));

  it('stores ciphertext that reads back only with the same key and for the same user', () => {
    const sealed = box.encrypt(secret, 'mfa:org:user-1');
    expect(sealed).not.toContain(secret);
    expect(box.decrypt(sealed, 'mfa:org:user-1')).toBe(secret);
    // Copied onto another user's row.
    expect(() => box.decrypt(sealed, 'mfa:org:user-2')).toThrow();
    // Another server's key says so.
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed, 'mfa:org:user-1')).toThrow(/another key/);
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = box.encrypt(secret, 'mfa:org:user-1');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.decrypt(parts.join(':'), 'mfa:org:user-1')).toThrow();
  });

  it('hashes recovery codes with a key, so the same code hashes differently under another key', () => {
    expect(box.hash('ABCD')).toBe(box.hash('ABCD'));
    expect(box.hash('ABCD')).not.toBe(new SecretBox(randomBytes(32)).hash('ABCD'));
  });
});
