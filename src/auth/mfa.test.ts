import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  cookieFrom,
  createTestOrganisation,
  createTestPerson,
  createTestUser,
  rememberedAuthenticator,
  type SignedIn,
  signIn,
  signInAttempt,
  TEST_PASSWORD,
  totpCodeForStep,
} from '../../test/factories.ts';
import { auditEntriesOf, requestAs, type StaffRequest } from '../../test/requests.ts';
import { signedInStaff } from '../../test/scenarios.ts';
import type { StaffRole } from '../users/users.table.ts';
import { timeStepAt } from './totp.ts';

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 } });
const call = (...request: StaffRequest) => requestAs(t.app, ...request);

type Headers = SignedIn['headers'];

async function passwordOnly(email: string): Promise<Headers> {
  const response = await signInAttempt(t.app, email, TEST_PASSWORD);
  expect(response.statusCode).toBe(200);
  return { cookie: cookieFrom(response), 'x-csrf-token': response.json().csrfToken };
}

function post(url: string, headers: Headers, payload: unknown = {}) {
  return call('POST', url, { headers }, payload);
}

async function newUser(role: StaffRole = 'manager') {
  const organisation = await createTestOrganisation(t.db, t.clock);
  const user = await createTestUser(t.db, t.clock, organisation.id, { role });
  return { organisation, user };
}

const currentStep = () => timeStepAt(t.clock.now());

async function auditActions(userId: string) {
  const rows = await t.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'details', 'changed_fields'])
    .where((eb) => eb.or([eb('entity_id', '=', userId), eb('actor_id', '=', userId)]))
    .orderBy('id')
    .execute();
  return rows;
}

describe('setting up an authenticator at first sign-in', () => {
  it('keeps a manager’s session MFA-pending until a code confirms a new authenticator, then replaces the session', async () => {
    const { user } = await newUser('manager');
    const signedIn = await signInAttempt(t.app, user.email, TEST_PASSWORD);
    expect(signedIn.json().signInStep).toBe('enrolment');
    const pending = { cookie: cookieFrom(signedIn), 'x-csrf-token': signedIn.json().csrfToken };

    const organisation = await call('GET', '/api/organisation', { headers: pending });
    expect(organisation.statusCode).toBe(401);
    expect(organisation.headers['content-type']).toContain('application/problem+json');
    expect(organisation.json()).toMatchObject({ code: 'mfa_required', signInStep: 'enrolment' });
    expect((await call('GET', '/api/session', { headers: pending })).json().signInStep).toBe('enrolment');
    // A pending session cannot re-authenticate its way past the second factor.
    const sneaky = await post('/api/session/reauthentication', pending, { password: TEST_PASSWORD });
    expect(sneaky.statusCode).toBe(401);

    const started = await post('/api/account/mfa/enrolment', pending);
    expect(started.statusCode).toBe(201);
    const { secret, otpauthUri, qrCodeDataUrl } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Liaison:/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(Buffer.from(qrCodeDataUrl.split(',')[1], 'base64').toString('utf8')).toContain('<svg');
    // Only ciphertext is stored.
    const stored = await t.db
      .selectFrom('mfa_credentials')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_ciphertext).not.toContain(secret);
    expect(stored.confirmed_at).toBeNull();

    // Unknown fields and a wrong code are refused, naming the field.
    const extra = await post('/api/account/mfa/enrolment/confirm', pending, { code: '123456', secret });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors.map((error: { field: string }) => error.field)).toContain('secret');
    const step = currentStep();
    const wrong = await post('/api/account/mfa/enrolment/confirm', pending, {
      code: await totpCodeForStep(secret, step + 3),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('code');

    const confirmed = await post('/api/account/mfa/enrolment/confirm', pending, {
      code: await totpCodeForStep(secret, step),
    });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes, signInStep, csrfToken } = confirmed.json();
    expect(signInStep).toBe('complete');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // The session id changed (S1): the old cookie is dead, the new one works.
    const full = { cookie: cookieFrom(confirmed), 'x-csrf-token': csrfToken };
    expect(full.cookie).not.toBe(pending.cookie);
    expect((await call('GET', '/api/session', { headers: pending })).statusCode).toBe(401);
    expect((await call('GET', '/api/organisation', { headers: full })).statusCode).toBe(200);

    const status = await call('GET', '/api/account/mfa', { headers: full });
    expect(status.json()).toMatchObject({
      enabled: true,
      required: true,
      recoveryCodesLeft: 10,
      canTurnOff: false,
    });

    // Audit entries name what happened, never the secret or a code.
    const entries = await auditActions(user.id);
    expect(entries.map((entry) => `${entry.action} ${entry.outcome}`)).toEqual([
      'session.sign_in success',
      'access.denied denied',
      'access.denied denied',
      'mfa.enrolment_start success',
      'mfa.enable failed',
      'mfa.enable success',
    ]);
    const recorded = JSON.stringify(
      await t.db.selectFrom('audit_events').selectAll().where('actor_id', '=', user.id).execute(),
    );
    expect(recorded).not.toContain(secret);
    for (const code of recoveryCodes) expect(recorded).not.toContain(code);
    const codeHashes = await t.db
      .selectFrom('mfa_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(codeHashes).toHaveLength(10);
    for (const { code_hash } of codeHashes) expect(recoveryCodes.join()).not.toContain(code_hash);
  });
});

