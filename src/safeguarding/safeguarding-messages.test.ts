import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
  type SignedIn,
} from '../../test/factories.ts';
import type { StaffRole } from '../users/users.table.ts';

// Safeguarding correspondence is need-to-know. Threshold advice and section 42 referrals are sent
// as partner messages; a care worker, who sees only the need-to-know summary of a concern, must not
// read them through the messages either: not in the list, not by id, not by acting on them. The
// member of staff who sent a safeguarding message still reads their own.

let t: TestApp;
let staff: Record<StaffRole, SignedIn>;
let adviceMessageId: string;
let concernId: string;
let personId: string;
let ownMessageId: string;

async function call(who: SignedIn, method: string, url: string, payload?: unknown, headers = {}) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...who.headers, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function ok(who: SignedIn, method: string, url: string, payload?: unknown, status = 200) {
  const response = await call(who, method, url, payload);
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-23T09:00:00Z');
  const created = await createStaffedOrganisation(t.app, t.db, t.clock);
  staff = created.staff;
  const orgId = created.organisation.id;
  const hub = await createTestPartnerOrganisation(t.db, t.clock, orgId, {
    name: 'Exampleton Adult Safeguarding Hub',
    type: 'safeguarding_team',
  });
  const duty = await createTestPartnerContact(t.db, t.clock, orgId, hub.id, {
    name: 'Sam Duty',
    type: 'safeguarding_team',
    email: 'mash@example.gov.uk',
  });
  const saved = await call(
    staff.registered_manager,
    'PUT',
    '/api/safeguarding/settings',
    { decisionWorkingDays: 2, safeguardingLinkContactId: duty.id },
    { 'if-match': '"1"' },
  );
  expect(saved.statusCode, saved.body).toBe(200);

  const person = await createTestPerson(t.db, t.clock, orgId);
  await ok(
    staff.manager,
    'POST',
    `/api/people/${person.id}/safeguarding-authorisations`,
    {
      partnerOrganisationIds: [hub.id],
      categories: ['identity', 'safeguarding', 'risk'],
      rationale: 'Risk of abuse; asking for consent could increase the risk.',
    },
    201,
  );
  const concern = await ok(
    staff.care_worker,
    'POST',
    '/api/safeguarding/concerns',
    {
      personId: person.id,
      occurredAt: '2026-11-23T08:00:00Z',
      whatHappened: 'A household member would not let staff see the person alone.',
      category: 'domestic_abuse',
      locationOfRisk: 'own_home',
      sourceKind: 'known_to_individual',
      immediateActions: 'Visit finished with a second member of staff.',
      level: 'high',
    },
    201,
  );
  const advice = await ok(
    staff.manager,
    'POST',
    `/api/safeguarding/concerns/${concern.id}/advice-requests`,
    {
      urgency: 'routine',
      subject: 'Threshold advice: possible domestic abuse',
      summary: 'On Monday 23 November a household member would not let staff see the person alone.',
      impact: 'The person may be at risk of harm at home.',
      mitigations: 'Two staff at each visit.',
      question: 'Is the threshold for a section 42 enquiry met?',
      deadline: '2026-11-24T17:00:00Z',
      categories: ['safeguarding', 'risk'],
    },
    201,
  );
  adviceMessageId = advice.messageId;
  concernId = concern.id;
  personId = person.id;

  // A care worker's own safeguarding message, sent from the messages page.
  const own = await ok(
    staff.care_worker,
    'POST',
    '/api/messages',
    {
      template: 'safeguarding',
      askType: 'advice',
      urgency: 'routine',
      partnerOrganisationId: hub.id,
      partnerContactId: duty.id,
      personId: person.id,
      purpose: 'safeguarding',
      categories: ['identity', 'safeguarding'],
      subject: 'Advice on a visit today',
      summary: 'On Monday 23 November the person seemed frightened when a visitor arrived.',
      impact: 'The person may be at risk of harm at home.',
      mitigations: 'The manager has been told.',
      ask: 'Please advise whether to raise a concern.',
      deadline: '2026-11-25T17:00:00Z',
    },
    201,
  );
  ownMessageId = own.id;
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('safeguarding messages are need-to-know', () => {
  it('a care worker does not see a manager’s safeguarding advice request in the list', async () => {
    const listed = await ok(staff.care_worker, 'GET', '/api/messages?view=all');
    const ids = listed.items.map((item: { id: string }) => item.id);
    expect(ids).not.toContain(adviceMessageId);
    expect(ids).toContain(ownMessageId);
  });

  it('a care worker is told it does not exist when they ask for it or act on it', async () => {
    expect((await call(staff.care_worker, 'GET', `/api/messages/${adviceMessageId}`)).statusCode).toBe(404);
    const close = await call(staff.care_worker, 'POST', `/api/messages/${adviceMessageId}/close`, {
      note: 'Not needed any more.',
    });
    expect(close.statusCode).toBe(404);
    const withdraw = await call(staff.care_worker, 'POST', `/api/messages/${adviceMessageId}/withdraw`, {
      reason: 'Sent by mistake.',
    });
    expect(withdraw.statusCode).toBe(404);
    const link = await call(staff.care_worker, 'POST', `/api/messages/${adviceMessageId}/links`);
    expect(link.statusCode).toBe(404);
    // The manager's request is untouched.
    const read = await ok(staff.manager, 'GET', `/api/messages/${adviceMessageId}`);
    expect(read.status).toBe('sent');
  });

  it('the member of staff who sent a safeguarding message reads their own', async () => {
    const own = await ok(staff.care_worker, 'GET', `/api/messages/${ownMessageId}`);
    expect(own.subject).toBe('Advice on a visit today');
  });

  it('managers, the registered manager and the auditor read every safeguarding message', async () => {
    for (const role of ['manager', 'registered_manager', 'auditor'] as const) {
      const listed = await ok(staff[role], 'GET', '/api/messages?view=all');
      const ids = listed.items.map((item: { id: string }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([adviceMessageId, ownMessageId]));
      const read = await ok(staff[role], 'GET', `/api/messages/${adviceMessageId}`);
      expect(read.subject).toBe('Threshold advice: possible domestic abuse');
    }
  });

  it('a message sent from a concern leads back to it; one sent from the messages page does not', async () => {
    const advice = await ok(staff.manager, 'GET', `/api/messages/${adviceMessageId}`);
    expect(advice.sentFrom).toEqual({
      type: 'concern',
      title: 'Safeguarding concern: domestic abuse',
      webPath: `/safeguarding/concerns/${concernId}`,
    });
    const own = await ok(staff.manager, 'GET', `/api/messages/${ownMessageId}`);
    expect(own.sentFrom).toBeNull();
  });

  it('advice given on the phone in answer, and the request to confirm it in writing, are as need-to-know', async () => {
    await ok(staff.manager, 'POST', `/api/safeguarding/concerns/${concernId}/advice`, {
      messageId: adviceMessageId,
      adviserName: 'Sam Duty',
      guidanceApplied: 'Exampleton threshold guidance, domestic abuse section',
      advice: 'Threshold met: refer under section 42 today.',
      howApplied: 'Referral prepared the same day.',
      givenAt: '2026-11-23T09:00:00Z',
      receivedHow: 'phone',
    });
    const managersAdvice = await ok(staff.manager, 'GET', `/api/people/${personId}/advice`);
    const advice = managersAdvice.items.find(
      (item: { advice: string }) => item.advice === 'Threshold met: refer under section 42 today.',
    );
    expect(advice).toBeDefined();
    const confirmationId = advice.confirmationMessageId as string;
    expect(confirmationId).toEqual(expect.any(String));
    const confirmation = await ok(staff.manager, 'GET', `/api/messages/${confirmationId}`);
    expect(confirmation.template).toBe('safeguarding');

    // The care worker sees neither the advice nor the request to confirm it, by list or by id.
    const workersAdvice = await ok(staff.care_worker, 'GET', `/api/people/${personId}/advice`);
    expect(workersAdvice.items.map((item: { id: string }) => item.id)).not.toContain(advice.id);
    expect((await call(staff.care_worker, 'GET', `/api/advice/${advice.id}`)).statusCode).toBe(404);
    const waiting = await ok(staff.care_worker, 'GET', '/api/advice/awaiting-confirmation');
    expect(waiting.items.map((item: { id: string }) => item.id)).not.toContain(advice.id);
    const confirm = await call(staff.care_worker, 'POST', `/api/advice/${advice.id}/confirmation`, {
      how: 'letter',
    });
    expect(confirm.statusCode).toBe(404);
    const applied = await call(staff.care_worker, 'POST', `/api/people/${personId}/care-plan-amendments`, {
      adviceId: advice.id,
      whatChanged: 'Two staff at each visit.',
      why: 'Safeguarding advice.',
    });
    expect(applied.statusCode).toBe(400);
    const listed = await ok(staff.care_worker, 'GET', '/api/messages?view=all');
    expect(listed.items.map((item: { id: string }) => item.id)).not.toContain(confirmationId);
    expect((await call(staff.care_worker, 'GET', `/api/messages/${confirmationId}`)).statusCode).toBe(404);
  });
});
