import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  addStaffMember,
  cookieFrom,
  createStaffedOrganisation,
  createTestUser,
  enrolAuthenticator,
  setUpAccount,
  signIn,
  signInAttempt,
} from '../../test/factories.ts';
import { auditEntriesOf, requestAs, type StaffRequest } from '../../test/requests.ts';

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 } });
const call = (...request: StaffRequest) => requestAs(t.app, ...request);

const newStaff = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2)}@example.org`,
  displayName: 'Jordan New',
  role: 'care_worker',
  ...overrides,
});

const PASSPHRASE = 'a sensible long passphrase';

describe('staff accounts', () => {
  it('adds a staff member without a password: the owner chooses theirs through a one-time set-up link', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const added = await addStaffMember(t.app, staff.admin.headers, { role: 'registered_manager' });
    expect(added.response.statusCode).toBe(201);
    const body = added.response.json();
    expect(body).toMatchObject({ email: added.email, role: 'registered_manager', awaitingSetUp: true });
    expect(body.setUpLink.url).toMatch(/^http:\/\/localhost:\d+\/set-up#[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.setUpLink.expiresAt).getTime() - t.clock.now().getTime()).toBe(72 * 3_600_000);
    // The database keeps only the link's hash, and the account no password at all.
    const links = await t.db
      .selectFrom('user_set_up_links')
      .selectAll()
      .where('user_id', '=', body.id)
      .execute();
    expect(links).toHaveLength(1);
    expect(JSON.stringify(links)).not.toContain(added.setUpToken);
    expect(links[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    // Nobody can sign in to it before its owner has chosen a password, whatever they try.
    for (const guess of ['', PASSPHRASE, 'correct horse battery staple']) {
      expect((await signInAttempt(t.app, added.email, guess || 'x')).statusCode).toBe(401);
    }

    const shown = await call('GET', '/api/account-set-up', {
      headers: { 'x-set-up-link': added.setUpToken },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      displayName: 'Jordan New',
      email: added.email,
      organisationName: organisation.name,
    });
    expect((await setUpAccount(t.app, added.setUpToken, PASSPHRASE)).statusCode).toBe(204);
    // A registered manager then signs in as usual, setting up an authenticator app first.
    const firstSignIn = await signInAttempt(t.app, added.email, PASSPHRASE);
    expect(firstSignIn.statusCode).toBe(200);
    expect(firstSignIn.json().signInStep).toBe('enrolment');
    expect((await signIn(t.app, added.email, PASSPHRASE)).orgId).toBe(organisation.id);

    // The link works once.
    const again = await setUpAccount(t.app, added.setUpToken, 'another long passphrase');
    expect(again.statusCode).toBe(404);
    expect((await signInAttempt(t.app, added.email, 'another long passphrase')).statusCode).toBe(401);

    const entries = await auditEntriesOf(t.db, organisation.id, { entityId: body.id });
    expect(entries.map((entry) => [entry.action, entry.actor_id])).toEqual(
      expect.arrayContaining([
        ['user.create', staff.admin.userId],
        ['user.set_up_link.issue', staff.admin.userId],
        ['user.set_up', body.id],
      ]),
    );
    const created = entries.find((entry) => entry.action === 'user.create');
    expect(created?.changed_fields).not.toContain('password_hash');
    expect(JSON.stringify(entries)).not.toContain(PASSPHRASE);
    expect(JSON.stringify(entries)).not.toContain(added.setUpToken);
  });

  it('refuses a password chosen by whoever adds the account', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    for (const role of ['admin', 'registered_manager'] as const) {
      const payload = newStaff({ role: 'registered_manager', password: PASSPHRASE });
      const response = await call('POST', '/api/users', staff[role], payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('password');
      expect(
        await t.db.selectFrom('users').select('id').where('email', '=', payload.email).executeTakeFirst(),
      ).toBeUndefined();
    }
  });

  it('stops a set-up link after 72 hours; a new one works and the earlier one does not', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const added = await addStaffMember(t.app, staff.admin.headers);
    const id = added.response.json().id;
    t.clock.advance(72 * 3_600_000);
    expect((await setUpAccount(t.app, added.setUpToken, PASSPHRASE)).statusCode).toBe(404);
    // Their sessions have ended meanwhile too.
    const admin = await signIn(t.app, staff.admin.email);
    const registeredManager = await signIn(t.app, staff.registered_manager.email);
    const careWorker = await signIn(t.app, staff.care_worker.email);
    const expired = await call('GET', '/api/account-set-up', {
      headers: { 'x-set-up-link': added.setUpToken },
    });
    expect(expired.statusCode).toBe(404);

    const renewed = await call('POST', `/api/users/${id}/set-up-link`, admin);
    expect(renewed.statusCode).toBe(201);
    const renewedToken = renewed.json().url.split('#')[1];
    const second = await call('POST', `/api/users/${id}/set-up-link`, registeredManager);
    const secondToken = second.json().url.split('#')[1];
    // Only the newest link works.
    expect((await setUpAccount(t.app, renewedToken, PASSPHRASE)).statusCode).toBe(404);
    expect((await setUpAccount(t.app, secondToken, PASSPHRASE)).statusCode).toBe(204);
    const afterSetUp = await call('POST', `/api/users/${id}/set-up-link`, admin);
    expect(afterSetUp.statusCode).toBe(409);
    const foreign = await call('POST', `/api/users/${staff.care_worker.userId}/set-up-link`, careWorker);
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses an unknown link and a weak password, and keeps a disabled account’s link from working', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect((await setUpAccount(t.app, 'not-a-real-link', PASSPHRASE)).statusCode).toBe(404);
    const added = await addStaffMember(t.app, staff.admin.headers);
    const weak = await setUpAccount(t.app, added.setUpToken, 'Password123');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');
    const disable = await call(
      'PATCH',
      `/api/users/${added.response.json().id}`,
      staff.admin,
      { disabled: true },
      1,
    );
    expect(disable.statusCode).toBe(200);
    expect((await setUpAccount(t.app, added.setUpToken, PASSPHRASE)).statusCode).toBe(404);
  });

  it('refuses a care worker, a manager and an auditor who try to add staff', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    for (const role of ['care_worker', 'manager', 'auditor'] as const) {
      const payload = newStaff();
      const response = await call('POST', '/api/users', staff[role], payload);
      expect(response.statusCode).toBe(403);
      expect(
        await t.db.selectFrom('users').select('id').where('email', '=', payload.email).executeTakeFirst(),
      ).toBeUndefined();
    }
  });

  it('names each field that needs correcting', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const response = await call('POST', '/api/users', staff.admin, {
      email: 'not-an-email',
      displayName: '',
      role: 'boss',
    });
    expect(response.statusCode).toBe(400);
    const fields = response
      .json()
      .errors.map((error: { field: string }) => error.field)
      .sort();
    expect(fields).toEqual(['displayName', 'email', 'role']);
  });

  it('refuses a second account with the same email', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const duplicate = await call(
      'POST',
      '/api/users',
      staff.admin,
      newStaff({ email: staff.manager.email.toUpperCase() }),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0].field).toBe('email');
  });

  it('lets only an admin create an admin', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const byManager = await call('POST', '/api/users', staff.registered_manager, newStaff({ role: 'admin' }));
    expect(byManager.statusCode).toBe(403);
    const byAdmin = await call('POST', '/api/users', staff.admin, newStaff({ role: 'admin' }));
    expect(byAdmin.statusCode).toBe(201);
  });

  it('never gives an admin account a role that reads people’s records', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const added = await addStaffMember(t.app, staff.admin.headers, { role: 'admin' });
    const id = added.response.json().id;
    for (const role of ['care_worker', 'manager', 'registered_manager', 'auditor']) {
      const promote = await call('PATCH', `/api/users/${id}`, staff.admin, { role }, 1);
      expect(promote.statusCode, role).toBe(403);
      expect(promote.json().errors[0].field).toBe('role');
    }
    const byManager = await call(
      'PATCH',
      `/api/users/${id}`,
      staff.registered_manager,
      { role: 'registered_manager' },
      1,
    );
    expect(byManager.statusCode).toBe(403);
    const stored = await t.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.role).toBe('admin');
  });

  it('disabling a user ends their session on their very next request', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect((await call('GET', '/api/session', staff.care_worker)).statusCode).toBe(200);
    const disable = await call(
      'PATCH',
      `/api/users/${staff.care_worker.userId}`,
      staff.registered_manager,
      { disabled: true },
      1,
    );
    expect(disable.statusCode).toBe(200);
    expect((await call('GET', '/api/session', staff.care_worker)).statusCode).toBe(401);
    const again = await signInAttempt(t.app, staff.care_worker.email, 'correct horse battery staple');
    expect(again.statusCode).toBe(401);
  });

  it('a role change applies from the next request', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect((await call('GET', '/api/users', staff.care_worker)).statusCode).toBe(403);
    await call('PATCH', `/api/users/${staff.care_worker.userId}`, staff.admin, { role: 'manager' }, 1);
    // Now a manager, who must use an authenticator app: the same session sets one up first.
    const promoted = await call('GET', '/api/users', staff.care_worker);
    expect(promoted.statusCode).toBe(401);
    expect(promoted.json().code).toBe('mfa_required');
    const enrolled = await enrolAuthenticator(t.app, staff.care_worker.email, staff.care_worker.headers);
    const headers = { cookie: cookieFrom(enrolled), 'x-csrf-token': enrolled.json().csrfToken };
    expect((await call('GET', '/api/users', { headers })).statusCode).toBe(200);
  });

  it('keeps organisations apart: another organisation’s staff member is not found', async () => {
    const first = await createStaffedOrganisation(t.app, t.db, t.clock);
    const second = await createStaffedOrganisation(t.app, t.db, t.clock);
    const foreignId = second.staff.care_worker.userId;
    const read = await call('GET', `/api/users/${foreignId}`, first.staff.admin);
    expect(read.statusCode).toBe(404);
    const change = await call('PATCH', `/api/users/${foreignId}`, first.staff.admin, { disabled: true }, 1);
    expect(change.statusCode).toBe(404);
    const list = await call('GET', '/api/users?limit=1000', first.staff.admin);
    const ids = list.json().items.map((user: { id: string }) => user.id);
    expect(ids).not.toContain(foreignId);
    expect(ids).toHaveLength(5);
    expect((await call('GET', '/api/session', second.staff.care_worker)).statusCode).toBe(200);
  });

  it('lets an auditor read staff but change nothing', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect((await call('GET', '/api/users', staff.auditor)).statusCode).toBe(200);
    const change = await call(
      'PATCH',
      `/api/users/${staff.care_worker.userId}`,
      staff.auditor,
      { displayName: 'Changed' },
      1,
    );
    expect(change.statusCode).toBe(403);
  });
});

describe('colleagues', () => {
  it('gives every member of staff their colleagues’ names and roles, and nothing of their accounts', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const other = await createStaffedOrganisation(t.app, t.db, t.clock);
    const leaver = await createTestUser(t.db, t.clock, staff.care_worker.orgId, {
      role: 'care_worker',
      displayName: 'Aaron Leaver',
    });
    const disabled = await call(
      'PATCH',
      `/api/users/${leaver.id}`,
      staff.registered_manager,
      { disabled: true },
      1,
    );
    expect(disabled.statusCode).toBe(200);

    const listed = await call('GET', '/api/colleagues', staff.care_worker);
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { id: string; displayName: string; role: string }[];
    // Those who can own a measure or action: not the admin (IT), the auditor, or a disabled account.
    expect(items.map((item) => item.role).sort()).toEqual(['care_worker', 'manager', 'registered_manager']);
    expect(items.map((item) => item.id)).not.toContain(leaver.id);
    expect(items.map((item) => item.id)).not.toContain(other.staff.care_worker.userId);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(['current', 'displayName', 'id', 'role']);
    expect(listed.body).not.toContain('@');

    // A former colleague is still named for what they did.
    const former = await call('GET', `/api/colleagues/${leaver.id}`, staff.care_worker);
    expect(former.json()).toEqual({
      id: leaver.id,
      displayName: 'Aaron Leaver',
      role: 'care_worker',
      current: false,
    });
    const foreign = await call('GET', `/api/colleagues/${other.staff.manager.userId}`, staff.care_worker);
    expect(foreign.statusCode).toBe(404);

    // The account itself, with its email address, is for those who keep the staff list.
    const account = await call('GET', `/api/users/${staff.manager.userId}`, staff.care_worker);
    expect(account.statusCode).toBe(403);
    const asManager = await call('GET', `/api/users/${staff.care_worker.userId}`, staff.manager);
    expect(asManager.json().email).toBe(staff.care_worker.email);
  });
});

describe('the organisation', () => {
  it('lets the registered manager update the details its policies use, and refuses a care worker', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const update = await call(
      'PATCH',
      '/api/organisation',
      staff.registered_manager,
      {
        registrationNumber: '1-123456789',
        registeredManagerName: 'Pat Example',
        address: '2 High Street',
      },
      1,
    );
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({
      id: organisation.id,
      registrationNumber: '1-123456789',
      version: 2,
    });
    const refused = await call('PATCH', '/api/organisation', staff.care_worker, { name: 'Taken over' }, 1);
    expect(refused.statusCode).toBe(403);
    const badLogo = await call(
      'PATCH',
      '/api/organisation',
      staff.admin,
      { logoDataUrl: 'javascript:alert(1)' },
      2,
    );
    expect(badLogo.statusCode).toBe(400);
    expect(badLogo.json().errors[0].field).toBe('logoDataUrl');
  });
});