describe('codes are never accepted twice', () => {
  it('refuses the code already used, accepts the next step’s, and refuses codes outside ±1 step', async () => {
    const { user } = await newUser('registered_manager');
    await signIn(t.app, user.email); // sets up the authenticator with the current step's code
    const { secret } = rememberedAuthenticator(t.app, user.email)!;
    const step = currentStep();

    const pending = await passwordOnly(user.email);
    const replay = await post('/api/session/second-factor', pending, {
      code: await totpCodeForStep(secret, step),
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().errors[0].field).toBe('code');
    const tooFar = await post('/api/session/second-factor', pending, {
      code: await totpCodeForStep(secret, step + 2),
    });
    expect(tooFar.statusCode).toBe(400);

    const next = await totpCodeForStep(secret, step + 1);
    const accepted = await post('/api/session/second-factor', pending, { code: next });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().signInStep).toBe('complete');

    // The same code in a second sign-in, and the previous step's, are refused.
    const again = await passwordOnly(user.email);
    expect((await post('/api/session/second-factor', again, { code: next })).statusCode).toBe(400);
    expect(
      (await post('/api/session/second-factor', again, { code: await totpCodeForStep(secret, step) }))
        .statusCode,
    ).toBe(400);
    // A minute later, the code of that moment is accepted.
    t.clock.advance(60_000);
    expect(
      (
        await post('/api/session/second-factor', again, {
          code: await totpCodeForStep(secret, currentStep()),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('accepts each recovery code once, and audits its use', async () => {
    const { user } = await newUser('admin');
    await signIn(t.app, user.email);
    const [first, second] = rememberedAuthenticator(t.app, user.email)!.recoveryCodes;

    const pending = await passwordOnly(user.email);
    const used = await post('/api/session/second-factor', pending, { recoveryCode: first!.toLowerCase() });
    expect(used.statusCode).toBe(200);
    const headers = { cookie: cookieFrom(used), 'x-csrf-token': used.json().csrfToken };
    expect((await call('GET', '/api/account/mfa', { headers })).json().recoveryCodesLeft).toBe(9);

    const again = await passwordOnly(user.email);
    const reused = await post('/api/session/second-factor', again, { recoveryCode: first });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0].field).toBe('recoveryCode');
    expect((await post('/api/session/second-factor', again, { recoveryCode: second })).statusCode).toBe(200);

    const uses = (await auditActions(user.id)).filter((entry) => entry.action === 'mfa.recovery_code_use');
    expect(uses.map((entry) => entry.details)).toEqual([
      { recovery_codes_left: 9 },
      { recovery_codes_left: 8 },
    ]);
    // Both a code and a recovery code, or neither: refused.
    const both = await post('/api/session/second-factor', await passwordOnly(user.email), {
      code: '123456',
      recoveryCode: second,
    });
    expect(both.statusCode).toBe(400);
  });

  it('makes an account wait after repeated wrong codes, even for the right code (429 with Retry-After)', async () => {
    const { user } = await newUser('manager');
    await signIn(t.app, user.email);
    const { secret } = rememberedAuthenticator(t.app, user.email)!;
    const pending = await passwordOnly(user.email);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await post('/api/session/second-factor', pending, { code: '000000' })).statusCode).toBe(400);
    }
    // The next step's code: right, and not a replay of the one used to set the authenticator up.
    const right = await totpCodeForStep(secret, currentStep() + 1);
    const throttled = await post('/api/session/second-factor', pending, { code: right });
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.headers['content-type']).toContain('application/problem+json');
    // Signing in with the password again does not clear the count.
    const another = await passwordOnly(user.email);
    expect((await post('/api/session/second-factor', another, { code: right })).statusCode).toBe(429);

    t.clock.advance(31_000);
    const afterWait = await post('/api/session/second-factor', another, {
      code: await totpCodeForStep(secret, currentStep()),
    });
    expect(afterWait.statusCode).toBe(200);
  });
});

