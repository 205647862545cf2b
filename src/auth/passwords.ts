import { createRequire } from 'node:module';
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

/**
 * Whether the password matches. An account still awaiting set-up has no hash: nothing matches it,
 * after the same work as a real check, so timing does not tell such accounts apart.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    const decoy = await decoyPasswordHash();
    await withHashSlot(() => argon2.verify(decoy, password));
    return false;
  }
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

/**
 * Length is the only rule (no composition rules, no truncation, no case folding of what is
 * stored); passwords on the common-password list are refused, whatever their letter case.
 */
export function checkPasswordPolicy(password: string, field = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw new AppError('validation', `Use at least ${PASSWORD_MIN_LENGTH} characters.`, { field });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    throw new AppError('validation', `Use at most ${PASSWORD_MAX_LENGTH} characters.`, { field });
  }
  if (isCommonPassword(password)) {
    throw new AppError(
      'validation',
      'This password is on a list of common passwords that attackers try first. Choose a longer, less guessable one.',
      { field },
    );
  }
}

/**
 * Whether a password is on the common-password list. Only the comparison is normalised (NFKC,
 * lower case), so "PassWord123" and "password123" are both refused; the password itself is hashed
 * exactly as typed.
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(normaliseForList(password));
}

function normaliseForList(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

let commonPasswordSet: Set<string> | undefined;

// The general list is the common-password dictionary of zxcvbn-ts, drawn from passwords exposed in
// public breaches; it ships inside the package, so nothing is fetched. Built on first use: about
// 18,000 of its 49,000 entries are long enough to be chosen at all, and only those are kept.
// Loaded on first use rather than at start: the package's dictionaries take about 15 MB, and a
// server that no one has set a password on need not hold them.
const requireFromHere = createRequire(import.meta.url);

function commonPasswords(): Set<string> {
  if (!commonPasswordSet) {
    const { dictionary } = requireFromHere('@zxcvbn-ts/language-common') as {
      dictionary: Record<'passwords-common', string[]>;
    };
    commonPasswordSet = new Set();
    for (const entry of [...dictionary['passwords-common'], ...localCommonPasswords]) {
      if ([...entry].length >= PASSWORD_MIN_LENGTH) commonPasswordSet.add(normaliseForList(entry));
    }
  }
  return commonPasswordSet;
}

/** How many passwords the common-password list refuses (at least the minimum length). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

// Guesses aimed at this service and at UK care staff in particular, on top of the general list.
const localCommonPasswords = [
  'p@ssword',
  '87654321',
  '00000000',
  '12341234',
  'admin1234',
  'liaison1',
  'liaison123',
  'liaison2026',
  'carehome1',
  'carehome123',
  'carer123',
  'caring123',
  'nhs12345',
  'nhspassword',
  'socialcare',
  'socialcare1',
];
