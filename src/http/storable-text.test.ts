import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import { createStaffedOrganisation, type SignedIn } from '../../test/factories.ts';
import type { StaffRole } from '../users/users.table.ts';
import { findUnstorableText } from './storable-text.ts';

let t: TestApp;
let staff: Record<StaffRole, SignedIn>;
beforeAll(async () => {
  t = await createTestApp();
  ({ staff } = await createStaffedOrganisation(t.app, t.db, t.clock));
});
afterAll(async () => {
  await t.close();
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
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: staff.manager.headers,
      payload: { givenName: 'Ann\u0000', familyName: 'Smith', dateOfBirth: '1950-01-01' },
    });
    expectRefused(body, 'givenName');
    expect(JSON.stringify(body.json().errors)).toContain('U+0000');

    const listItem = await t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: staff.manager.headers,
      payload: { givenName: 'Ann', clinicalFlags: ['diabetes', '\u0000'] },
    });
    expectRefused(listItem, 'clinicalFlags.1');

    const fieldName = await t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: staff.manager.headers,
      payload: { 'given\u0000Name': 'Ann' },
    });
    expectRefused(fieldName, 'given\\u0000Name');

    const query = await t.app.inject({
      method: 'GET',
      url: '/api/people?q=Ann%00',
      headers: staff.manager.headers,
    });
    expectRefused(query, 'q');

    const path = await t.app.inject({
      method: 'GET',
      url: '/api/people/%00',
      headers: staff.manager.headers,
    });
    expectRefused(path, 'id');
  });

  it('refuses half of a surrogate pair, and accepts whole characters outside the basic plane', async () => {
    const half = await t.app.inject({
      method: 'GET',
      url: '/api/people?q=%ED%A0%80',
      headers: staff.manager.headers,
    });
    // Invalid UTF-8 in a URL decodes to U+FFFD, which is storable; a JSON escape can carry half a pair.
    expect(half.statusCode).toBe(200);
    const lone = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"nobody@example.org","password":"\\ud800 a guessed password"}',
    });
    expectRefused(lone, 'password');
    const whole = await t.app.inject({
      method: 'GET',
      url: `/api/people?q=${encodeURIComponent('Ann 😀')}`,
      headers: staff.manager.headers,
    });
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
