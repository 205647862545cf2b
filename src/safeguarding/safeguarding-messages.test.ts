import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { createTestPerson } from '../../test/factories.ts';
import { answerAs, requestAs, type StaffRequest } from '../../test/requests.ts';
import { type Staff, safeguardingHub, staffedOrganisation } from '../../test/scenarios.ts';

// Safeguarding correspondence is need-to-know. Threshold advice and section 42 referrals are sent
// as partner messages; a care worker, who sees only the need-to-know summary of a concern, must not
// read them through the messages either: not in the list, not by id, not by acting on them. The
// member of staff who sent a safeguarding message still reads their own.

const t = testAppForFile({ at: '2026-11-23T09:00:00Z' });
let staff: Staff;
let adviceMessageId: string;
let concernId: string;
let personId: string;
let ownMessageId: string;

const call = (...request: StaffRequest) => requestAs(t.app, ...request);
const ok = (status: number, ...request: StaffRequest) => answerAs(t.app, status, ...request);

beforeAll(async () => {
  let orgId: string;
  ({ staff, orgId } = await staffedOrganisation(t));
  const { organisation: hub, contact: duty } = await safeguardingHub(t, staff);

  const person = await createTestPerson(t.db, t.clock, orgId);
  await ok(201, 'POST', `/api/people/${person.id}/safeguarding-authorisations`, staff.manager, {
    partnerOrganisationIds: [hub.id],
    categories: ['identity', 'safeguarding', 'risk'],
    rationale: 'Risk of abuse; asking for consent could increase the risk.',
  });
  const concern = await ok(201, 'POST', '/api/safeguarding/concerns', staff.care_worker, {
    personId: person.id,
    occurredAt: '2026-11-23T08:00:00Z',
    whatHappened: 'A household member would not let staff see the person alone.',
    category: 'domestic_abuse',
    locationOfRisk: 'own_home',
    sourceKind: 'known_to_individual',
    immediateActions: 'Visit finished with a second member of staff.',
    level: 'high',
  });
  const advice = await ok(
    201,
    'POST',
    `/api/safeguarding/concerns/${concern.id}/advice-requests`,
    staff.manager,
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
  );
  adviceMessageId = advice.messageId;
  concernId = concern.id;
  personId = person.id;

  // A care worker's own safeguarding message, sent from the messages page.
  const own = await ok(201, 'POST', '/api/messages', staff.care_worker, {
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
  });
  ownMessageId = own.id;
}, 60_000);

describe('safeguarding messages are need-to-know', () => {
  it('a care worker does not see a manager’s safeguarding advice request in the list', async () => {
    const listed = await ok(200, 'GET', '/api/messages?view=all', staff.care_worker);
    const ids = listed.items.map((item: { id: string }) => item.id);
    expect(ids).not.toContain(adviceMessageId);
    expect(ids).toContain(ownMessageId);
  });

  it('a care worker is told it does not exist when they ask for it or act on it', async () => {
    expect((await call('GET', `/api/messages/${adviceMessageId}`, staff.care_worker)).statusCode).toBe(404);
    const close = await call('POST', `/api/messages/${adviceMessageId}/close`, staff.care_worker, {
      note: 'Not needed any more.',
    });
    expect(close.statusCode).toBe(404);
    const withdraw = await call('POST', `/api/messages/${adviceMessageId}/withdraw`, staff.care_worker, {
      reason: 'Sent by mistake.',
    });
    expect(withdraw.statusCode).toBe(404);
    const link = await call('POST', `/api/messages/${adviceMessageId}/links`, staff.care_worker);
    expect(link.statusCode).toBe(404);
    // The manager's request is untouched.
    const read = await ok(200, 'GET', `/api/messages/${adviceMessageId}`, staff.manager);
    expect(read.status).toBe('sent');
  });

  it('the member of staff who sent a safeguarding message reads their own', async () => {
    const own = await ok(200, 'GET', `/api/messages/${ownMessageId}`, staff.care_worker);
    expect(own.subject).toBe('Advice on a visit today');
  });

  it('managers, the registered manager and the auditor read every safeguarding message', async () => {
    for (const role of ['manager', 'registered_manager', 'auditor'] as const) {
      const listed = await ok(200, 'GET', '/api/messages?view=all', staff[role]);
      const ids = listed.items.map((item: { id: string }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([adviceMessageId, ownMessageId]));
      const read = await ok(200, 'GET', `/api/messages/${adviceMessageId}`, staff[role]);
      expect(read.subject).toBe('Threshold advice: possible domestic abuse');
    }
  });

  it('a message sent from a concern leads back to it; one sent from the messages page does not', async () => {
    const advice = await ok(200, 'GET', `/api/messages/${adviceMessageId}`, staff.manager);
    expect(advice.sentFrom).toEqual({
      type: 'concern',
      title: 'Safeguarding concern: domestic abuse',
      webPath: `/safeguarding/concerns/${concernId}`,
    });
    const own = await ok(200, 'GET', `/api/messages/${ownMessageId}`, staff.manager);
    expect(own.sentFrom).toBeNull();
  });

  it('advice given on the phone in answer, and the request to confirm it in writing, are as need-to-know', async () => {
    await ok(200, 'POST', `/api/safeguarding/concerns/${concernId}/advice`, staff.manager, {
      messageId: adviceMessageId,
      adviserName: 'Sam Duty',
      guidanceApplied: 'Exampleton threshold guidance, domestic abuse section',
      advice: 'Threshold met: refer under section 42 today.',
      howApplied: 'Referral prepared the same day.',
      givenAt: '2026-11-23T09:00:00Z',
      receivedHow: 'phone',
    });
    const managersAdvice = await ok(200, 'GET', `/api/people/${personId}/advice`, staff.manager);
    const advice = managersAdvice.items.find(
      (item: { advice: string }) => item.advice === 'Threshold met: refer under section 42 today.',
    );
    expect(advice).toBeDefined();
    const confirmationId = advice.confirmationMessageId as string;
    expect(confirmationId).toEqual(expect.any(String));
    const confirmation = await ok(200, 'GET', `/api/messages/${confirmationId}`, staff.manager);
    expect(confirmation.template).toBe('safeguarding');

    // The care worker sees neither the advice nor the request to confirm it, by list or by id.
    const workersAdvice = await ok(200, 'GET', `/api/people/${personId}/advice`, staff.care_worker);
    expect(workersAdvice.items.map((item: { id: string }) => item.id)).not.toContain(advice.id);
    expect((await call('GET', `/api/advice/${advice.id}`, staff.care_worker)).statusCode).toBe(404);
    const waiting = await ok(200, 'GET', '/api/advice/awaiting-confirmation', staff.care_worker);
    expect(waiting.items.map((item: { id: string }) => item.id)).not.toContain(advice.id);
    const confirm = await call('POST', `/api/advice/${advice.id}/confirmation`, staff.care_worker, {
      how: 'letter',
    });
    expect(confirm.statusCode).toBe(404);
    const applied = await call('POST', `/api/people/${personId}/care-plan-amendments`, staff.care_worker, {
      adviceId: advice.id,
      whatChanged: 'Two staff at each visit.',
      why: 'Safeguarding advice.',
    });
    expect(applied.statusCode).toBe(400);
    const listed = await ok(200, 'GET', '/api/messages?view=all', staff.care_worker);
    expect(listed.items.map((item: { id: string }) => item.id)).not.toContain(confirmationId);
    expect((await call('GET', `/api/messages/${confirmationId}`, staff.care_worker)).statusCode).toBe(404);
  });
});
