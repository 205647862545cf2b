import { describe, expect, it } from 'vitest';
import { createTestApp, testAppForFile } from '../../test/app-for-test.ts';
import {
  createTestOrganisation,
  createTestUser,
  signIn,
  signInAttempt,
  TEST_PASSWORD,
} from '../../test/factories.ts';
import { auditEntriesOf, requestAs, type StaffRequest } from '../../test/requests.ts';
import { signedInStaff } from '../../test/scenarios.ts';
import { findActiveSignInThrottles } from './auth.repository.ts';
import {
  accountSignInWaitMs,
  FREE_ACCOUNT_SIGN_IN_FAILURES,
  MAX_ACCOUNT_SIGN_IN_WAIT_MS,
  signInThrottleKeys,
} from './auth.service.ts';

const t = testAppForFile();
const call = (...request: StaffRequest) => requestAs(t.app, ...request);

describe('signing in', () => {
  it('starts a session with an HttpOnly, Secure, SameSite cookie and returns who is signed in', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id, { role: 'manager' });
    const response = await signInAttempt(t.app, user.email.toUpperCase(), TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ id: user.id, role: 'manager' });
    expect(body.organisation).toEqual({ id: organisation.id, name: organisation.name });
    const cookie = response.cookies[0]!;
    expect(cookie.name).toBe('__Host-liaison_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(cookie.domain).toBeUndefined();

    const me = await call('GET', '/api/session', { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('stores only a hash of the session token', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    const signedIn = await signIn(t.app, user.email);
    const token = signedIn.headers.cookie.split('=')[1]!;
    const rows = await t.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong password and an unknown address with the same answer', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    const wrong = await signInAttempt(t.app, user.email, 'not the password');
    const unknown = await signInAttempt(t.app, 'nobody@example.org', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('throttles an account after repeated failures, even for the right password, without affecting others', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const target = await createTestUser(t.db, t.clock, organisation.id);
    const bystander = await createTestUser(t.db, t.clock, organisation.id);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await signInAttempt(t.app, target.email, `guess ${attempt}`);
      expect(response.statusCode).toBe(401);
    }
    const throttled = await signInAttempt(t.app, target.email, TEST_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.headers['content-type']).toContain('application/problem+json');

    expect((await signIn(t.app, bystander.email)).userId).toBe(bystander.id);

    t.clock.advance(31_000);
    expect((await signIn(t.app, target.email)).userId).toBe(target.id);
  });

  it('throttles an email address without an account exactly as one with an account', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    const answers = async (email: string) => {
      const seen: unknown[] = [];
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const response = await signInAttempt(t.app, email, `guess ${attempt}`, '192.0.2.10');
        const { requestId: _requestId, ...body } = response.json();
        seen.push({
          status: response.statusCode,
          retryAfter: response.headers['retry-after'],
          headers: Object.keys(response.headers).sort(),
          body,
        });
        t.clock.advance(10_000);
      }
      return seen;
    };
    const known = await answers(user.email);
    const unknown = await answers(`nobody-${organisation.id}@example.org`);
    expect(unknown).toEqual(known);
    expect(known.map((answer) => (answer as { status: number }).status)).toEqual([
      401, 401, 401, 401, 401, 429, 429, 401,
    ]);
    expect((known[5] as { retryAfter: string }).retryAfter).toBe('20');
  });

  it('keeps a person waiting at most a minute for failures from other client addresses', async () => {
    expect(accountSignInWaitMs(10_000)).toBe(MAX_ACCOUNT_SIGN_IN_WAIT_MS);
    expect(MAX_ACCOUNT_SIGN_IN_WAIT_MS).toBe(60_000);
    const organisation = await createTestOrganisation(t.db, t.clock);
    const target = await createTestUser(t.db, t.clock, organisation.id);
    // Many addresses acting together, each within its own free attempts.
    for (let failure = 0; failure < FREE_ACCOUNT_SIGN_IN_FAILURES; failure += 1) {
      const response = await signInAttempt(
        t.app,
        target.email,
        `guess ${failure}`,
        `198.51.100.${failure % 5}`,
      );
      expect(response.statusCode).toBe(401);
    }
    const held = await signInAttempt(t.app, target.email, TEST_PASSWORD, '203.0.113.7');
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(60);
    t.clock.advance(60_000);
    const through = await signInAttempt(t.app, target.email, TEST_PASSWORD, '203.0.113.7');
    expect(through.statusCode).toBe(200);
  });

  it('lets one client address guessing as fast as it may keep a person out no more than a minute in fifteen', async () => {
    // The per-address limit counts real minutes; this test moves hours of the clock in seconds.
    const t = await createTestApp({ config: { signInAttemptsPerMinute: 100_000 } });
    const organisation = await createTestOrganisation(t.db, t.clock);
    const target = await createTestUser(t.db, t.clock, organisation.id);
    const personsKeys = signInThrottleKeys(target.email, '203.0.113.8');
    const stepMs = 20_000;
    const hours = 6;
    let heldSteps = 0;
    let guesses = 0;
    for (let elapsed = 0; elapsed < hours * 3_600_000; elapsed += stepMs) {
      const response = await signInAttempt(t.app, target.email, `guess ${elapsed}`, '198.51.100.99');
      if (response.statusCode === 401) guesses += 1;
      const holding = await findActiveSignInThrottles(
        t.db,
        [personsKeys.account, personsKeys.client],
        t.clock.now(),
      );
      if (holding.length > 0) heldSteps += 1;
      t.clock.advance(stepMs);
    }
    // Guessing slows to once in 15 minutes; past the account's free failures each costs the
    // person at most a minute's wait.
    expect(guesses).toBeLessThan(5 + 5 + hours * 4);
    expect(guesses).toBeGreaterThan(FREE_ACCOUNT_SIGN_IN_FAILURES);
    expect(heldSteps).toBeGreaterThan(0);
    expect(heldSteps * stepMs).toBeLessThanOrEqual((guesses - FREE_ACCOUNT_SIGN_IN_FAILURES + 1) * 60_000);
    await t.close();
  }, 120_000);

  it('limits sign-in attempts per address, whichever accounts they are for', async () => {
    const limited = await createTestApp({ config: { signInAttemptsPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const response = await signInAttempt(
          limited.app,
          `someone-${attempt}@example.org`,
          'a guessed password',
        );
        statuses.push(response.statusCode);
        if (response.statusCode === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('records sign-ins and failures in the audit trail without the password', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    await signInAttempt(t.app, user.email, 'canary-password-xyz');
    await signIn(t.app, user.email);
    const entries = await auditEntriesOf(t.db, organisation.id, { action: 'session.sign_in' });
    expect(entries.map((entry) => entry.outcome)).toEqual(['failed', 'success']);
    expect(JSON.stringify(entries)).not.toContain('canary-password-xyz');
  });
});

describe('sessions', () => {
  it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    const { headers } = await signIn(t.app, user.email);
    const out = await call('DELETE', '/api/session', { headers });
    expect(out.statusCode).toBe(204);
    expect(out.headers['clear-site-data']).toContain('cookies');
    const after = await call('GET', '/api/session', { headers });
    expect(after.statusCode).toBe(401);
  });

  it('expires a session left idle and one past its absolute lifetime', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    const idle = await signIn(t.app, user.email);
    t.clock.advance(t.config.sessionIdleMs + 1);
    expect((await call('GET', '/api/session', idle)).statusCode).toBe(401);

    const busy = await signIn(t.app, user.email);
    const step = t.config.sessionIdleMs / 2;
    for (let elapsed = 0; elapsed < t.config.sessionAbsoluteMs - step; elapsed += step) {
      t.clock.advance(step);
      expect((await call('GET', '/api/session', busy)).statusCode).toBe(200);
    }
    t.clock.advance(step);
    expect((await call('GET', '/api/session', busy)).statusCode).toBe(401);
  });

  it('restarts the idle clock on every request, writing the last-seen time at most every quarter of it', async () => {
    const short = await createTestApp({ config: { sessionIdleMs: 60_000 } });
    try {
      const organisation = await createTestOrganisation(short.db, short.clock);
      const user = await createTestUser(short.db, short.clock, organisation.id);
      const busy = await signIn(short.app, user.email);
      const signedInAt = short.clock.now().getTime();
      const lastSeen = async () =>
        (
          await short.db
            .selectFrom('sessions')
            .select('last_seen_at')
            .where('user_id', '=', user.id)
            .executeTakeFirstOrThrow()
        ).last_seen_at.getTime();
      const writes = new Set<number>();
      // In constant use for five minutes, with a one-minute idle timeout.
      for (let elapsed = 10_000; elapsed <= 300_000; elapsed += 10_000) {
        short.clock.advance(10_000);
        const response = await requestAs(short.app, 'GET', '/api/session', busy);
        expect(response.statusCode).toBe(200);
        writes.add(await lastSeen());
      }
      // One write in every 20 s of use (each request 10 s apart; a write once 15 s have passed).
      writes.delete(signedInAt);
      expect(writes.size).toBe(15);
      expect(Math.min(...writes)).toBe(signedInAt + 20_000);
      // Left alone for the idle time after its last write, it ends.
      short.clock.set(new Date(Math.max(...writes) + 60_000));
      expect((await requestAs(short.app, 'GET', '/api/session', busy)).statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('refuses a cookie-authenticated write without the CSRF token, or from another site', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const admin = await createTestUser(t.db, t.clock, organisation.id, { role: 'admin' });
    const { headers } = await signIn(t.app, admin.email);
    const payload = {
      email: 'new.person@example.org',
      displayName: 'New Person',
      role: 'care_worker',
    };
    const withoutToken = await call('POST', '/api/users', { headers: { cookie: headers.cookie } }, payload);
    expect(withoutToken.statusCode).toBe(403);
    const crossSite = await call(
      'POST',
      '/api/users',
      { headers: { ...headers, 'sec-fetch-site': 'cross-site' } },
      payload,
    );
    expect(crossSite.statusCode).toBe(403);
    const foreignOrigin = await call(
      'POST',
      '/api/users',
      { headers: { ...headers, origin: 'https://evil.example' } },
      payload,
    );
    expect(foreignOrigin.statusCode).toBe(403);
    expect(
      await t.db.selectFrom('users').select('id').where('email', '=', payload.email).executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('API tokens', () => {
  it('lets an admin create an admin token that acts with its role, and revoking it works on the next request', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const admin = await signedInStaff(t, organisation.id, { role: 'admin' });
    const created = await call('POST', '/api/api-tokens', admin, { name: 'Directory sync', role: 'admin' });
    expect(created.statusCode).toBe(201);
    expect(created.json().awaitingApproval).toBe(false);
    const { token, id } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    const organisationResponse = await call('GET', '/api/organisation', { headers: bearer });
    expect(organisationResponse.statusCode).toBe(200);
    expect(organisationResponse.json().id).toBe(organisation.id);

    const stored = await t.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const people = await call('GET', '/api/people', { headers: bearer });
    expect(people.statusCode).toBe(403);

    expect((await call('DELETE', `/api/api-tokens/${id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/organisation', { headers: bearer })).statusCode).toBe(401);
  });

  it('a token that reads people’s records, asked for by an admin, works only once a registered manager approves it', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const admin = await signedInStaff(t, organisation.id, { role: 'admin', displayName: 'Sam Admin' });
    const registeredManager = await signedInStaff(t, organisation.id, { role: 'registered_manager' });
    const created = await call('POST', '/api/api-tokens', admin, {
      name: 'Rostering system',
      role: 'registered_manager',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().awaitingApproval).toBe(true);
    const { token, id } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await call('GET', '/api/people', { headers: bearer })).statusCode).toBe(401);

    const listed = await call('GET', '/api/api-tokens', registeredManager);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id, status: 'awaiting_approval', requestedBy: 'Sam Admin', decidedAt: null }),
    ]);
    // The admin who asked cannot approve it, nor can the token itself.
    const byAdmin = await call('POST', `/api/api-tokens/${id}/approval`, admin);
    expect(byAdmin.statusCode).toBe(403);
    expect((await call('GET', '/api/people', { headers: bearer })).statusCode).toBe(401);

    const approved = await call('POST', `/api/api-tokens/${id}/approval`, registeredManager);
    expect(approved.statusCode).toBe(204);
    expect((await call('GET', '/api/people', { headers: bearer })).statusCode).toBe(200);
    const twice = await call('POST', `/api/api-tokens/${id}/refusal`, registeredManager);
    expect(twice.statusCode).toBe(409);

    const entries = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'outcome'])
      .where('org_id', '=', organisation.id)
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      { action: 'api_token.create', actor_id: admin.userId, outcome: 'success' },
      { action: 'api_token.approve', actor_id: registeredManager.userId, outcome: 'success' },
    ]);
  });

  it('a refused token never works, and only a registered manager, signed in recently, decides', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const staff = Object.fromEntries(
      await Promise.all(
        (['admin', 'manager', 'registered_manager'] as const).map(async (role) => [
          role,
          await signedInStaff(t, organisation.id, { role }),
        ]),
      ),
    ) as Record<'admin' | 'manager' | 'registered_manager', Awaited<ReturnType<typeof signIn>>>;
    const created = await call('POST', '/api/api-tokens', staff.admin, {
      name: 'Reporting',
      role: 'auditor',
    });
    const { token, id } = created.json();
    expect((await call('POST', `/api/api-tokens/${id}/approval`, staff.manager)).statusCode).toBe(403);
    // An API token is no person: a registered manager's own token cannot approve.
    const managerToken = await call('POST', '/api/api-tokens', staff.registered_manager, {
      name: 'Manager’s script',
      role: 'registered_manager',
    });
    expect(managerToken.json().awaitingApproval).toBe(false);
    const byToken = await call('POST', `/api/api-tokens/${id}/approval`, {
      headers: { authorization: `Bearer ${managerToken.json().token}` },
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().code).toBe('person_required');

    const refused = await call('POST', `/api/api-tokens/${id}/refusal`, staff.registered_manager);
    expect(refused.statusCode).toBe(204);
    const approveAfter = await call('POST', `/api/api-tokens/${id}/approval`, staff.registered_manager);
    expect(approveAfter.statusCode).toBe(409);
    expect(
      (await call('GET', '/api/people', { headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(401);
    const listed = await call('GET', '/api/api-tokens', staff.admin);
    expect(listed.json().items.find((item: { id: string }) => item.id === id).status).toBe('refused');
    const [refusal] = await auditEntriesOf(t.db, staff.admin.orgId, {
      action: 'api_token.refuse',
      entityId: id,
    });
    expect(refusal?.actor_id).toBe(staff.registered_manager.userId);
  });

  it('names bad fields, and cannot revoke or approve another organisation’s token', async () => {
    const first = await createTestOrganisation(t.db, t.clock);
    const second = await createTestOrganisation(t.db, t.clock);
    const firstAdmin = await signedInStaff(t, first.id, { role: 'admin' });
    const firstManager = await signedInStaff(t, first.id, { role: 'registered_manager' });
    const secondAdmin = await signedInStaff(t, second.id, { role: 'admin' });
    const bad = await call('POST', '/api/api-tokens', firstAdmin, {
      name: '',
      role: 'superuser',
      expiresAt: 'tomorrow',
      orgId: second.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['expiresAt', 'name', 'orgId', 'role']);
    const past = await call('POST', '/api/api-tokens', firstAdmin, {
      name: 'Old',
      role: 'manager',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].field).toBe('expiresAt');
    expect(
      await t.db.selectFrom('api_tokens').select('id').where('org_id', '=', first.id).execute(),
    ).toHaveLength(0);

    const theirs = await call('POST', '/api/api-tokens', secondAdmin, { name: 'Theirs', role: 'admin' });
    const revoke = await call('DELETE', `/api/api-tokens/${theirs.json().id}`, firstAdmin);
    expect(revoke.statusCode).toBe(404);
    const stillWorks = await call('GET', '/api/organisation', {
      headers: { authorization: `Bearer ${theirs.json().token}` },
    });
    expect(stillWorks.json().id).toBe(second.id);

    const awaiting = await call('POST', '/api/api-tokens', secondAdmin, {
      name: 'Awaiting',
      role: 'care_worker',
    });
    const foreignApproval = await call(
      'POST',
      `/api/api-tokens/${awaiting.json().id}/approval`,
      firstManager,
    );
    expect(foreignApproval.statusCode).toBe(404);
  });

  it('refuses to let an API token create API tokens, with 403 person_required, and audits it', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const admin = await signedInStaff(t, organisation.id, { role: 'admin' });
    const created = await call('POST', '/api/api-tokens', admin, { name: 'Identity system', role: 'admin' });
    expect(created.statusCode).toBe(201);
    const minted = await call(
      'POST',
      '/api/api-tokens',
      { headers: { authorization: `Bearer ${created.json().token}` } },
      { name: 'Made by a token', role: 'admin' },
    );
    expect(minted.statusCode).toBe(403);
    expect(minted.headers['content-type']).toContain('application/problem+json');
    expect(minted.json().code).toBe('person_required');
    expect(
      await t.db.selectFrom('api_tokens').select('name').where('org_id', '=', organisation.id).execute(),
    ).toEqual([{ name: 'Identity system' }]);
    const denial = await t.db
      .selectFrom('audit_events')
      .select(['actor_type', 'outcome'])
      .where('org_id', '=', organisation.id)
      .where('action', '=', 'access.denied')
      .execute();
    expect(denial).toEqual([{ actor_type: 'api_token', outcome: 'denied' }]);
  });

  it('refuses token management to everyone but an admin and the registered manager', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    for (const role of ['care_worker', 'manager', 'auditor'] as const) {
      const user = await createTestUser(t.db, t.clock, organisation.id, { role });
      const { headers } = await signIn(t.app, user.email);
      const response = await call('POST', '/api/api-tokens', { headers }, { name: 'x', role: 'admin' });
      expect(response.statusCode).toBe(403);
    }
    expect(
      await t.db.selectFrom('api_tokens').select('id').where('org_id', '=', organisation.id).execute(),
    ).toHaveLength(0);
  });
});