describe('fresh re-authentication', () => {
  async function setUp() {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id, { role: 'manager' });
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const signedIn = await signIn(t.app, user.email);
    return { organisation, user, person, signedIn };
  }
  const authorisation = {
    partnerTypes: ['gp'],
    categories: ['identity'],
    rationale: 'Immediate risk of serious harm; the GP must know to protect her today.',
  };

  it('refuses a safeguarding authorisation and a share-log export after 5 minutes, until the password and code are confirmed', async () => {
    const { user, person, signedIn } = await setUp();
    const exportUrl = `/api/people/${person.id}/shares/export`;
    const authorisationUrl = `/api/people/${person.id}/safeguarding-authorisations`;
    // Just signed in: fresh.
    expect((await call('GET', exportUrl, signedIn)).statusCode).toBe(200);

    t.clock.advance(t.config.reauthenticationMs + 1_000);
    const stale = await post(authorisationUrl, signedIn.headers, authorisation);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauthentication_required');
    const staleExport = await call('GET', exportUrl, signedIn);
    expect(staleExport.statusCode).toBe(403);
    expect(staleExport.json().code).toBe('reauthentication_required');
    expect(
      await t.db
        .selectFrom('safeguarding_authorisations')
        .select('id')
        .where('person_id', '=', person.id)
        .execute(),
    ).toHaveLength(0);

    // The password alone is not enough for someone with an authenticator; a wrong password is refused.
    const noCode = await post('/api/session/reauthentication', signedIn.headers, { password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().errors[0].field).toBe('code');
    const wrongPassword = await post('/api/session/reauthentication', signedIn.headers, {
      password: 'not the password',
      code: '000000',
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().errors[0].field).toBe('password');

    const { secret } = rememberedAuthenticator(t.app, user.email)!;
    const reauthenticated = await post('/api/session/reauthentication', signedIn.headers, {
      password: TEST_PASSWORD,
      code: await totpCodeForStep(secret, currentStep()),
    });
    expect(reauthenticated.statusCode).toBe(200);
    const fresh = { cookie: cookieFrom(reauthenticated), 'x-csrf-token': reauthenticated.json().csrfToken };
    expect(fresh.cookie).not.toBe(signedIn.headers.cookie);
    expect((await call('GET', '/api/session', signedIn)).statusCode).toBe(401);

    expect((await post(authorisationUrl, fresh, authorisation)).statusCode).toBe(201);
    expect((await call('GET', exportUrl, { headers: fresh })).statusCode).toBe(200);
    const actions = (await auditActions(user.id)).map((entry) => `${entry.action} ${entry.outcome}`);
    expect(actions).toContain('session.reauthenticate failed');
    expect(actions).toContain('session.reauthenticate success');
  });

  it('refuses API tokens on routes that need a person who has just re-authenticated', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const registeredManager = await signedInStaff(t, organisation.id, { role: 'registered_manager' });
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const created = await post('/api/api-tokens', registeredManager.headers, {
      name: 'Records system',
      role: 'manager',
    });
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const exported = await call('GET', `/api/people/${person.id}/shares/export`, { headers: bearer });
    expect(exported.statusCode).toBe(403);
    expect(exported.json().code).toBe('person_required');
    const authorised = await call(
      'POST',
      `/api/people/${person.id}/safeguarding-authorisations`,
      { headers: bearer },
      authorisation,
    );
    expect(authorised.statusCode).toBe(403);
    expect(authorised.json().code).toBe('person_required');
  });

  it('needs it to make new recovery codes, and the old ones stop working', async () => {
    const { user, signedIn } = await setUp();
    const { recoveryCodes } = rememberedAuthenticator(t.app, user.email)!;
    t.clock.advance(t.config.reauthenticationMs + 1_000);
    const stale = await post('/api/account/mfa/recovery-codes', signedIn.headers);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauthentication_required');

    const reauthenticated = await post('/api/session/reauthentication', signedIn.headers, {
      password: TEST_PASSWORD,
      recoveryCode: recoveryCodes[0],
    });
    expect(reauthenticated.statusCode).toBe(200);
    const fresh = { cookie: cookieFrom(reauthenticated), 'x-csrf-token': reauthenticated.json().csrfToken };
    const renewed = await post('/api/account/mfa/recovery-codes', fresh);
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().recoveryCodes).toHaveLength(10);

    const pending = await passwordOnly(user.email);
    expect(
      (await post('/api/session/second-factor', pending, { recoveryCode: recoveryCodes[1] })).statusCode,
    ).toBe(400);
    expect(
      (await post('/api/session/second-factor', pending, { recoveryCode: renewed.json().recoveryCodes[0] }))
        .statusCode,
    ).toBe(200);
  });
});

