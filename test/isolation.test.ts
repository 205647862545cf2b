import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/context.ts';
import { gateShare } from '../src/sharing/sharing.service.ts';
import type { StaffRole } from '../src/users/users.table.ts';
import { testAppForFile } from './app-for-test.ts';
import { createStaffedOrganisation, type SignedIn } from './factories.ts';
import { type Conformance, loadConformance } from './openapi-conformance.ts';

// Horizontal isolation, generated from the route table: every route that names a record by id is
// called by staff of another organisation with the id of a record that exists, and must answer
// 404, exactly as for an id that does not exist (never 403, never the record). Nested routes are
// also called with the other organisation's own parent and this organisation's child: the child is
// looked up through its parent and the caller's organisation, so that is 404 too. A new route with
// an id must be given an example body below, or this test fails and says so. Each answer must also
// be one the OpenAPI description declares for the route.

type Staff = Record<StaffRole, SignedIn>;
type Dataset = Record<string, string>;

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-21T09:00:00Z' });
let conformance: Conformance;
const undescribedHome: string[] = [];
let a: { staff: Staff; ids: Dataset };
let b: { staff: Staff; ids: Dataset };

const channel = {
  kind: 'phone',
  value: '0121 496 0000',
  urgencies: ['urgent'],
  hours: { monday: ['09:00-17:00'] },
  staffedOnBankHolidays: false,
};

