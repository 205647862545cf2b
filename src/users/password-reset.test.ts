import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testAppForFile, testBackend } from '../../test/app-for-test.ts';
import {
  addStaffMember,
  createTestOrganisation,
  createTestUser,
  signIn,
  signInAttempt,
  TEST_PASSWORD,
} from '../../test/factories.ts';
import { auditEntriesOf } from '../../test/requests.ts';
import { deliverEmails, mailServerForFile } from '../../test/scenarios.ts';
import { PASSWORD_RESET_REQUESTED } from './password-reset.service.ts';

const mailbox = mailServerForFile();
const t = testAppForFile({
  config: { signInAttemptsPerMinute: 10_000, publicUrl: 'https://liaison.example.org' },
});

const NEW_PASSWORD = 'a quiet river in autumn';

beforeAll(() => {
  t.config.smtp = mailbox.smtp.smtpConfig();
});

function askForLink(
  email: string,
  remoteAddress = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/password-reset-requests',
    payload: { email },
    remoteAddress,
  });
}

/** The emails queued to an address, oldest first. */
function emailsTo(address: string) {
  return t.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('to_address', '=', address)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Waits for the work a request started after its answer: `count` emails queued to the address. */
async function waitForEmailsTo(address: string, count: number) {
  await vi.waitFor(
    async () => {
      expect(await emailsTo(address)).toHaveLength(count);
    },
    { timeout: 10_000, interval: 20 },
  );
  return emailsTo(address);
}

/** Sends what waits in the outbox and answers the token in the link the address was sent last. */
async function tokenEmailedTo(address: string): Promise<string> {
  mailbox.smtp.reset();
  await deliverEmails(t, mailbox.mailer);
  const mail = mailbox.smtp.messages.filter((each) => each.envelope.to.includes(address)).at(-1);
  const match = mail?.parsed.text?.match(/https:\/\/liaison\.example\.org\/reset-password#([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`No link to choose a new password reached ${address}`);
  return match[1];
}

function showAccount(token: string) {
  return t.app.inject({
    method: 'GET',
    url: '/api/password-reset',
    headers: { 'x-password-reset-link': token },
  });
}

function choosePassword(token: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/password-reset',
    headers: { 'x-password-reset-link': token },
    payload: { password },
  });
}

async function staffMember(role: 'registered_manager' | 'care_worker' = 'registered_manager') {
  const organisation = await createTestOrganisation(t.db, t.clock);
  const user = await createTestUser(t.db, t.clock, organisation.id, { role });
  return { organisation, user };
}

