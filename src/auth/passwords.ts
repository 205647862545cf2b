import argon2 from 'argon2';
import { AppError } from '../errors.ts';

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). Raising these later is
 * safe: hashes with weaker parameters are upgraded the next time their owner signs in.
 */
export const passwordHashParameters = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

// Each hash takes ~20 MiB and tens of milliseconds of CPU. A flood of sign-ins must not exhaust
// memory or starve other requests, so only a few run at once and a bounded number wait.
const MAX_CONCURRENT_HASHES = 4;
const MAX_WAITING_HASHES = 64;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_WAITING_HASHES) {
      throw new AppError('too_many_requests', 'Sign-in is busy. Try again in a few seconds.', {
        retryAfterSeconds: 5,
      });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => argon2.hash(password, passwordHashParameters));
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return withHashSlot(() => argon2.verify(hash, password));
}

export function passwordNeedsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, passwordHashParameters);
}

// Verifying against this when the account does not exist keeps the response time the same, so
// timing does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= argon2.hash('decoy password that matches nothing', passwordHashParameters);
  return decoyHash;
}

/** Length is the only rule (no composition rules, no truncation); common passwords are refused. */
export function checkPasswordPolicy(password: string, field = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new AppError('validation', `Use at least ${PASSWORD_MIN_LENGTH} characters.`, { field });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new AppError('validation', `Use at most ${PASSWORD_MAX_LENGTH} characters.`, { field });
  }
  if (commonPasswords.has(password.toLowerCase())) {
    throw new AppError('validation', 'This password is too common. Choose a longer, less guessable one.', {
      field,
    });
  }
}

const commonPasswords = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  '12341234',
  'qwertyuiop',
  'qwerty123',
  'qwerty12',
  '1q2w3e4r',
  '1qaz2wsx',
  'iloveyou',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'welcome1',
  'welcome123',
  'letmein1',
  'trustno1',
  'superman',
  'starwars',
  'whatever',
  'liverpool',
  'chelsea1',
  'arsenal1',
  'abc12345',
  'abcd1234',
  'changeme',
  'changeme1',
  'administrator',
  'admin123',
  'admin1234',
  'monkey12',
  'dragon12',
  'michelle',
  'jennifer',
  'computer',
  'internet',
  'liaison1',
  'liaison123',
  'carehome1',
  'nhs12345',
]);