async function call(who: SignedIn, method: string, url: string, payload?: unknown) {
  const response = await t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...who.headers, ...(method === 'PATCH' || method === 'PUT' ? { 'if-match': '"1"' } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return response;
}

async function created(who: SignedIn, url: string, payload: unknown): Promise<string> {
  const response = await call(who, 'POST', url, payload);
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

/** One organisation with a record of every kind the API names by id. */
async function dataset(): Promise<{ staff: Staff; ids: Dataset }> {
  const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
  const ids: Dataset = {};
  ids.user = staff.care_worker.userId;
  ids.apiToken = (
    await call(staff.admin, 'POST', '/api/api-tokens', { name: 'Rota system', role: 'care_worker' })
  ).json().id;
  ids.partnerOrganisation = await created(staff.manager, '/api/partner-organisations', {
    name: 'Riverside Surgery',
    type: 'gp',
  });
  ids.contact = await created(
    staff.manager,
    `/api/partner-organisations/${ids.partnerOrganisation}/contacts`,
    {
      name: 'Dr Amara Patel',
      type: 'gp',
      email: 'amara.patel@example.nhs.uk',
    },
  );
  ids.organisationChannel = await created(
    staff.manager,
    `/api/partner-organisations/${ids.partnerOrganisation}/channels`,
    channel,
  );
  ids.contactChannel = await created(staff.manager, `/api/partner-contacts/${ids.contact}/channels`, channel);
  ids.careService = await created(staff.manager, '/api/care-services', { name: 'Oak House' });
  ids.person = await created(staff.care_worker, '/api/people', {
    givenName: 'Edith',
    familyName: 'Crawley',
    dateOfBirth: '1950-03-01',
    address: '4 High Street, Exampleton',
    postcode: 'EX1 1AA',
  });
  ids.representative = await created(staff.care_worker, `/api/people/${ids.person}/representatives`, {
    kind: 'next_of_kin',
    name: 'Robert Crawley',
  });
  ids.circleMember = await created(staff.care_worker, `/api/people/${ids.person}/circle`, {
    partnerContactId: ids.contact,
    startedOn: '2026-01-01',
  });
  ids.consent = await created(staff.care_worker, `/api/people/${ids.person}/consents`, {
    givenBy: 'person',
    partnerOrganisationIds: [ids.partnerOrganisation],
    purposes: ['care_coordination'],
    categories: ['health'],
    recordedHow: 'verbal',
    givenOn: '2026-11-20',
    reviewOn: '2027-11-20',
  });
  ids.safeguardingAuthorisation = await created(
    staff.manager,
    `/api/people/${ids.person}/safeguarding-authorisations`,
    {
      partnerOrganisationIds: [ids.partnerOrganisation],
      categories: ['safeguarding'],
      rationale: 'Unexplained bruising; the person is frightened of a visitor.',
    },
  );
  ids.agreement = await created(staff.manager, '/api/sharing-agreements', {
    partnerOrganisationId: ids.partnerOrganisation,
    title: 'Data sharing agreement',
    purposes: ['care_coordination'],
    categories: ['health'],
    startsOn: '2026-01-01',
  });
  // A share queued on a second consent, held when that consent is withdrawn.
  const second = await created(staff.care_worker, `/api/people/${ids.person}/consents`, {
    givenBy: 'person',
    partnerOrganisationIds: [ids.partnerOrganisation],
    purposes: ['housing'],
    categories: ['identity'],
    recordedHow: 'verbal',
    givenOn: '2026-11-20',
    reviewOn: '2027-11-20',
  });
  const queued = await t.db.transaction().execute((trx) =>
    gateShare(trx, systemContext(organisation.id, 'test'), {
      personId: ids.person!,
      request: {
        partnerOrganisationId: ids.partnerOrganisation,
        purpose: 'housing',
        categories: ['identity'],
        delivery: 'queued',
        moment: 'compose',
        description: null,
      },
      at: t.clock.now(),
    }),
  );
  await call(staff.care_worker, 'POST', `/api/people/${ids.person}/consents/${second}/withdraw`, {
    withdrawnBy: 'person',
  });
  ids.heldShare = queued.share.id;
  const message = await call(staff.care_worker, 'POST', '/api/messages', {
    template: 'update',
    urgency: 'routine',
    partnerOrganisationId: ids.partnerOrganisation,
    partnerContactId: ids.contact,
    subject: 'Visiting times',
    summary: 'From Monday 30 November visiting is from 10am to 8pm.',
  });
  if (message.statusCode !== 201) throw new Error(`message: ${message.statusCode} ${message.body}`);
  ids.message = message.json().id;
  ids.link = message.json().links[0].id;
  await call(staff.care_worker, 'POST', `/api/messages/${ids.message}/contacts`, {
    kind: 'reply',
    how: 'email',
    partnerName: 'Dr Amara Patel',
    summary: 'Please keep visits short this week.',
    occurredAt: '2026-11-21T08:30:00Z',
    isAdvice: true,
    advice: 'Keep visits short this week.',
  });
  ids.advice = (
    await t.db
      .selectFrom('advice_records')
      .select('id')
      .where('message_id', '=', ids.message!)
      .executeTakeFirstOrThrow()
  ).id;
  ids.attention = crypto.randomUUID();
  await t.db
    .insertInto('attention_items')
    .values({
      org_id: organisation.id,
      id: ids.attention,
      subject_type: 'partner_message',
      subject_id: ids.message!,
      for_user_id: null,
      step_id: null,
      kind: 'email_failed',
      for_role: 'manager',
      title: 'An email to a partner could not be delivered',
      detail: null,
      created_at: t.clock.now(),
      resolved_at: null,
      resolved_by: null,
      resolution_note: null,
    })
    .execute();
  const incident = await call(staff.manager, 'POST', '/api/incidents', {
    type: 'heating',
    title: 'Boiler failure',
    summary: 'No heating since 6am today.',
    severity: 'moderate',
    startedAt: '2026-11-21T06:00:00Z',
    leadId: staff.manager.userId,
    partnerLiaisonId: staff.manager.userId,
  });
  if (incident.statusCode !== 201) throw new Error(`incident: ${incident.statusCode} ${incident.body}`);
  ids.incident = incident.json().id;
  await call(staff.manager, 'POST', `/api/incidents/${ids.incident}/people`, { personIds: [ids.person] });
  ids.measure = await created(staff.manager, `/api/incidents/${ids.incident}/measures`, {
    kind: 'temporary_equipment',
    description: 'Heaters in every room',
    ownerId: staff.manager.userId,
    startsAt: '2026-11-21T07:00:00Z',
  });
  const actions = await call(staff.manager, 'POST', `/api/incidents/${ids.incident}/learning-actions`, {
    action: 'Agree a heating protocol',
    ownerId: staff.manager.userId,
    dueOn: '2027-01-15',
  });
  ids.learningAction = actions.json()[0].id;
  ids.concern = await created(staff.care_worker, '/api/safeguarding/concerns', {
    personId: ids.person,
    occurredAt: '2026-11-21T08:00:00Z',
    whatHappened: 'Unexplained bruise on the upper arm.',
    category: 'physical',
    locationOfRisk: 'own_home',
    sourceKind: 'not_known',
    immediateActions: 'Body map completed.',
    level: 'medium',
  });
  const concernPath = `/api/safeguarding/concerns/${ids.concern}`;
  ids.plan = (
    await call(staff.manager, 'POST', `${concernPath}/plans`, {
      measures: ['two_person_visits'],
      arrangements: 'Two staff at each visit.',
      reviewOn: '2026-12-21',
    })
  ).json().plans[0].id;
  ids.trigger = (
    await call(staff.manager, 'POST', `${concernPath}/triggers`, {
      kinds: ['threat'],
      threshold: 1,
      windowDays: null,
    })
  ).json().triggers[0].id;
  ids.restriction = (
    await call(staff.manager, 'POST', `${concernPath}/restrictions`, {
      personId: ids.person,
      restriction: 'Visitors met in the lounge only.',
      reason: 'Bruising after visits.',
      legalBasis: 'other',
      legalBasisNote: 'Agreed with the person.',
      leastRestrictiveConsidered: 'Staff nearby during visits.',
      startsOn: '2026-11-21',
      reviewOn: '2026-12-01',
    })
  ).json().restrictions[0].id;
  ids.concernAlert = crypto.randomUUID();
  await t.db
    .insertInto('concern_alerts')
    .values({
      org_id: organisation.id,
      id: ids.concernAlert,
      concern_id: ids.concern!,
      kind: 'trigger_met',
      cause_id: ids.trigger!,
      title: 'A safeguarding review trigger was met',
      detail: null,
      created_at: t.clock.now(),
      resolved_at: null,
      resolved_by: null,
      resolution_note: null,
    })
    .execute();
  return { staff, ids };
}

/** Which record each id in a route's path names. */
function kindOf(url: string, parameter: string): string | null {
  if (parameter === 'purpose' || parameter === 'template' || parameter === 'urgency') return null;
  if (parameter === 'linkId') return 'link';
  if (parameter === 'personId') return 'person';
  if (parameter === 'measureId') return 'measure';
  if (parameter === 'actionId') return 'learningAction';
  if (parameter === 'contactId') return 'contact';
  if (parameter === 'representativeId') return 'representative';
  if (parameter === 'memberId') return 'circleMember';
  if (parameter === 'recordId') return url.includes('/consents/') ? 'consent' : 'safeguardingAuthorisation';
  if (parameter === 'childId') {
    if (url.includes('/plans/')) return 'plan';
    if (url.includes('/triggers/')) return 'trigger';
    if (url.includes('/restrictions/')) return 'restriction';
    if (url.includes('/alerts/')) return 'concernAlert';
  }
  if (parameter === 'channelId') {
    return url.startsWith('/api/partner-contacts/') ? 'contactChannel' : 'organisationChannel';
  }
  const byPrefix: [string, string][] = [
    ['/api/api-tokens/', 'apiToken'],
    ['/api/users/', 'user'],
    ['/api/colleagues/', 'user'],
    ['/api/partner-organisations/', 'partnerOrganisation'],
    ['/api/partner-contacts/', 'contact'],
    ['/api/care-services/', 'careService'],
    ['/api/people/', 'person'],
    ['/api/held-shares/', 'heldShare'],
    ['/api/sharing-agreements/', 'agreement'],
    ['/api/messages/', 'message'],
    ['/api/attention/', 'attention'],
    ['/api/advice/', 'advice'],
    ['/api/incidents/', 'incident'],
    ['/api/safeguarding/concerns/', 'concern'],
  ];
  return byPrefix.find(([prefix]) => url.startsWith(prefix))?.[1] ?? 'unknown';
}

/** A body that passes validation, so the answer depends on the lookup alone. */
function exampleBody(route: string, other: Dataset): unknown {
  const examples: Record<string, unknown> = {
    'PATCH /api/users/:id': { displayName: 'Changed Name' },
    'POST /api/users/:id/set-up-link': undefined,
    'POST /api/api-tokens/:id/approval': undefined,
    'POST /api/api-tokens/:id/refusal': undefined,
    'PATCH /api/partner-organisations/:id': { notes: 'Changed' },
    'POST /api/partner-organisations/:id/contacts': { name: 'Dr New', type: 'gp' },
    'POST /api/partner-organisations/:id/channels': channel,
    'PATCH /api/partner-organisations/:id/channels/:channelId': { label: 'Reception' },
    'PATCH /api/partner-contacts/:id': { notes: 'Changed' },
    'POST /api/partner-contacts/:id/verify': {},
    'POST /api/partner-contacts/:id/end': { reason: 'Retired' },
    'POST /api/partner-contacts/:id/channels': channel,
    'PATCH /api/partner-contacts/:id/channels/:channelId': { label: 'Mobile' },
    'PATCH /api/care-services/:id': { name: 'Changed' },
    'PATCH /api/people/:id': { preferredName: 'Edie' },
    'POST /api/people/:id/representatives': { kind: 'next_of_kin', name: 'Mary Crawley' },
    'PATCH /api/people/:id/representatives/:representativeId': { relationship: 'Son' },
    'POST /api/people/:id/representatives/:representativeId/end': { reason: 'No longer involved' },
    'POST /api/people/:id/circle': { partnerContactId: other.contact, startedOn: '2026-01-01' },
    'PATCH /api/people/:id/circle/:memberId': { isPrimary: true },
    'POST /api/people/:id/consents': {
      givenBy: 'person',
      partnerOrganisationIds: [other.partnerOrganisation],
      purposes: ['care_coordination'],
      categories: ['health'],
      recordedHow: 'verbal',
      givenOn: '2026-11-20',
      reviewOn: '2027-11-20',
    },
    'POST /api/people/:id/consents/:recordId/withdraw': { withdrawnBy: 'person' },
    'POST /api/people/:id/capacity-assessments': {
      decision: 'Sharing health information with the GP',
      purposes: ['care_coordination'],
      categories: ['health'],
      impairment: true,
      canUnderstand: false,
      canRetain: true,
      canUseOrWeigh: true,
      canCommunicate: true,
      reasons: 'Could not understand who would be told.',
      assessedOn: '2026-11-21',
      reviewOn: '2027-05-21',
    },
    'POST /api/people/:id/best-interests-decisions': {
      capacityAssessmentId: other.consent,
      decision: 'Share the care plan',
      partnerOrganisationIds: [other.partnerOrganisation],
      purposes: ['care_coordination'],
      categories: ['health'],
      consulted: 'Family',
      wishesAndFeelings: 'Trusts her GP',
      outcome: 'share',
      rationale: 'Supports a review',
      decidedOn: '2026-11-21',
      reviewOn: '2027-05-21',
    },
    'POST /api/people/:id/safeguarding-authorisations': {
      partnerOrganisationIds: [other.partnerOrganisation],
      categories: ['safeguarding'],
      rationale: 'Unexplained bruising; the person is frightened of a visitor.',
    },
    'POST /api/people/:id/safeguarding-authorisations/:recordId/revoke': { reason: 'Concern resolved' },
    'POST /api/people/:id/share-checks': {
      partnerOrganisationId: other.partnerOrganisation,
      purpose: 'care_coordination',
      categories: ['health'],
    },
    'POST /api/people/:id/shares': {
      partnerOrganisationId: other.partnerOrganisation,
      purpose: 'care_coordination',
      categories: ['health'],
      description: 'Phoned the GP',
    },
    'POST /api/held-shares/:id/cancel': { note: 'Will not be sent' },
    'PATCH /api/sharing-agreements/:id': { notes: 'Changed' },
    'POST /api/messages/:id/contacts': {
      kind: 'call',
      how: 'phone',
      partnerName: 'Dr Amara Patel',
      summary: 'Called back',
      occurredAt: '2026-11-21T08:45:00Z',
    },
    'POST /api/messages/:id/close': {},
    'POST /api/messages/:id/withdraw': { reason: 'Sent in error' },
    'POST /api/messages/:id/links': {},
    'POST /api/messages/:id/links/:linkId/revoke': { reason: 'Wrong address' },
    'POST /api/messages/:id/links/:linkId/handed-over': { how: 'by_phone' },
    'POST /api/attention/:id/resolve': {},
    'POST /api/advice/:id/confirmation': { how: 'letter' },
    'POST /api/people/:id/care-plan-amendments': { whatChanged: 'Visits shortened', why: 'GP advice' },
    'PATCH /api/incidents/:id': { title: 'Changed' },
    'POST /api/incidents/:id/people': { personIds: [other.person] },
    'POST /api/incidents/:id/people/:personId/adjustment': { level: 'high', reason: 'Frail' },
    'POST /api/incidents/:id/measures': {
      kind: 'other',
      description: 'Extra checks',
      ownerId: other.user,
      startsAt: '2026-11-21T08:00:00Z',
    },
    'POST /api/incidents/:id/measures/:measureId/end': { endedAt: '2026-11-21T09:00:00Z' },
    'POST /api/incidents/:id/records': { kind: 'note', occurredAt: '2026-11-21T08:00:00Z', note: 'Checked' },
    'POST /api/incidents/:id/messages': {
      template: 'update',
      urgency: 'routine',
      partnerOrganisationId: other.partnerOrganisation,
      partnerContactId: other.contact,
      subject: 'Update',
      summary: 'Since 6am today there has been no heating.',
    },
    'POST /api/incidents/:id/close': {},
    'POST /api/incidents/:id/findings': { findings: 'Slow repair' },
    'POST /api/incidents/:id/learning-actions': {
      action: 'Review',
      ownerId: other.user,
      dueOn: '2027-01-15',
    },
    'POST /api/incidents/:id/learning-actions/:actionId/done': {},
    'PATCH /api/safeguarding/concerns/:id': { needToKnow: 'Two staff for personal care.' },
    'POST /api/safeguarding/concerns/:id/status': { status: 'triage', reason: 'Manager reviewing' },
    'POST /api/safeguarding/concerns/:id/close': {
      outcome: 'risk_reduced',
      lessonsLearnt: 'Earlier body maps',
    },
    'POST /api/safeguarding/concerns/:id/advocacy': { status: 'offered' },
    'POST /api/safeguarding/concerns/:id/advice': {
      adviserName: 'Sam Duty',
      guidanceApplied: 'Local threshold guidance',
      advice: 'Keep a chronology',
      howApplied: 'Chronology kept',
      givenAt: '2026-11-21T08:30:00Z',
      receivedHow: 'phone',
    },
    'POST /api/safeguarding/concerns/:id/decision': {
      decision: 's42_duty_not_met',
      reason: 'No care and support needs',
      decidedAt: '2026-11-21T08:30:00Z',
      receivedHow: 'phone',
      partnerName: 'Sam Duty',
    },
    'POST /api/safeguarding/concerns/:id/plans': {
      measures: ['two_person_visits'],
      arrangements: 'Two staff',
      reviewOn: '2026-12-21',
    },
    'POST /api/safeguarding/concerns/:id/triggers': { kinds: ['threat'], threshold: 1, windowDays: null },
    'POST /api/safeguarding/concerns/:id/restrictions': {
      personId: other.person,
      restriction: 'Lounge visits only',
      reason: 'Bruising',
      legalBasis: 'other',
      legalBasisNote: 'Agreed',
      leastRestrictiveConsidered: 'Staff nearby',
      startsOn: '2026-11-21',
      reviewOn: '2026-12-01',
    },
    'POST /api/safeguarding/concerns/:id/entries': {
      kind: 'observation',
      occurredAt: '2026-11-21T08:30:00Z',
      facts: 'Seen',
      source: 'staff',
      actionTaken: 'Recorded',
    },
    'POST /api/safeguarding/concerns/:id/advice-requests': {
      partnerOrganisationId: other.partnerOrganisation,
      partnerContactId: other.contact,
      urgency: 'routine',
      subject: 'Threshold advice',
      summary: 'Since this morning there is a bruise.',
      impact: 'Risk of harm',
      mitigations: 'Two staff',
      question: 'Is the threshold met?',
      deadline: '2026-11-23T17:00:00Z',
      categories: ['safeguarding'],
    },
    'POST /api/safeguarding/concerns/:id/referral': {
      partnerOrganisationId: other.partnerOrganisation,
      partnerContactId: other.contact,
      urgency: 'routine',
      subject: 'Section 42 concern',
      referral: 'Since this morning there is a bruise.',
      risk: 'Risk of harm',
      interimSafeguards: 'Two staff',
      consentToReferral: 'given',
      categories: ['safeguarding'],
    },
    'POST /api/safeguarding/concerns/:id/export': {
      format: 'html',
      occasion: 'multi_agency_meeting',
      recipient: null,
    },
    'POST /api/safeguarding/concerns/:id/plans/:childId/end': { reason: 'No longer needed' },
    'POST /api/safeguarding/concerns/:id/triggers/:childId/end': {},
    'POST /api/safeguarding/concerns/:id/restrictions/:childId/reviews': {
      reviewedOn: '2026-11-21',
      usedSinceLastReview: false,
      findings: 'Not used',
      outcome: 'continue',
      nextReviewOn: '2026-12-15',
    },
    'POST /api/safeguarding/concerns/:id/restrictions/:childId/end': { reason: 'No longer needed' },
    'POST /api/safeguarding/concerns/:id/alerts/:childId/resolve': {},
  };
  if (!(route in examples)) throw new Error(`Give ${route} an example body in test/isolation.test.ts.`);
  return examples[route];
}

function allowedRole(access: unknown): StaffRole {
  const roles = Array.isArray(access) ? (access as StaffRole[]) : ['manager'];
  return (['manager', 'registered_manager', 'care_worker', 'admin', 'auditor'] as const).find((role) =>
    roles.includes(role),
  )!;
}

beforeAll(async () => {
  a = await dataset();
  b = await dataset();
  conformance = await loadConformance(t.app);
}, 120_000);

describe('horizontal isolation', () => {
  it('answers 404 to another organisation’s ids on every route that names a record', async () => {
    const routes = t.app.routeTable.filter(
      (route) => route.url.startsWith('/api/') && route.url.includes('/:'),
    );
    expect(routes.length).toBeGreaterThan(30);
    const answers: string[] = [];
    const expected: string[] = [];
    const undescribed: string[] = [];
    for (const route of routes) {
      const parameters = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
      const kinds = parameters.map((parameter) => kindOf(route.url, parameter));
      if (kinds.every((kind) => kind === null)) continue;
      expect(kinds, `${route.method} ${route.url}: every id in the path is known to this test`).not.toContain(
        'unknown',
      );
      const name = `${route.method} ${route.url}`;
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : exampleBody(name, b.ids);
      const who = b.staff[allowedRole(route.access)];
      // Every id from the other organisation.
      const foreign = route.url.replaceAll(/:([A-Za-z]+)/g, (_, parameter: string) => {
        const kind = kindOf(route.url, parameter);
        return kind ? a.ids[kind]! : 'care_coordination';
      });
      // Queries a route needs to get past validation.
      const query = route.url.endsWith('/channel-now') ? '?urgency=urgent' : '';
      const foreignAnswer = await call(who, route.method, foreign + query, body);
      undescribed.push(...conformance.problems(route.method, route.url, foreignAnswer));
      answers.push(`${name} (foreign ids): ${foreignAnswer.statusCode}`);
      expected.push(`${name} (foreign ids): 404`);
      // The caller's own parent with the other organisation's child.
      if (parameters.length > 1) {
        let index = 0;
        const nested = route.url.replaceAll(/:([A-Za-z]+)/g, (_, parameter: string) => {
          const kind = kindOf(route.url, parameter)!;
          index += 1;
          return index === 1 ? b.ids[kind]! : a.ids[kind]!;
        });
        const nestedAnswer = await call(who, route.method, nested, body);
        undescribed.push(...conformance.problems(route.method, route.url, nestedAnswer));
        answers.push(`${name} (own parent, foreign child): ${nestedAnswer.statusCode}`);
        expected.push(`${name} (own parent, foreign child): 404`);
      }
    }
    expect(answers).toEqual(expected);
    expect(undescribed).toEqual([]);
  });

  it('gathers each home work list from the caller’s organisation alone', async () => {
    const foreignIds = Object.values(a.ids);
    for (const role of ['care_worker', 'manager', 'registered_manager', 'auditor', 'admin'] as const) {
      const response = await call(b.staff[role], 'GET', '/api/home/work');
      expect(response.statusCode, `${role}: ${response.body}`).toBe(200);
      for (const id of foreignIds) expect(response.body, `${role} sees ${id}`).not.toContain(id);
      undescribedHome.push(...conformance.problems('GET', '/api/home/work', response));
    }
    // Not empty for want of anything: the organisation's own incident and restriction are there.
    const own = (await call(b.staff.manager, 'GET', '/api/home/work')).body;
    expect(own).toContain(b.ids.incident);
    expect(own).toContain(`/safeguarding/concerns/${b.ids.concern}`);
    expect(undescribedHome).toEqual([]);
  });

  it('answers the same for the other organisation’s ids as for ids that do not exist', async () => {
    const madeUp = '00000000-0000-4000-8000-000000000000';
    const who = b.staff.care_worker;
    for (const url of [`/api/people/${a.ids.person}`, `/api/people/${madeUp}`]) {
      const response = await call(who, 'GET', url);
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toBe('The person was not found.');
    }
  });
});
