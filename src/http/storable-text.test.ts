import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { createStaffedOrganisation, type SignedIn } from '../../test/factories.ts';
import { requestAs, type StaffRequest } from '../../test/requests.ts';
import type { StaffRole } from '../users/users.table.ts';
import { findUnstorableText } from './storable-text.ts';

const t = testAppForFile();
const call = (...request: StaffRequest) => requestAs(t.app, ...request);
let staff: Record<StaffRole, SignedIn>;
beforeAll(async () => {
  ({ staff } = await createStaffedOrganisation(t.app, t.db, t.clock));
});

function expectRefused(
  response: { statusCode: number; headers: Record<string, unknown>; json(): { errors?: unknown } },
  field: string,
) {
  expect(response.statusCode).toBe(400);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json().errors).toEqual([{ field, message: expect.any(String) }]);
}

describe('text the database cannot store', () => {
  it('refuses a NUL character on signing in, with or without an account, naming the field', async () => {
    for (const payload of [
      { email: 'nobody\u0000@example.org', password: 'a guessed password' },
      { email: 'nobody@example.org', password: 'a guessed\u0000password' },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/session', payload });
      expectRefused(response, payload.email.includes('\u0000') ? 'email' : 'password');
    }
  });

  it('refuses a NUL character in a body field, a list item, a field name, the query and the path', async () => {
    const body = await call('POST', '/api/people', staff.manager, {
      givenName: 'Ann\u0000',
      familyName: 'Smith',
      dateOfBirth: '1950-01-01',
    });
    expectRefused(body, 'givenName');
    expect(JSON.stringify(body.json().errors)).toContain('U+0000');

    const listItem = await call('POST', '/api/people', staff.manager, {
      givenName: 'Ann',
      clinicalFlags: ['diabetes', '\u0000'],
    });
    expectRefused(listItem, 'clinicalFlags.1');

    const fieldName = await call('POST', '/api/people', staff.manager, { 'given\u0000Name': 'Ann' });
    expectRefused(fieldName, 'given\\u0000Name');

    const query = await call('GET', '/api/people?q=Ann%00', staff.manager);
    expectRefused(query, 'q');

    const path = await call('GET', '/api/people/%00', staff.manager);
    expectRefused(path, 'id');
  });

  it('refuses half of a surrogate pair, and accepts whole characters outside the basic plane', async () => {
    const half = await call('GET', '/api/people?q=%ED%A0%80', staff.manager);
    // Invalid UTF-8 in a URL decodes to U+FFFD, which is storable; a JSON escape can carry half a pair.
    expect(half.statusCode).toBe(200);
    const lone = await call(
      'POST',
      '/api/session',
      { headers: { 'content-type': 'application/json' } },
      '{"email":"nobody@example.org","password":"\\ud800 a guessed password"}',
    );
    expectRefused(lone, 'password');
    const whole = await call('GET', `/api/people?q=${encodeURIComponent('Ann 😀')}`, staff.manager);
    expect(whole.statusCode).toBe(200);
  });
});

describe('findUnstorableText', () => {
  it('walks a body nested far deeper than the call stack', () => {
    let deep: unknown = '\u0000';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(findUnstorableText(deep, 'body')?.field).toMatch(/^0(\.0)+$/);
  });

  it('finds nothing in storable text, numbers and nulls', () => {
    expect(findUnstorableText({ a: ['x', 1, null, { b: 'é 😀 \t\r\n' }], c: true }, 'body')).toBeNull();
    expect(findUnstorableText('\u0000', 'body')).toEqual({ field: 'body', message: expect.any(String) });
    expect(findUnstorableText({ a: '\udc00x' }, 'body')?.field).toBe('a');
    expect(findUnstorableText({ a: '\ud83d\ude00' }, 'body')).toBeNull();
  });
});
