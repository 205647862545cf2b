import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import { cookieFrom, createStaffedOrganisation, enrolAuthenticator, signIn } from '../../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const newStaff = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2)}@example.org`,
  displayName: 'Jordan New',
  role: 'care_worker',
  password: 'a sensible long passphrase',
  ...overrides,
});

describe('staff accounts', () => {
  it('lets an admin add a staff member who can then sign in, and audits it without the password', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const payload = newStaff();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: staff.admin.headers,
      payload,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ email: payload.email, role: 'care_worker', disabled: false });
    expect(response.json()).not.toHaveProperty('passwordHash');
    expect((await signIn(t.app, payload.email, payload.password)).orgId).toBe(organisation.id);
    const entry = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('org_id', '=', organisation.id)
      .where('action', '=', 'user.create')
      .where('entity_id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(staff.admin.userId);
    expect(entry.changed_fields).toContain('password_hash');
    expect(JSON.stringify(entry)).not.toContain(payload.password);
  });

  it('refuses a care worker, a manager and an auditor who try to add staff', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    for (const role of ['care_worker', 'manager', 'auditor'] as const) {
      const payload = newStaff();
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: staff[role].headers,
        payload,
      });
      expect(response.statusCode).toBe(403);
      expect(
        await t.db.selectFrom('users').select('id').where('email', '=', payload.email).executeTakeFirst(),
      ).toBeUndefined();
    }
  });

  it('names each field that needs correcting', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: staff.admin.headers,
      payload: { email: 'not-an-email', displayName: '', role: 'boss', password: 'x' },
    });
    expect(response.statusCode).toBe(400);
    const fields = response
      .json()
      .errors.map((error: { field: string }) => error.field)
      .sort();
    expect(fields).toEqual(['displayName', 'email', 'role']);
  });

  it('refuses short and common passwords, and a second account with the same email', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: staff.admin.headers,
      payload: newStaff({ password: 'short' }),
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([{ field: 'password', message: 'Use at least 8 characters.' }]);
    const common = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: staff.admin.headers,
      payload: newStaff({ password: 'Password123' }),
    });
    expect(common.statusCode).toBe(400);
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: staff.admin.headers,
      payload: newStaff({ email: staff.manager.email.toUpperCase() }),
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0].field).toBe('email');
  });

  it('lets only an admin create an admin', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const byManager = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: staff.registered_manager.headers,
      payload: newStaff({ role: 'admin' }),
    });
    expect(byManager.statusCode).toBe(403);
    const byAdmin = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: staff.admin.headers,
      payload: newStaff({ role: 'admin' }),
    });
    expect(byAdmin.statusCode).toBe(201);
  });

  it('disabling a user ends their session on their very next request', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/session', headers: staff.care_worker.headers }))
        .statusCode,
    ).toBe(200);
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${staff.care_worker.userId}`,
      headers: { ...staff.registered_manager.headers, 'If-Match': '"1"' },
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/session', headers: staff.care_worker.headers }))
        .statusCode,
    ).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: staff.care_worker.email, password: 'correct horse battery staple' },
    });
    expect(again.statusCode).toBe(401);
  });

  it('a role change applies from the next request', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/users', headers: staff.care_worker.headers }))
        .statusCode,
    ).toBe(403);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${staff.care_worker.userId}`,
      headers: { ...staff.admin.headers, 'If-Match': '"1"' },
      payload: { role: 'manager' },
    });
    // Now a manager, who must use an authenticator app: the same session sets one up first.
    const promoted = await t.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: staff.care_worker.headers,
    });
    expect(promoted.statusCode).toBe(401);
    expect(promoted.json().code).toBe('mfa_required');
    const enrolled = await enrolAuthenticator(t.app, staff.care_worker.email, staff.care_worker.headers);
    const headers = { cookie: cookieFrom(enrolled), 'x-csrf-token': enrolled.json().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
  });

  it('keeps organisations apart: another organisation’s staff member is not found', async () => {
    const first = await createStaffedOrganisation(t.app, t.db, t.clock);
    const second = await createStaffedOrganisation(t.app, t.db, t.clock);
    const foreignId = second.staff.care_worker.userId;
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/users/${foreignId}`,
      headers: first.staff.admin.headers,
    });
    expect(read.statusCode).toBe(404);
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${foreignId}`,
      headers: { ...first.staff.admin.headers, 'If-Match': '"1"' },
      payload: { disabled: true },
    });
    expect(change.statusCode).toBe(404);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/users?limit=1000',
      headers: first.staff.admin.headers,
    });
    const ids = list.json().items.map((user: { id: string }) => user.id);
    expect(ids).not.toContain(foreignId);
    expect(ids).toHaveLength(5);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/session', headers: second.staff.care_worker.headers }))
        .statusCode,
    ).toBe(200);
  });

  it('lets an auditor read staff but change nothing', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/users', headers: staff.auditor.headers })).statusCode,
    ).toBe(200);
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${staff.care_worker.userId}`,
      headers: { ...staff.auditor.headers, 'If-Match': '"1"' },
      payload: { displayName: 'Changed' },
    });
    expect(change.statusCode).toBe(403);
  });
});

describe('the organisation', () => {
  it('lets the registered manager update the details its policies use, and refuses a care worker', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const update = await t.app.inject({
      method: 'PATCH',
      url: '/api/organisation',
      headers: { ...staff.registered_manager.headers, 'If-Match': '"1"' },
      payload: {
        registrationNumber: '1-123456789',
        registeredManagerName: 'Pat Example',
        address: '2 High Street',
      },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({
      id: organisation.id,
      registrationNumber: '1-123456789',
      version: 2,
    });
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/organisation',
      headers: { ...staff.care_worker.headers, 'If-Match': '"1"' },
      payload: { name: 'Taken over' },
    });
    expect(refused.statusCode).toBe(403);
    const badLogo = await t.app.inject({
      method: 'PATCH',
      url: '/api/organisation',
      headers: { ...staff.admin.headers, 'If-Match': '"2"' },
      payload: { logoDataUrl: 'javascript:alert(1)' },
    });
    expect(badLogo.statusCode).toBe(400);
    expect(badLogo.json().errors[0].field).toBe('logoDataUrl');
  });
});