describe('choosing a new password through an emailed link', () => {
  it('emails a one-time link; the new password ends every session and signing in still needs the authenticator', async () => {
    const { organisation, user } = await staffMember();
    // They had signed in (setting up an authenticator app) before forgetting their password.
    const session = await signIn(t.app, user.email);

    const asked = await askForLink(user.email.toUpperCase());
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ detail: PASSWORD_RESET_REQUESTED });
    const [queued] = await waitForEmailsTo(user.email, 1);
    // The link's token waits sealed, never in plain text.
    expect(queued?.text_body).toContain('{{secure-link-token}}');
    expect(queued?.link_token_sealed).toBeTruthy();
    expect(queued?.subject).toBe('Choose a new password for Liaison');

    const token = await tokenEmailedTo(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    const [sent] = await emailsTo(user.email);
    expect(sent).toMatchObject({ status: 'sent', text_body: '', link_token_sealed: null });
    const stored = await t.db
      .selectFrom('user_set_up_links')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ purpose: 'password_reset', used_at: null });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]!.expires_at.getTime() - t.clock.now().getTime()).toBe(30 * 60_000);

    const shown = await showAccount(token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ email: user.email, organisationName: organisation.name });

    expect((await choosePassword(token, NEW_PASSWORD)).statusCode).toBe(204);
    // Whoever was signed in with the old password is signed out.
    const afterwards = await t.app.inject({ method: 'GET', url: '/api/session', headers: session.headers });
    expect(afterwards.statusCode).toBe(401);
    expect((await signInAttempt(t.app, user.email, TEST_PASSWORD)).statusCode).toBe(401);
    const signedIn = await signInAttempt(t.app, user.email, NEW_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    // The authenticator app is still the account's: the new password alone does not sign in.
    expect(signedIn.json().signInStep).toBe('second_factor');
    const pending = await t.app.inject({
      method: 'GET',
      url: '/api/people',
      headers: { cookie: `${signedIn.cookies[0]!.name}=${signedIn.cookies[0]!.value}` },
    });
    expect(pending.statusCode).toBe(401);

    // The link works once.
    expect((await choosePassword(token, 'another fine long passphrase')).statusCode).toBe(404);
    expect((await showAccount(token)).statusCode).toBe(404);
    // The owner is told their password changed.
    const notice = (await emailsTo(user.email)).filter((email) => email.status === 'pending');
    expect(notice).toMatchObject([{ subject: 'Your Liaison password has changed', link_token_sealed: null }]);

    const audit = await auditEntriesOf(t.db, organisation.id, { entityId: user.id });
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['user.password_reset_link.issue', 'user.password_reset']),
    );
    const reset = audit.find((entry) => entry.action === 'user.password_reset');
    expect(reset).toMatchObject({ actor_type: 'user', actor_id: user.id, changed_fields: ['password_hash'] });
  });

  it('answers the same whether or not an account has the address, and emails only an account in use', async () => {
    const { organisation, user } = await staffMember('care_worker');
    const disabled = await createTestUser(t.db, t.clock, organisation.id, { role: 'care_worker' });
    await t.db
      .updateTable('users')
      .set({ disabled_at: t.clock.now() })
      .where('id', '=', disabled.id)
      .execute();
    const admin = await signIn(
      t.app,
      (await createTestUser(t.db, t.clock, organisation.id, { role: 'admin' })).email,
    );
    const awaitingSetUp = await addStaffMember(t.app, admin.headers, { role: 'care_worker' });
    const nobody = `nobody-${crypto.randomUUID()}@example.org`;

    const answers = [];
    for (const address of [user.email, disabled.email, awaitingSetUp.email, nobody]) {
      const answer = await askForLink(address);
      answers.push({ status: answer.statusCode, body: answer.body, type: answer.headers['content-type'] });
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]?.status).toBe(202);

    await waitForEmailsTo(user.email, 1);
    // Give the other requests' work the same chance to have queued something: the link for the
    // account in use was queued after it, in the same order.
    await askForLink(user.email);
    await waitForEmailsTo(user.email, 2);
    expect(await emailsTo(disabled.email)).toHaveLength(0);
    expect(await emailsTo(awaitingSetUp.email)).toHaveLength(0);
    expect(await emailsTo(nobody)).toHaveLength(0);
  });

  it('stops working after 30 minutes, and a newer link replaces an older one', async () => {
    const { user } = await staffMember('care_worker');
    await askForLink(user.email);
    await waitForEmailsTo(user.email, 1);
    const first = await tokenEmailedTo(user.email);
    await askForLink(user.email);
    await waitForEmailsTo(user.email, 2);
    const second = await tokenEmailedTo(user.email);
    expect(second).not.toBe(first);
    expect((await showAccount(first)).statusCode).toBe(404);
    expect((await choosePassword(first, NEW_PASSWORD)).statusCode).toBe(404);

    t.clock.advance(30 * 60_000);
    const expired = await choosePassword(second, NEW_PASSWORD);
    expect(expired.statusCode).toBe(404);
    expect(expired.json().detail).toContain('Ask for a new link');
    expect((await signInAttempt(t.app, user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('sends one account at most three links an hour, and records the refusals', async () => {
    const { organisation, user } = await staffMember('care_worker');
    for (let request = 1; request <= 5; request += 1) {
      expect((await askForLink(user.email)).statusCode).toBe(202);
      await vi.waitFor(
        async () =>
          expect(
            (await auditEntriesOf(t.db, organisation.id, { entityId: user.id })).filter((entry) =>
              entry.action.startsWith('user.password_reset_link.'),
            ),
          ).toHaveLength(request),
        { timeout: 10_000, interval: 20 },
      );
    }
    expect(await emailsTo(user.email)).toHaveLength(3);
    const refused = await auditEntriesOf(t.db, organisation.id, {
      action: 'user.password_reset_link.refuse',
    });
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ outcome: 'denied', entity_id: user.id });

    t.clock.advance(61 * 60_000);
    await askForLink(user.email);
    await waitForEmailsTo(user.email, 4);
  });

  it('refuses more than five requests from one address in 15 minutes, whatever the addresses asked about', async () => {
    const from = '10.9.9.9';
    for (let request = 1; request <= 5; request += 1) {
      expect((await askForLink(`someone-${request}@example.org`, from)).statusCode).toBe(202);
    }
    const sixth = await askForLink('someone-6@example.org', from);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBeDefined();
  });

  it('makes no link without a mail server, where it could only wait until it expired', async () => {
    const { organisation, user } = await staffMember('care_worker');
    const mailServer = t.config.smtp;
    t.config.smtp = { ...mailServer, host: undefined };
    try {
      const answer = await askForLink(user.email);
      expect(answer.statusCode).toBe(202);
      expect(answer.json()).toEqual({ detail: PASSWORD_RESET_REQUESTED });
      await vi.waitFor(
        async () =>
          expect(
            await auditEntriesOf(t.db, organisation.id, { action: 'user.password_reset_link.refuse' }),
          ).toMatchObject([
            { entity_id: user.id, details: { reason: expect.stringContaining('No mail server') } },
          ]),
        { timeout: 10_000, interval: 20 },
      );
    } finally {
      t.config.smtp = mailServer;
    }
    expect(await emailsTo(user.email)).toHaveLength(0);
    const links = await t.db
      .selectFrom('user_set_up_links')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(links).toHaveLength(0);
  });

  it('keeps set-up links and links to choose a new password apart', async () => {
    const { organisation, user } = await staffMember('care_worker');
    await askForLink(user.email);
    await waitForEmailsTo(user.email, 1);
    const resetToken = await tokenEmailedTo(user.email);
    const setUp = await t.app.inject({
      method: 'POST',
      url: '/api/account-set-up',
      headers: { 'x-set-up-link': resetToken },
      payload: { password: NEW_PASSWORD },
    });
    expect(setUp.statusCode).toBe(404);

    const admin = await signIn(
      t.app,
      (await createTestUser(t.db, t.clock, organisation.id, { role: 'admin' })).email,
    );
    const added = await addStaffMember(t.app, admin.headers, { role: 'care_worker' });
    expect((await showAccount(added.setUpToken)).statusCode).toBe(404);
    expect((await choosePassword(added.setUpToken, NEW_PASSWORD)).statusCode).toBe(404);
  });

  it('names the field when the input is wrong, and changes nothing', async () => {
    const { user } = await staffMember('care_worker');
    const notAnAddress = await askForLink('not an address');
    expect(notAnAddress.statusCode).toBe(400);
    expect(notAnAddress.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(notAnAddress.json())).toContain('email');
    const unknownField = await t.app.inject({
      method: 'POST',
      url: '/api/password-reset-requests',
      payload: { email: user.email, role: 'admin' },
      remoteAddress: '10.8.8.8',
    });
    expect(unknownField.statusCode).toBe(400);
    expect(JSON.stringify(unknownField.json())).toContain('role');

    await askForLink(user.email);
    await waitForEmailsTo(user.email, 1);
    const token = await tokenEmailedTo(user.email);
    const tooShort = await choosePassword(token, 'short');
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'password' })] });
    // The link still works: nothing was used up by the refusal.
    expect((await showAccount(token)).statusCode).toBe(200);
    const noLink = await t.app.inject({
      method: 'POST',
      url: '/api/password-reset',
      payload: { password: NEW_PASSWORD },
    });
    expect(noLink.statusCode).toBe(400);
    expect(JSON.stringify(noLink.json())).toContain('x-password-reset-link');
  });

  // The embedded database has one connection: no transaction can hold a lock beside the request.
  it.skipIf(testBackend() !== 'postgres')(
    'answers before anything is looked up or written, so the time it takes says nothing about the address',
    async () => {
      const { user } = await staffMember('care_worker');
      let release = () => {};
      let locked = () => {};
      const lockHeld = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // Another transaction holds the links table: no link can be written until it ends.
      const holder = t.db.transaction().execute(async (trx) => {
        await sql`lock table user_set_up_links in exclusive mode`.execute(trx);
        locked();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      await lockHeld;
      // Were the answer to wait for the work, this would never come while the lock is held.
      const answer = await askForLink(user.email);
      expect(answer.statusCode).toBe(202);
      expect(await emailsTo(user.email)).toHaveLength(0);
      release();
      await holder;
      await waitForEmailsTo(user.email, 1);
    },
  );
});
