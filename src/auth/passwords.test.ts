import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { addStaffMember, setUpAccount, signIn, signInAttempt } from '../../test/factories.ts';
import { organisationWithApiToken } from '../../test/scenarios.ts';
import { PASSWORD_MAX_LENGTH } from './passwords.ts';

// The password policy as the routes that set a password apply it: a new staff member choosing
// theirs through their set-up link (POST /api/account-set-up) is the one route that takes one.

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 } });
let admin: { headers: Record<string, string> };
beforeAll(async () => {
  admin = await organisationWithApiToken(t, { madeBy: 'admin', name: 'Staff accounts', role: 'admin' });
});

/** A new account, whose owner chooses `password` through their set-up link. */
async function chooseFirstPassword(password: string) {
  const added = await addStaffMember(t.app, admin.headers);
  expect(added.response.statusCode).toBe(201);
  const response = await setUpAccount(t.app, added.setUpToken, password);
  return { response, email: added.email, id: added.response.json().id as string };
}

describe('choosing a password', () => {
  it.each([
    'password',
    'Password1',
    'PASSWORD123',
    'qwertyuiop',
    'iloveyou',
    'Sunshine',
    'football',
    'trustno1',
    '1qaz2wsx',
    'liverpool',
    'starwars',
    'carehome1',
  ])('refuses %s from the common-password list, naming the field', async (password) => {
    const { response, email } = await chooseFirstPassword(password);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      {
        field: 'password',
        message:
          'This password is on a list of common passwords that attackers try first. Choose a longer, less guessable one.',
      },
    ]);
    const stored = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toBeNull();
  });

  it('refuses 7 characters, accepts 8, 64, 65 and the maximum, and refuses one more', async () => {
    const seven = await chooseFirstPassword('zq7#kWm');
    expect(seven.response.statusCode).toBe(400);
    expect(seven.response.json().errors).toEqual([
      { field: 'password', message: 'Use at least 8 characters.' },
    ]);
    for (const length of [8, 64, 65, PASSWORD_MAX_LENGTH]) {
      const password = 'river otter lantern '.repeat(20).slice(0, length);
      const { response, email, id } = await chooseFirstPassword(password);
      expect(response.statusCode, `${length} characters`).toBe(204);
      expect((await signIn(t.app, email, password)).userId).toBe(id);
    }
    const tooLong = await chooseFirstPassword('x'.repeat(PASSWORD_MAX_LENGTH + 1));
    expect(tooLong.response.statusCode).toBe(400);
    expect(tooLong.response.json().errors[0].field).toBe('password');
  });

  it('keeps every character as typed: no truncation and no case folding', async () => {
    const password = `Ünïcode 🦉 pass phrase ${'with many words '.repeat(6)}end`;
    const { response, email, id } = await chooseFirstPassword(password);
    expect(response.statusCode).toBe(204);
    expect((await signIn(t.app, email, password)).userId).toBe(id);
    for (const wrong of [password.slice(0, 72), password.toLowerCase(), password.toUpperCase()]) {
      const attempt = await signInAttempt(t.app, email, wrong);
      expect(attempt.statusCode).toBe(401);
    }
  });
});
