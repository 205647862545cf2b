import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from './app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  type SignedIn,
  TEST_PASSWORD,
} from './factories.ts';

// Every read of a person's records, every change, share, revocation and export, every sign-in,
// failed sign-in and sign-out, and every refusal leaves an audit entry that says who (user, role,
// organisation), what, when (UTC) and which request (TRUST L1). Besides the named operations,
// every successful write made in this file is checked to have at least one entry carrying its
// request id, so a write that forgets its audit entry fails here.

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-21T09:00:00Z' });
let staff: Record<string, SignedIn & { email: string }>;
let orgId: string;
const writes: { requestId: string; route: string; status: number }[] = [];

beforeAll(async () => {
  ({ staff } = await createStaffedOrganisation(t.app, t.db, t.clock));
  orgId = staff.manager!.orgId;
});

/** Calls the API; every successful write is remembered, to check it was audited. */
async function call(who: SignedIn | null, method: string, url: string, payload?: unknown) {
  const response = await t.app.inject({
    method: method as 'GET',
    url,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  if (method !== 'GET' && response.statusCode < 300) {
    writes.push({
      requestId: String(response.headers['x-request-id']),
      route: `${method} ${url}`,
      status: response.statusCode,
    });
  }
  return response;
}

async function entriesFor(requestId: string) {
  return t.db
    .selectFrom('audit_events')
    .select([
      'org_id',
      'actor_type',
      'actor_id',
      'actor_role',
      'action',
      'entity_type',
      'entity_id',
      'outcome',
      'occurred_at',
      'request_id',
    ])
    .where('request_id', '=', requestId)
    .execute();
}

async function expectAudited(
  response: { headers: Record<string, unknown>; statusCode: number },
  expected: { action: string; who?: SignedIn & { email: string }; role?: string; outcome?: string },
) {
  const requestId = String(response.headers['x-request-id']);
  const entries = await entriesFor(requestId);
  const entry = entries.find((each) => each.action === expected.action);
  expect(
    entry,
    `${expected.action} for request ${requestId} (answered ${response.statusCode})`,
  ).toBeDefined();
  expect(entry!.org_id).toBe(orgId);
  expect(entry!.occurred_at.toISOString()).toBe(t.clock.now().toISOString());
  if (expected.who) {
    expect(entry!.actor_type).toBe('user');
    expect(entry!.actor_id).toBe(expected.who.userId);
  }
  if (expected.role) expect(entry!.actor_role).toBe(expected.role);
  expect(entry!.outcome).toBe(expected.outcome ?? 'success');
  return entry!;
}

describe('audit coverage', () => {
  it('records who, what, when and which request for reads, writes, shares, revocations, exports, sign-ins and refusals', async () => {
    const careWorker = staff.care_worker!;
    const manager = staff.manager!;

    // Signing in, failing to, and signing out.
    const signedIn = await call(null, 'POST', '/api/session', {
      email: careWorker.email,
      password: TEST_PASSWORD,
    });
    expect(signedIn.statusCode).toBe(200);
    await expectAudited(signedIn, { action: 'session.sign_in', role: 'care_worker' });
    const failed = await call(null, 'POST', '/api/session', {
      email: careWorker.email,
      password: 'not the password at all',
    });
    expect(failed.statusCode).toBe(401);
    await expectAudited(failed, { action: 'session.sign_in', outcome: 'failed' });
    const session = { cookie: signedIn.cookies[0]!.value, csrf: signedIn.json().csrfToken as string };
    const signedOut = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: `${signedIn.cookies[0]!.name}=${session.cookie}`, 'x-csrf-token': session.csrf },
    });
    expect(signedOut.statusCode).toBeLessThan(300);
    await expectAudited(signedOut, { action: 'session.sign_out', role: 'care_worker' });

    // Writing and reading a person's record.
    const created = await call(careWorker, 'POST', '/api/people', {
      givenName: 'Audit',
      familyName: 'Subject',
      dateOfBirth: '1950-03-01',
      address: '4 High Street, Exampleton',
      postcode: 'EX1 1AA',
    });
    expect(created.statusCode).toBe(201);
    const personId = created.json().id as string;
    await expectAudited(created, { action: 'person.create', who: careWorker, role: 'care_worker' });
    const viewed = await call(staff.auditor!, 'GET', `/api/people/${personId}`);
    expect(viewed.statusCode).toBe(200);
    await expectAudited(viewed, { action: 'person.view', who: staff.auditor, role: 'auditor' });
    const records = await call(careWorker, 'GET', `/api/people/${personId}/sharing-records`);
    expect(records.statusCode).toBe(200);
    await expectAudited(records, { action: 'sharing_records.view', who: careWorker });

    // Sharing, and revoking what a share rests on.
    const partner = await createTestPartnerOrganisation(t.db, t.clock, orgId);
    const contact = await createTestPartnerContact(t.db, t.clock, orgId, partner.id);
    const consent = await call(careWorker, 'POST', `/api/people/${personId}/consents`, {
      givenBy: 'person',
      partnerOrganisationIds: [partner.id],
      purposes: ['care_coordination'],
      categories: ['identity', 'health'],
      recordedHow: 'verbal',
      givenOn: '2026-11-21',
      reviewOn: '2027-11-21',
    });
    await expectAudited(consent, { action: 'consent.record', who: careWorker });
    const shared = await call(careWorker, 'POST', `/api/people/${personId}/shares`, {
      partnerOrganisationId: partner.id,
      purpose: 'care_coordination',
      categories: ['health'],
      description: 'Phoned the GP',
    });
    expect(shared.statusCode).toBe(201);
    await expectAudited(shared, { action: 'share.allowed', who: careWorker });
    const message = await call(careWorker, 'POST', '/api/messages', {
      template: 'update',
      urgency: 'routine',
      partnerOrganisationId: partner.id,
      partnerContactId: contact.id,
      personId,
      purpose: 'care_coordination',
      categories: ['identity', 'health'],
      subject: 'Visit times',
      summary: 'From Monday 30 November her visits move to 10am.',
    });
    expect(message.statusCode).toBe(201);
    await expectAudited(message, { action: 'partner_message.send', who: careWorker });
    const withdrawn = await call(
      careWorker,
      'POST',
      `/api/people/${personId}/consents/${consent.json().id}/withdraw`,
      {
        withdrawnBy: 'person',
      },
    );
    await expectAudited(withdrawn, { action: 'consent.withdraw', who: careWorker });
    const linkRevoked = await call(
      careWorker,
      'POST',
      `/api/messages/${message.json().id}/links/${message.json().links[0].id}/revoke`,
      {
        reason: 'Sent in error',
      },
    );
    await expectAudited(linkRevoked, { action: 'partner_link.revoke', who: careWorker });

    // Exports.
    const exported = await call(manager, 'GET', `/api/people/${personId}/shares/export`);
    expect(exported.statusCode).toBe(200);
    await expectAudited(exported, { action: 'share_log.export', who: manager, role: 'manager' });

    // Refusals.
    const refused = await call(staff.admin!, 'GET', `/api/people/${personId}`);
    expect(refused.statusCode).toBe(403);
    await expectAudited(refused, {
      action: 'access.denied',
      who: staff.admin,
      role: 'admin',
      outcome: 'denied',
    });

    // Every successful write in this test left an entry with its request id.
    expect(writes.length).toBeGreaterThanOrEqual(7);
    for (const write of writes) {
      const entries = await entriesFor(write.requestId);
      expect({ route: write.route, audited: entries.length > 0 }).toEqual({
        route: write.route,
        audited: true,
      });
    }
  });
});
