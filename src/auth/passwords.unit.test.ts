import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  checkPasswordPolicy,
  commonPasswordCount,
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from './passwords.ts';

function refusal(password: string): { field: string; message: string } | undefined {
  try {
    checkPasswordPolicy(password);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.kind).toBe('validation');
    return error.fields[0];
  }
}

// Entries of the shipped list, as people type them: any letter case, and full-width forms that
// normalise to the same text.
const commonPasswordExamples = [
  'password',
  'PASSWORD',
  'Password123',
  'passw0rd',
  'qwertyuiop',
  'QwErTy123',
  '1qaz2wsx',
  'q1w2e3r4t5',
  'iloveyou',
  'ILoveYou',
  'sunshine',
  'princess',
  'football',
  'trustno1',
  'liverpool',
  'manchester',
  'starwars',
  'welcome1',
  'letmein123',
  'baseball1',
  '123456789',
  '1234567890',
  '11111111',
  'carehome1',
  'nhs12345',
  'ｐａｓｓｗｏｒｄ',
];

describe('the password policy', () => {
  it('ships a common-password list of more than 10,000 entries that could be chosen', () => {
    expect(commonPasswordCount()).toBeGreaterThan(10_000);
  });

  it.each(commonPasswordExamples)('refuses %s, from the common-password list', (password) => {
    expect(refusal(password)).toEqual({
      field: 'password',
      message: expect.stringContaining('list of common passwords'),
    });
  });

  it('refuses 7 characters and accepts 8, 64, 65 and up to the maximum, counting characters not code units', () => {
    const tooShort = refusal('zq7#kWm');
    expect(tooShort).toEqual({ field: 'password', message: 'Use at least 8 characters.' });
    expect(refusal('zq7#kWmx')).toBeUndefined();
    // Seven characters that take two UTF-16 code units each are still seven characters.
    expect(refusal('🦉'.repeat(PASSWORD_MIN_LENGTH - 1))?.message).toBe('Use at least 8 characters.');
    expect(refusal('🦉'.repeat(PASSWORD_MIN_LENGTH))).toBeUndefined();
    for (const length of [64, 65, 100, PASSWORD_MAX_LENGTH]) {
      expect(refusal('horse battery '.repeat(30).slice(0, length))).toBeUndefined();
    }
    expect(refusal('x'.repeat(PASSWORD_MAX_LENGTH + 1))?.message).toBe(
      `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
    );
  });

  it('asks for no mix of character kinds: lower-case letters alone are fine', () => {
    expect(refusal('correct horse battery staple')).toBeUndefined();
    expect(refusal('mildewedjellyfish')).toBeUndefined();
  });

  it('accepts any long Unicode password that is not on the list', () => {
    const unicodePassword = fc.oneof(
      fc.string({ unit: 'binary', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
      fc.string({ unit: 'grapheme', minLength: PASSWORD_MIN_LENGTH, maxLength: 64 }),
    );
    fc.assert(
      fc.property(unicodePassword, (password) => {
        const length = [...password].length;
        fc.pre(length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH);
        fc.pre(!isCommonPassword(password));
        expect(refusal(password)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every list entry in any letter case, and only list entries', () => {
    fc.assert(
      fc.property(fc.constantFrom(...commonPasswordExamples), fc.boolean(), (password, upper) => {
        const typed = upper ? password.toUpperCase() : password;
        expect(isCommonPassword(typed)).toBe(true);
        expect(isCommonPassword(`${typed} and then some words of my own`)).toBe(false);
      }),
    );
  });
});
