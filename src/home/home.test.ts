import { beforeAll, describe, expect, it } from 'vitest';
import { sessionsLasting, testAppForFile } from '../../test/app-for-test.ts';
import type { SignedIn } from '../../test/factories.ts';
import { answerAs, okAs, okAsPartner, type StaffRequest } from '../../test/requests.ts';
import {
  partnerWithContact,
  type Staff,
  signedInStaff,
  staffedOrganisation,
  tokenOf,
} from '../../test/scenarios.ts';
import { insertAttentionItem } from '../attention/attention.repository.ts';
import type { HomeWork, WorkGroup } from './home.schemas.ts';

const t = testAppForFile({
  config: { signInAttemptsPerMinute: 10_000, ...sessionsLasting(30) },
  at: '2026-12-01T09:00:00Z',
});
let staff: Staff;
let otherCareWorker: SignedIn;
let orgId: string;
const ids: Record<string, string> = {};

const ok = (...request: StaffRequest) => okAs(t.app, ...request);
const work = (who: SignedIn): Promise<HomeWork> => answerAs(t.app, 200, 'GET', '/api/home/work', who);

function group(list: HomeWork, kind: WorkGroup['kind']): WorkGroup | undefined {
  return list.groups.find((each) => each.kind === kind);
}

beforeAll(async () => {
  ({ staff, orgId } = await staffedOrganisation(t));
  otherCareWorker = await signedInStaff(t, orgId, { role: 'care_worker' });

  const { organisation: partner, contact } = await partnerWithContact(
    t,
    orgId,
    { type: 'district_nurse', name: 'District Nursing Team' },
    { name: 'Grace Obi' },
  );
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
  ids.mine = (await ok('POST', '/api/messages', staff.care_worker, request('Dressings for Oak House'))).id;
  ids.theirs = (await ok('POST', '/api/messages', otherCareWorker, request('Hoist sling for Ash Ward'))).id;
  const answered = await ok('POST', '/api/messages', staff.care_worker, request('Catheter supplies'));
  await okAsPartner(t.app, tokenOf(answered.partnerLink), '/respond', {
    name: 'Grace Obi',
    kind: 'answer',
    response: 'Supplies will arrive at noon.',
  });
  ids.answered = answered.id;

  ids.person = (
    await ok('POST', '/api/people', staff.care_worker, {
      givenName: 'Edith',
      familyName: 'Crawley',
      dateOfBirth: '1950-03-01',
      address: '4 High Street, Exampleton',
      postcode: 'EX1 1AA',
    })
  ).id;
  await ok('POST', `/api/people/${ids.person}/consents`, staff.care_worker, {
    givenBy: 'person',
    partnerOrganisationIds: [partner.id],
    purposes: ['care_coordination'],
    categories: ['health'],
    recordedHow: 'verbal',
    givenOn: '2026-06-01',
    reviewOn: '2026-12-10',
  });
  // Renewed: a later consent covering the same, reviewed later. Only the first above is due.
  const renewedFirst = await ok('POST', `/api/people/${ids.person}/consents`, staff.care_worker, {
    givenBy: 'person',
    partnerTypes: ['gp'],
    purposes: ['care_coordination'],
    categories: ['health'],
    recordedHow: 'verbal',
    givenOn: '2026-06-01',
    reviewOn: '2026-12-05',
  });
  await ok('POST', `/api/people/${ids.person}/consents`, staff.care_worker, {
    givenBy: 'person',
    partnerTypes: ['gp'],
    purposes: ['care_coordination'],
    categories: ['health', 'identity'],
    recordedHow: 'verbal',
    givenOn: '2026-11-30',
    reviewOn: '2027-11-30',
  });
  ids.renewedConsent = renewedFirst.id;

  const incident = await ok('POST', '/api/incidents', staff.manager, {
    type: 'heating',
    title: 'Boiler failure',
    summary: 'No heating since 6am today.',
    severity: 'major',
    startedAt: '2026-12-01T06:00:00Z',
    leadId: staff.manager.userId,
    partnerLiaisonId: staff.manager.userId,
  });
  ids.incident = incident.id;
  await ok('POST', `/api/incidents/${incident.id}/learning-actions`, staff.manager, {
    action: 'Check the boiler service contract',
    ownerId: staff.care_worker.userId,
    dueOn: '2026-12-04',
  });
  await ok('POST', `/api/incidents/${incident.id}/learning-actions`, staff.manager, {
    action: 'Agree a heating protocol',
    ownerId: staff.manager.userId,
    dueOn: '2026-12-03',
  });
  await ok('POST', `/api/incidents/${incident.id}/learning-actions`, staff.manager, {
    action: 'Review next quarter',
    ownerId: staff.care_worker.userId,
    dueOn: '2027-03-01',
  });

  const concern = await ok('POST', '/api/safeguarding/concerns', staff.care_worker, {
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
  await ok('POST', `${concernPath}/triggers`, staff.manager, {
    kinds: ['threat'],
    threshold: 1,
    windowDays: null,
  });
  await ok('POST', `${concernPath}/entries`, staff.care_worker, {
    kind: 'threat',
    occurredAt: '2026-12-01T08:30:00Z',
    facts: 'A visitor shouted at her.',
    source: 'staff',
    actionTaken: 'Visitor asked to leave.',
  });
  await ok('POST', `${concernPath}/restrictions`, staff.manager, {
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
    const created = await ok('POST', '/api/api-tokens', staff.admin, {
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
