import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestUser,
  type SignedIn,
  signIn,
} from '../../test/factories.ts';
import { insertAttentionItem } from '../attention/attention.repository.ts';
import type { StaffRole } from '../users/users.table.ts';
import type { HomeWork, WorkGroup } from './home.schemas.ts';

let t: TestApp;
let staff: Record<StaffRole, SignedIn & { email: string }>;
let otherCareWorker: SignedIn;
let orgId: string;
const ids: Record<string, string> = {};

async function call(who: SignedIn, method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 400)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function work(who: SignedIn): Promise<HomeWork> {
  const response = await t.app.inject({ method: 'GET', url: '/api/home/work', headers: who.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function group(list: HomeWork, kind: WorkGroup['kind']): WorkGroup | undefined {
  return list.groups.find((each) => each.kind === kind);
}

beforeAll(async () => {
  t = await createTestApp({
    config: {
      signInAttemptsPerMinute: 10_000,
      sessionIdleMs: 30 * 86_400_000,
      sessionAbsoluteMs: 30 * 86_400_000,
    },
  });
  t.clock.set('2026-12-01T09:00:00Z');
  const staffed = await createStaffedOrganisation(t.app, t.db, t.clock);
  staff = staffed.staff;
  orgId = staffed.organisation.id;
  const colleague = await createTestUser(t.db, t.clock, orgId, { role: 'care_worker' });
  otherCareWorker = await signIn(t.app, colleague.email);

  const partner = await createTestPartnerOrganisation(t.db, t.clock, orgId, {
    type: 'district_nurse',
    name: 'District Nursing Team',
  });
  const contact = await createTestPartnerContact(t.db, t.clock, orgId, partner.id, {
    type: 'district_nurse',
    name: 'Grace Obi',
  });
  ids.contact = contact.id;
  const request = (subject: string) => ({
    template: 'request',
    askType: 'action',
    urgency: 'urgent',
    partnerOrganisationId: partner.id,
    partnerContactId: contact.id,
    subject,
    summary: 'Since 8am today we have had no dressings left for leg ulcer care.',
    impact: 'Two residents are due a dressing change this afternoon.',
    mitigations: 'We are keeping the current dressings clean and dry.',
    ask: 'Please bring dressings by 3pm today.',
    deadline: '2026-12-01T11:00:00Z',
  });
  ids.mine = (await call(staff.care_worker, 'POST', '/api/messages', request('Dressings for Oak House'))).id;
  ids.theirs = (await call(otherCareWorker, 'POST', '/api/messages', request('Hoist sling for Ash Ward'))).id;
  const answered = await call(staff.care_worker, 'POST', '/api/messages', request('Catheter supplies'));
  const partnerReply = await t.app.inject({
    method: 'POST',
    url: '/api/partner/message/respond',
    headers: { 'x-partner-link': answered.partnerLink.slice(answered.partnerLink.indexOf('#') + 1) },
    payload: { name: 'Grace Obi', kind: 'answer', response: 'Supplies will arrive at noon.' },
  });
  expect(partnerReply.statusCode, partnerReply.body).toBe(200);
  ids.answered = answered.id;

  ids.person = (
    await call(staff.care_worker, 'POST', '/api/people', {
      givenName: 'Edith',
      familyName: 'Crawley',
      dateOfBirth: '1950-03-01',
      address: '4 High Street, Exampleton',
      postcode: 'EX1 1AA',
    })
  ).id;
  await call(staff.care_worker, 'POST', `/api/people/${ids.person}/consents`, {
    givenBy: 'person',
    partnerOrganisationIds: [partner.id],
    purposes: ['care_coordination'],
    categories: ['health'],
    recordedHow: 'verbal',
    givenOn: '2026-06-01',
    reviewOn: '2026-12-10',
  });
  // Renewed: a later consent covering the same, reviewed later. Only the first above is due.
  const renewedFirst = await call(staff.care_worker, 'POST', `/api/people/${ids.person}/consents`, {
    givenBy: 'person',
    partnerTypes: ['gp'],
    purposes: ['care_coordination'],
    categories: ['health'],
    recordedHow: 'verbal',
    givenOn: '2026-06-01',
    reviewOn: '2026-12-05',
  });
  await call(staff.care_worker, 'POST', `/api/people/${ids.person}/consents`, {
    givenBy: 'person',
    partnerTypes: ['gp'],
    purposes: ['care_coordination'],
    categories: ['health', 'identity'],
    recordedHow: 'verbal',
    givenOn: '2026-11-30',
    reviewOn: '2027-11-30',
  });
  ids.renewedConsent = renewedFirst.id;

  const incident = await call(staff.manager, 'POST', '/api/incidents', {
    type: 'heating',
    title: 'Boiler failure',
    summary: 'No heating since 6am today.',
    severity: 'major',
    startedAt: '2026-12-01T06:00:00Z',
    leadId: staff.manager.userId,
    partnerLiaisonId: staff.manager.userId,
  });
  ids.incident = incident.id;
  await call(staff.manager, 'POST', `/api/incidents/${incident.id}/learning-actions`, {
    action: 'Check the boiler service contract',
    ownerId: staff.care_worker.userId,
    dueOn: '2026-12-04',
  });
  await call(staff.manager, 'POST', `/api/incidents/${incident.id}/learning-actions`, {
    action: 'Agree a heating protocol',
    ownerId: staff.manager.userId,
    dueOn: '2026-12-03',
  });
  await call(staff.manager, 'POST', `/api/incidents/${incident.id}/learning-actions`, {
    action: 'Review next quarter',
    ownerId: staff.care_worker.userId,
    dueOn: '2027-03-01',
  });

  const concern = await call(staff.care_worker, 'POST', '/api/safeguarding/concerns', {
    personId: ids.person,
    occurredAt: '2026-12-01T08:00:00Z',
    whatHappened: 'Unexplained bruise on the upper arm.',
    category: 'physical',
    locationOfRisk: 'own_home',
    sourceKind: 'not_known',
    immediateActions: 'Body map completed.',
    level: 'medium',
  });
  ids.concern = concern.id;
  const concernPath = `/api/safeguarding/concerns/${concern.id}`;
  await call(staff.manager, 'POST', `${concernPath}/triggers`, {
    kinds: ['threat'],
    threshold: 1,
    windowDays: null,
  });
  await call(staff.care_worker, 'POST', `${concernPath}/entries`, {
    kind: 'threat',
    occurredAt: '2026-12-01T08:30:00Z',
    facts: 'A visitor shouted at her.',
    source: 'staff',
    actionTaken: 'Visitor asked to leave.',
  });
  await call(staff.manager, 'POST', `${concernPath}/restrictions`, {
    personId: ids.person,
    restriction: 'Visitors met in the lounge only.',
    reason: 'Bruising after visits.',
    legalBasis: 'other',
    legalBasisNote: 'Agreed with the person.',
    leastRestrictiveConsidered: 'Staff nearby during visits.',
    startsOn: '2026-12-01',
    reviewOn: '2026-12-08',
  });

  // A contact whose details nobody has confirmed.
  await t.db
    .updateTable('partner_contacts')
    .set({ last_verified_at: null })
    .where('id', '=', contact.id)
    .execute();

  // The deadlines pass.
  t.clock.set('2026-12-01T12:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('the home page’s work list', () => {
  it('shows a care worker what needs them: their own messages and actions, incidents and consent reviews', async () => {
    const list = await work(staff.care_worker);
    expect(list.readOnly).toBe(false);
    expect(list.groups.map((each) => each.kind)).toEqual([
      'incidents_open',
      'requests_overdue',
      'replies_received',
      'actions_due',
      'reviews_due',
    ]);
    const overdue = group(list, 'requests_overdue')!;
    expect(overdue).toMatchObject({ count: 1, mine: true, webPath: '/messages?view=overdue' });
    expect(overdue.items).toEqual([
      {
        title: 'Dressings for Oak House',
        detail: 'To Grace Obi, District Nursing Team.',
        dueAt: '2026-12-01T11:00:00.000Z',
        dueOn: null,
        since: null,
        overdue: true,
        webPath: `/messages/${ids.mine}`,
      },
    ]);
    expect(group(list, 'replies_received')!.items).toEqual([
      expect.objectContaining({
        title: 'Catheter supplies',
        detail: 'Grace Obi, District Nursing Team responded.',
        webPath: `/messages/${ids.answered}`,
      }),
    ]);
    // The actions they lead, due within the week: not next quarter's, not the manager's.
    const actions = group(list, 'actions_due')!;
    expect(actions).toMatchObject({ count: 1, mine: true });
    expect(actions.items).toEqual([
      expect.objectContaining({
        title: 'Check the boiler service contract',
        detail: 'Incident: Boiler failure.',
        dueOn: '2026-12-04',
        overdue: false,
        webPath: `/incidents/${ids.incident}`,
      }),
    ]);
    // The consent due for review; the renewed one is not; restrictions are for managers.
    const reviews = group(list, 'reviews_due')!;
    expect(reviews.count).toBe(1);
    expect(reviews.items).toEqual([
      expect.objectContaining({
        title: 'Consent to share: Edith Crawley',
        dueOn: '2026-12-10',
        overdue: false,
        webPath: `/people/${ids.person}/sharing`,
      }),
    ]);
    expect(group(list, 'incidents_open')!.items).toEqual([
      expect.objectContaining({ title: 'Boiler failure', detail: 'Major: heating failure.' }),
    ]);
    // Nothing of the safeguarding concern they raised, which they cannot open in full.
    const body = JSON.stringify(list);
    expect(body).not.toContain(ids.concern);
    expect(body).not.toMatch(/safeguarding|restriction/i);
  });

  it('shows managers the whole organisation, safeguarding and the register included', async () => {
    const list = await work(staff.manager);
    expect(list.groups.map((each) => each.kind)).toEqual([
      'concern_triggers_met',
      'incidents_open',
      'requests_overdue',
      'replies_received',
      'actions_due',
      'reviews_due',
      'contacts_to_recheck',
      'concerns_open',
    ]);
    expect(group(list, 'requests_overdue')).toMatchObject({ count: 2, mine: false });
    expect(group(list, 'concern_triggers_met')!.items).toEqual([
      expect.objectContaining({
        title: 'Safeguarding concern: physical abuse',
        detail: 'About Edith Crawley.',
        webPath: `/safeguarding/concerns/${ids.concern}`,
      }),
    ]);
    expect(group(list, 'concerns_open')).toMatchObject({ count: 1, items: [] });
    const actions = group(list, 'actions_due')!;
    expect(actions.items.map((each) => [each.title, each.detail])).toEqual([
      ['Agree a heating protocol', `Led by ${await nameOf(staff.manager)}. Incident: Boiler failure.`],
      [
        'Check the boiler service contract',
        `Led by ${await nameOf(staff.care_worker)}. Incident: Boiler failure.`,
      ],
    ]);
    // The restriction's review comes first: it is due soonest.
    expect(group(list, 'reviews_due')!.items.map((each) => each.title)).toEqual([
      'Interim restriction: Edith Crawley',
      'Consent to share: Edith Crawley',
    ]);
    expect(group(list, 'contacts_to_recheck')!.items).toEqual([
      expect.objectContaining({ title: 'Grace Obi, District Nursing Team', detail: 'Never checked.' }),
    ]);
  });

  it('shows the auditor what is waiting, read-only, and an admin only the register', async () => {
    const audited = await work(staff.auditor);
    expect(audited.readOnly).toBe(true);
    expect(audited.groups.map((each) => each.kind)).not.toContain('needs_attention');
    expect(audited.groups.map((each) => each.kind)).toContain('concern_triggers_met');
    const admin = await work(staff.admin);
    expect(admin.groups.map((each) => each.kind)).toEqual(['contacts_to_recheck']);
    expect(JSON.stringify(admin)).not.toContain('Edith');
  });

  it('records each view in the audit trail, and has no list for an API token', async () => {
    await work(staff.registered_manager);
    const entry = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'entity_type', 'details'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'work_list.view')
      .where('actor_id', '=', staff.registered_manager.userId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      entity_type: 'organisation',
      details: expect.objectContaining({ concerns_open: 1 }),
    });
    // An admin's token works at once (it reads no one's records); it is still not a person.
    const created = await call(staff.admin, 'POST', '/api/api-tokens', {
      name: 'Directory sync',
      role: 'admin',
    });
    const byToken = await t.app.inject({
      method: 'GET',
      url: '/api/home/work',
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(byToken.statusCode, byToken.body).toBe(403);
  });
});

async function nameOf(who: SignedIn): Promise<string> {
  const user = await t.db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', who.userId)
    .executeTakeFirstOrThrow();
  return user.display_name;
}

describe('needs attention on the home page', () => {
  it('shows a care worker the items addressed to them, and managers none twice', async () => {
    await insertAttentionItem(t.db, {
      org_id: orgId,
      id: crypto.randomUUID(),
      subject_type: 'partner_message',
      subject_id: ids.mine!,
      step_id: null,
      kind: 'call_partner',
      for_role: 'sender',
      for_user_id: staff.care_worker.userId,
      title: 'Phone the district nursing team: no answer yet',
      detail: null,
      created_at: t.clock.now(),
      resolved_at: null,
      resolved_by: null,
      resolution_note: null,
    });
    const list = await work(staff.care_worker);
    expect(list.groups[0]).toMatchObject({
      kind: 'needs_attention',
      count: 1,
      mine: true,
      items: [
        expect.objectContaining({
          title: 'Phone the district nursing team: no answer yet',
          detail: 'To District Nursing Team: Dressings for Oak House.',
          webPath: `/messages/${ids.mine}`,
        }),
      ],
    });
    // The other care worker has nothing addressed to them; the manager's items about the concern
    // are under safeguarding, not repeated here.
    expect(group(await work(otherCareWorker), 'needs_attention')).toBeUndefined();
    const managed = await work(staff.manager);
    expect(JSON.stringify(group(managed, 'needs_attention') ?? {})).not.toContain(ids.concern);
  });
});
