import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bodyToSend } from '../src/outbox/outbox.service.ts';
import { testAppForFile } from './app-for-test.ts';
import type { SignedIn } from './factories.ts';
import { type Staff, sentMessage, staffedOrganisation } from './scenarios.ts';

// Logs and the audit trail hold no personal details, passwords, tokens or secrets, and a value a
// caller controls cannot forge a log line (TRUST L3). Canary strings go in through every kind of
// input (names, free text, searches, passwords, set-up, password reset and partner link tokens, an authenticator secret) with
// the logger at its most detailed; none may come out in the log or in any audit entry.

const canaries = {
  name: 'Quillfeather',
  givenName: 'Zanzibar',
  note: 'canary-note-91c4',
  search: 'Quillfeath',
  password: 'Canary-Password-7f3a9-long',
  summary: 'canary-summary-d20e',
  reason: 'canary-reason-55ab',
};

let logged = '';
/** Everything the app logs, at every level. */
const sink = new Writable({
  write(chunk, _encoding, done) {
    logged += chunk.toString();
    done();
  },
});
const t = testAppForFile({
  config: { signInAttemptsPerMinute: 10_000, logLevel: 'trace' },
  logger: { level: 'trace', stream: sink },
});
let staff: Staff;

beforeAll(async () => {
  ({ staff } = await staffedOrganisation(t));
});

async function call(
  who: SignedIn | null,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(who?.headers ?? {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

describe('logs and the audit trail', () => {
  it('carry none of the personal details, passwords, tokens or secrets that went in', async () => {
    const manager = staff.manager;
    const admin = staff.admin;
    const person = await call(staff.care_worker, 'POST', '/api/people', {
      givenName: canaries.givenName,
      familyName: canaries.name,
      communicationNeeds: canaries.note,
      dateOfBirth: '1950-03-01',
      address: `4 ${canaries.name} Street, Exampleton`,
      postcode: 'EX1 1AA',
    });
    expect(person.statusCode).toBe(201);
    await call(staff.care_worker, 'GET', `/api/people?q=${canaries.search}`);
    await call(staff.care_worker, 'GET', `/api/people/${person.json().id}`);
    await call(null, 'POST', '/api/session', { email: manager.email, password: canaries.password });
    const user = await call(admin, 'POST', '/api/users', {
      email: 'canary.user@example.org',
      displayName: `${canaries.givenName} Staff`,
      role: 'care_worker',
    });
    expect(user.statusCode).toBe(201);
    const setUpToken = (user.json().setUpLink.url as string).split('#')[1]!;
    await call(null, 'GET', '/api/account-set-up', undefined, { 'x-set-up-link': setUpToken });
    const setUp = await call(
      null,
      'POST',
      '/api/account-set-up',
      { password: canaries.password },
      { 'x-set-up-link': setUpToken },
    );
    expect(setUp.statusCode).toBe(204);
    await call(null, 'POST', '/api/session', {
      email: 'canary.user@example.org',
      password: canaries.password,
    });
    // Forgotten: a link to choose a new password, emailed, then used. A link is made only where a
    // mail server is set up; nothing here sends it.
    t.config.smtp = { ...t.config.smtp, host: '127.0.0.1' };
    await call(null, 'POST', '/api/password-reset-requests', { email: 'canary.user@example.org' });
    const resetEmail = await vi.waitUntil(
      () =>
        t.db
          .selectFrom('email_outbox')
          .selectAll()
          .where('to_address', '=', 'canary.user@example.org')
          .executeTakeFirst(),
      { timeout: 10_000, interval: 20 },
    );
    const resetToken = /reset-password#([A-Za-z0-9_-]+)/.exec(
      bodyToSend(resetEmail, t.config.mfaKeyFile),
    )![1]!;
    await call(null, 'GET', '/api/password-reset', undefined, { 'x-password-reset-link': resetToken });
    const reset = await call(
      null,
      'POST',
      '/api/password-reset',
      { password: `${canaries.password}-new` },
      { 'x-password-reset-link': resetToken },
    );
    expect(reset.statusCode).toBe(204);
    const token = await call(staff.registered_manager, 'POST', '/api/api-tokens', {
      name: 'Rota',
      role: 'care_worker',
    });
    const apiToken = token.json().token as string;
    await call(null, 'GET', '/api/people', undefined, { authorization: `Bearer ${apiToken}` });
    await call(null, 'GET', '/api/people', undefined, { authorization: `Bearer ${apiToken}x` });
    const enrolment = await call(staff.care_worker, 'POST', '/api/account/mfa/enrolment');
    const secret = enrolment.statusCode === 201 ? (enrolment.json().secret as string) : null;

    const message = await sentMessage(t, manager, {
      partner: { type: 'gp' },
      subject: 'Visiting',
      summary: `Since 9am today: ${canaries.summary}`,
    });
    const linkToken = message.token;
    await call(null, 'GET', '/api/partner/message', undefined, { 'x-partner-link': linkToken });
    await call(
      null,
      'POST',
      '/api/partner/message/acknowledge',
      { name: canaries.givenName },
      { 'x-partner-link': linkToken },
    );
    await call(manager, 'POST', `/api/messages/${message.id}/withdraw`, { reason: canaries.reason });
    // A caller's attempt to forge a log line through the address.
    await call(staff.care_worker, 'GET', `/api/people?q=x%0D%0A%7B%22level%22%3A60%7D`);

    const secrets = [
      ...Object.values(canaries),
      apiToken,
      linkToken,
      setUpToken,
      resetToken,
      ...(secret ? [secret] : []),
    ];
    const lines = logged.split('\n').filter((line) => line.length > 0);
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 60)).toEqual([]);
    for (const value of secrets) {
      expect({ value, inLog: logged.toLowerCase().includes(value.toLowerCase()) }).toEqual({
        value,
        inLog: false,
      });
    }

    const audit = await t.db.selectFrom('audit_events').selectAll().execute();
    const written = JSON.stringify(audit).toLowerCase();
    for (const value of secrets) {
      expect({ value, inAudit: written.includes(value.toLowerCase()) }).toEqual({ value, inAudit: false });
    }
  });
});