describe('turning a second factor off, and an administrator’s reset', () => {
  it('lets a care worker who chose an authenticator turn it off, but not a manager', async () => {
    const { organisation, user } = await newUser('care_worker');
    const careWorker = await signIn(t.app, user.email);
    expect((await post('/api/account/mfa/enrolment', careWorker.headers)).statusCode).toBe(201);
    const pending = await call('GET', '/api/account/mfa', careWorker);
    expect(pending.json()).toMatchObject({ enabled: false, required: false });

    const manager = await signedInStaff(t, organisation.id, { role: 'manager' });
    const refused = await call('DELETE', '/api/account/mfa', manager);
    expect(refused.statusCode).toBe(409);
    expect((await call('GET', '/api/account/mfa', manager)).json().enabled).toBe(true);
  });

  it('lets an admin reset a manager’s authenticator: their sessions end and they set up a new one', async () => {
    const { organisation, user } = await newUser('manager');
    const manager = await signIn(t.app, user.email);
    const admin = await signedInStaff(t, organisation.id, { role: 'admin' });

    t.clock.advance(t.config.reauthenticationMs + 1_000);
    const stale = await call('DELETE', `/api/users/${user.id}/mfa`, admin);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauthentication_required');

    const adminUser = await t.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', admin.userId)
      .executeTakeFirstOrThrow();
    const fresh = await post('/api/session/reauthentication', admin.headers, {
      password: TEST_PASSWORD,
      recoveryCode: rememberedAuthenticator(t.app, adminUser.email)!.recoveryCodes.shift(),
    });
    expect(fresh.statusCode).toBe(200);
    const adminHeaders = { cookie: cookieFrom(fresh), 'x-csrf-token': fresh.json().csrfToken };
    const reset = await call('DELETE', `/api/users/${user.id}/mfa`, { headers: adminHeaders });
    expect(reset.statusCode).toBe(204);

    expect((await call('GET', '/api/session', manager)).statusCode).toBe(401);
    const again = await signInAttempt(t.app, user.email, TEST_PASSWORD);
    expect(again.json().signInStep).toBe('enrolment');
    const entry = (await auditActions(user.id)).find((row) => row.action === 'mfa.reset');
    expect(entry).toMatchObject({ outcome: 'success', details: { had_mfa: true } });

    // Another organisation's user: not found.
    const stranger = await newUser('manager');
    const foreign = await call('DELETE', `/api/users/${stranger.user.id}/mfa`, { headers: adminHeaders });
    expect(foreign.statusCode).toBe(404);
  });

  it('lets a registered manager require a second factor of care workers too, from their next request', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const careWorkerUser = await createTestUser(t.db, t.clock, organisation.id, { role: 'care_worker' });
    const careWorker = await signIn(t.app, careWorkerUser.email);
    const registeredManager = await signedInStaff(t, organisation.id, { role: 'registered_manager' });
    const current = await call('GET', '/api/organisation', registeredManager);
    const changed = await call(
      'PATCH',
      '/api/organisation',
      { headers: { ...registeredManager.headers, 'if-match': current.headers.etag as string } },
      { mfaAlsoRequiredFor: ['care_worker'] },
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json().mfaAlsoRequiredFor).toEqual(['care_worker']);
    const [audit] = await auditEntriesOf(t.db, organisation.id, { action: 'organisation.update' });
    expect(audit?.changed_fields).toEqual(['mfa_also_required_for']);

    const next = await call('GET', '/api/organisation', careWorker);
    expect(next.statusCode).toBe(401);
    expect(next.json().code).toBe('mfa_required');
    // The helper sets one up, as the care worker would.
    const again = await signIn(t.app, careWorkerUser.email);
    expect((await call('GET', '/api/organisation', again)).statusCode).toBe(200);

    const bad = await call(
      'PATCH',
      '/api/organisation',
      { headers: { ...registeredManager.headers, 'if-match': changed.headers.etag as string } },
      { mfaAlsoRequiredFor: ['manager'] },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^mfaAlsoRequiredFor/);
  });
});
