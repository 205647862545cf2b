import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionsLasting, testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestCareService,
  createTestPartnerContact,
  createTestPerson,
  type SignedIn,
} from '../../test/factories.ts';
import { okAs, okAsPartner, requestAs } from '../../test/requests.ts';
import {
  cancelPendingEscalationSteps,
  consentToShare,
  partnerWithContact,
  type Staff,
  staffedOrganisation,
  sweepMessageEscalations,
  tokenOf,
} from '../../test/scenarios.ts';
import type { RequestContext } from '../context.ts';
import { addCircleMember } from '../people/circle-of-support.service.ts';
import { authoriseSafeguardingShare } from '../safeguarding-authorisations/safeguarding-authorisations.service.ts';
import { type TimelineEntryKind, timelineEntryKindLabels } from './incident-timeline.vocabulary.ts';
import { timelineQuery } from './incidents.schemas.ts';

// The three operational examples of partner working in a disruption, each built end to end
// through the API with a controlled clock, and the post-incident review's figures checked against
// the timings the test itself laid down: a staffing disruption with health partners, a heating
// failure with the housing provider, and safeguarding coordination under uncertainty.

const t = testAppForFile({
  config: {
    signInAttemptsPerMinute: 10_000,
    // Each scenario spans a working day on the controlled clock.
    ...sessionsLasting(30),
  },
  at: '2026-12-01T06:00:00Z',
});
let staff: Staff;
let orgId: string;
let manager: RequestContext;

beforeAll(async () => {
  ({ staff, orgId, manager } = await staffedOrganisation(t));
});
beforeEach(() => cancelPendingEscalationSteps(t));

const at = (time: string) => t.clock.set(time);
const api = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  who: SignedIn = staff.manager,
) => requestAs(t.app, method, url, who, payload);
const ok = (method: 'GET' | 'POST', url: string, payload?: unknown, who: SignedIn = staff.manager) =>
  okAs(t.app, method, url, who, payload);
const asPartner = (link: string, path: string, payload: Record<string, unknown>) =>
  okAsPartner(t.app, tokenOf(link), path, payload);
const sweep = () => sweepMessageEscalations(t);

function consentFor(
  personId: string,
  partnerOrganisationId: string,
  purpose: 'health_monitoring' | 'housing',
) {
  return consentToShare(t, manager, personId, {
    partnerOrganisationIds: [partnerOrganisationId],
    purposes: [purpose],
    recordedHow: 'signed_form',
    givenOn: '2026-11-01',
    reviewOn: '2027-11-01',
  });
}

async function inCircle(
  personId: string,
  contactId: string,
  role: 'district_nurse' | 'community_nurse' | 'gp' | 'housing',
  isPrimary = false,
) {
  await addCircleMember(
    t.db,
    manager,
    personId,
    { partnerContactId: contactId, role, isPrimary, startedOn: '2026-01-01' },
    t.clock,
  );
}

describe('staffing disruption with health partners', () => {
  it('ranks the people, proposes and sends requests, escalates the silent GP, and reviews it', async () => {
    at('2026-12-01T06:00:00Z');
    const service = await createTestCareService(t.db, t.clock, orgId, { name: 'Birch Court' });
    const ada = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Ada',
      familyName: 'Okafor',
      careServiceId: service.id,
      flags: ['diabetes', 'insulin_dependent'],
    });
    const ben = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Ben',
      familyName: 'Hale',
      careServiceId: service.id,
      flags: ['epilepsy'],
    });
    const cara = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Cara',
      familyName: 'Lund',
      careServiceId: service.id,
      flags: ['respiratory_condition'],
    });
    await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Dan',
      familyName: 'Moss',
      careServiceId: service.id,
    });
    const { organisation: nurses, contact: nurse } = await partnerWithContact(
      t,
      orgId,
      { name: 'Community Nursing Team', type: 'community_nurse' },
      { name: 'Nurse Grey', type: 'district_nurse' },
    );
    const { organisation: surgery, contact: gp } = await partnerWithContact(
      t,
      orgId,
      { name: 'Elm Surgery', type: 'gp' },
      { name: 'Dr Rowe' },
    );
    await inCircle(ada.id, nurse.id, 'district_nurse');
    await inCircle(ben.id, gp.id, 'gp');
    // Cara's community psychiatric nurse was filed in her circle under "community nurse": a
    // mental health professional, by the register, so never asked about her breathing.
    const { contact: psychiatricNurse } = await partnerWithContact(
      t,
      orgId,
      { name: 'Riverside Mental Health Team', type: 'psychiatrist' },
      { name: 'Sam Patel' },
    );
    await inCircle(cara.id, psychiatricNurse.id, 'community_nurse', true);
    await consentFor(ada.id, nurses.id, 'health_monitoring');
    await consentFor(ben.id, surgery.id, 'health_monitoring');

    at('2026-12-01T07:00:00Z');
    const incident = await ok('POST', '/api/incidents', {
      type: 'staffing',
      title: 'Night staff shortage at Birch Court',
      summary: 'Three of five night staff are off sick; morning visits are delayed.',
      severity: 'major',
      startedAt: '2026-12-01T06:30:00Z',
      careServiceIds: [service.id],
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.registered_manager.userId,
    });
    const added = await ok('POST', `/api/incidents/${incident.id}/people`, { careServiceIds: [service.id] });
    expect(added.added).toBe(4);
    expect(
      added.people.map((person: { name: string; level: string }) => [person.name, person.level]),
    ).toEqual([
      ['Ada Okafor', 'high'],
      ['Ben Hale', 'high'],
      ['Cara Lund', 'medium'],
      ['Dan Moss', 'low'],
    ]);
    // One reason per condition, with what this incident adds to it; never the condition twice.
    expect(added.people[0].reasons).toEqual([
      { points: 6, reason: 'Depends on insulin: insulin doses and checks may be missed.' },
      { points: 4, reason: 'Has diabetes: monitoring or medicines may be missed.' },
    ]);
    expect(added.people[0].rankedWith).toBe(1);
    const noReason = await api('POST', `/api/incidents/${incident.id}/people/${cara.id}/adjustment`, {
      level: 'high',
    });
    expect(noReason.statusCode).toBe(400);
    const adjusted = await ok('POST', `/api/incidents/${incident.id}/people/${cara.id}/adjustment`, {
      level: 'high',
      reason: 'Chest infection last week; she tires quickly.',
    });
    expect(adjusted.items.find((person: { personId: string }) => person.personId === cara.id)).toMatchObject({
      level: 'high',
      rankedLevel: 'medium',
    });
    await ok('POST', `/api/incidents/${incident.id}/people/${ada.id}/adjustment`, {
      observationPlan: 'Check blood glucose at each visit; call the district nurse if above 15.',
    });
    const welfareChecks = await ok(
      'POST',
      `/api/incidents/${incident.id}/measures`,
      {
        kind: 'additional_checks',
        description: 'Hourly welfare checks by the day team.',
        ownerId: staff.manager.userId,
        startsAt: '2026-12-01T07:05:00Z',
      },
      staff.care_worker,
    );

    at('2026-12-01T07:10:00Z');
    const proposals = (await ok('GET', `/api/incidents/${incident.id}/proposed-messages`)).items;
    const toNurse = proposals.find(
      (proposal: { partnerContactName: string }) => proposal.partnerContactName === 'Nurse Grey',
    );
    const toGp = proposals.find(
      (proposal: { partnerContactName: string }) => proposal.partnerContactName === 'Dr Rowe',
    );
    expect(toNurse).toMatchObject({ personName: 'Ada Okafor', alreadySent: false });
    expect(toNurse.draft).toMatchObject({
      template: 'request',
      askType: 'advice',
      urgency: 'urgent',
      personId: ada.id,
    });
    expect(toNurse.draft.ask).toContain('call the district nurse if above 15');
    expect(toGp).toMatchObject({ personName: 'Ben Hale' });
    expect(
      proposals.filter(
        (proposal: { partnerContactName: string }) => proposal.partnerContactName === 'Sam Patel',
      ),
    ).toEqual([]);
    expect(toNurse.draft.impact).toBe(
      'Ada Okafor is at high risk during this disruption. Depends on insulin: insulin doses and checks may be missed. Has diabetes: monitoring or medicines may be missed.',
    );
    // Roles read as people say them: GP in capitals, no underscores.
    expect(toGp.why).toContain('Dr Rowe is their GP.');
    expect(toNurse.why).toContain('Nurse Grey is their district nurse.');

    at('2026-12-01T07:20:00Z');
    const nurseMessage = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      ...toNurse.draft,
      deadline: '2026-12-01T08:30:00Z',
    });
    at('2026-12-01T07:22:00Z');
    const gpMessage = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      ...toGp.draft,
      deadline: '2026-12-01T08:00:00Z',
    });
    expect(
      (await ok('GET', `/api/incidents/${incident.id}/proposed-messages`)).items.find(
        (proposal: { partnerContactName: string }) => proposal.partnerContactName === 'Nurse Grey',
      ),
    ).toMatchObject({ alreadySent: true, sentMessageId: nurseMessage.id });

    at('2026-12-01T07:35:00Z');
    await asPartner(nurseMessage.partnerLink, '/acknowledge', { name: 'Nurse Grey', role: 'District nurse' });
    at('2026-12-01T07:50:00Z');
    await asPartner(nurseMessage.partnerLink, '/respond', {
      name: 'Nurse Grey',
      role: 'District nurse',
      kind: 'advice',
      response: 'Check glucose before each meal; call us if above 15 or below 4.',
    });
    // The GP says nothing: the route runs its course.
    for (const time of ['08:15', '08:45', '09:15', '09:45']) {
      at(`2026-12-01T${time}:00Z`);
      expect((await sweep()).fired).toBe(1);
    }
    const advice = await t.db
      .selectFrom('advice_records')
      .select('id')
      .where('message_id', '=', nurseMessage.id)
      .executeTakeFirstOrThrow();
    at('2026-12-01T09:30:00Z');
    await ok('POST', `/api/incidents/${incident.id}/records`, {
      kind: 'decision',
      occurredAt: '2026-12-01T09:30:00Z',
      decision: 'Prioritise the three people at high risk for the morning visits.',
      evidence: 'Ranking on this incident; district nurse advice.',
      rationale: 'Missed insulin or seizure medicines would do the most harm.',
      adviceIds: [advice.id],
    });
    const careWorkerDecision = await api(
      'POST',
      `/api/incidents/${incident.id}/records`,
      { kind: 'decision', occurredAt: '2026-12-01T09:31:00Z', decision: 'x', evidence: 'y', rationale: 'z' },
      staff.care_worker,
    );
    expect(careWorkerDecision.statusCode).toBe(403);

    at('2026-12-01T10:00:00Z');
    // The welfare checks are still in place: closing says so, and needs confirming.
    const unconfirmed = await api('POST', `/api/incidents/${incident.id}/close`, {
      endedAt: '2026-12-01T09:45:00Z',
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().errors).toEqual([
      {
        field: 'confirmOutstanding',
        message: expect.stringMatching(
          /^1 interim measure is still in place\b.*or confirm that you are closing/,
        ),
      },
    ]);
    expect((await ok('GET', `/api/incidents/${incident.id}`)).status).toBe('open');
    const closed = await ok('POST', `/api/incidents/${incident.id}/close`, {
      endedAt: '2026-12-01T09:45:00Z',
      findings: 'Escalation to the GP practice took too long to reach a person.',
      confirmOutstanding: true,
    });
    const figures = closed.figures;
    expect(closed.final).toBe(true);
    expect(figures.firstPartnerContact).toMatchObject({
      minutesFromStart: 50,
      partner: 'Community Nursing Team',
    });
    expect(figures.people).toEqual({ total: 4, high: 3, medium: 0, low: 1 });
    const nursing = figures.partners.find(
      (partner: { name: string }) => partner.name === 'Community Nursing Team',
    );
    expect(nursing).toMatchObject({
      messages: 1,
      firstAcknowledgementMinutes: 15,
      medianMinutesToRespond: 30,
      notResponded: 0,
    });
    const practice = figures.partners.find((partner: { name: string }) => partner.name === 'Elm Surgery');
    expect(practice).toMatchObject({ messages: 1, acknowledged: 0, responded: 0, notResponded: 1 });
    expect(figures.escalated).toEqual([
      expect.objectContaining({
        messageId: gpMessage.id,
        stepsFired: 4,
        furthestTarget: 'internal_manager',
        reachedManagers: true,
        answered: false,
      }),
    ]);
    expect(figures.nonResponses.map((each: { messageId: string }) => each.messageId)).toEqual([gpMessage.id]);
    expect(figures.decisions[0].advice[0]).toMatchObject({
      givenBy: 'Nurse Grey, District nurse',
      receivedHow: 'partner_link',
    });
    expect(figures.measures[0]).toMatchObject({ endedAt: null });

    const timeline = (await ok('GET', `/api/incidents/${incident.id}/timeline`)).items;
    const kinds = timeline.map((entry: { kind: string }) => entry.kind);
    expect(kinds[0]).toBe('incident.started');
    expect(kinds).toEqual(
      expect.arrayContaining([
        'person.added',
        'person.risk_adjusted',
        'measure.started',
        'decision',
        'message.sent',
        'message.acknowledged',
        'message.responded',
        'message.escalated',
        'incident.closed',
      ]),
    );
    const times = timeline.map((entry: { at: string }) => entry.at);
    expect([...times].sort()).toEqual(times);

    // Paged like every other list: at most 100 at a time, with an offset; filtered by kind.
    expect(timelineQuery.parse({ limit: '5000' })).toEqual({ limit: 100, offset: 0 });
    expect(timelineQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    const firstPage = (await ok('GET', `/api/incidents/${incident.id}/timeline?limit=3`)).items;
    const secondPage = (await ok('GET', `/api/incidents/${incident.id}/timeline?limit=3&offset=3`)).items;
    expect([...firstPage, ...secondPage]).toEqual(timeline.slice(0, 6));
    const sentOnly = (await ok('GET', `/api/incidents/${incident.id}/timeline?kind=message.sent&limit=100`))
      .items;
    expect(sentOnly).toEqual(timeline.filter((entry: { kind: string }) => entry.kind === 'message.sent'));
    expect(sentOnly.length).toBeGreaterThan(0);
    // Every entry reads in words: each kind has its heading, and no text starts with a code.
    for (const entry of timeline as { kind: TimelineEntryKind; text: string }[]) {
      expect(timelineEntryKindLabels[entry.kind]).toBeTruthy();
      expect(entry.text).not.toMatch(/^[a-z]+_[a-z_]+:/);
    }
    expect(sentOnly[0].text).toMatch(/^Message sent to a partner: "/);
    const unknownKind = await api('GET', `/api/incidents/${incident.id}/timeline?kind=message.posted`);
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.json().errors).toEqual([expect.objectContaining({ field: 'kind' })]);

    // A closed incident takes no more records; its review stays as it was at closing.
    expect(
      (await api('POST', `/api/incidents/${incident.id}/people`, { personIds: [ada.id] })).statusCode,
    ).toBe(409);
    at('2026-12-02T10:00:00Z');
    expect((await ok('GET', `/api/incidents/${incident.id}/review`)).figures.generatedAt).toBe(
      '2026-12-01T10:00:00.000Z',
    );
    // The welfare checks end after closing: shown since closing, the figures as they were.
    await ok(
      'POST',
      `/api/incidents/${incident.id}/measures/${welfareChecks.id}/end`,
      { endedAt: '2026-12-02T09:00:00Z' },
      staff.care_worker,
    );
    const review = await ok('GET', `/api/incidents/${incident.id}/review`);
    expect(review.figures).toEqual(figures);
    expect(review.sinceClosing).toEqual([
      expect.objectContaining({ at: '2026-12-02T09:00:00.000Z', kind: 'measure.ended' }),
    ]);
  });
});

describe('heating failure with the housing provider', () => {
  it('records readings and measures, chases senior housing management, and reviews it', async () => {
    at('2026-12-03T06:00:00Z');
    const service = await createTestCareService(t.db, t.clock, orgId, { name: 'Holly House' });
    const eve = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Eve',
      familyName: 'Marsh',
      careServiceId: service.id,
      dateOfBirth: '1938-02-01',
      flags: ['respiratory_condition'],
    });
    await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Fred',
      familyName: 'Knox',
      careServiceId: service.id,
    });
    const { organisation: landlord, contact: officer } = await partnerWithContact(
      t,
      orgId,
      { name: 'Greenway Housing', type: 'housing' },
      { name: 'Pat Lee' },
    );
    const head = await createTestPartnerContact(t.db, t.clock, orgId, landlord.id, {
      name: 'Jo Park',
      type: 'housing',
      jobTitle: 'Head of Repairs',
    });
    await inCircle(eve.id, officer.id, 'housing');

    at('2026-12-03T07:30:00Z');
    const incident = await ok('POST', '/api/incidents', {
      type: 'heating',
      title: 'Boiler failure at Holly House',
      summary: 'The communal boiler failed overnight; there is no heating or hot water.',
      severity: 'moderate',
      startedAt: '2026-12-03T07:00:00Z',
      careServiceIds: [service.id],
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.manager.userId,
      // Senior housing management is told at the deadline, then our manager half an hour later.
      escalationRoute: {
        steps: [
          { delay: { unit: 'minutes', amount: 0 }, target: 'senior_contact', stopsOnAcknowledgement: false },
          {
            delay: { unit: 'minutes', amount: 30 },
            target: 'internal_manager',
            stopsOnAcknowledgement: false,
          },
        ],
        repeat: null,
      },
    });
    const people = (
      await ok('POST', `/api/incidents/${incident.id}/people`, { careServiceIds: [service.id] })
    ).people;
    expect(people[0]).toMatchObject({ name: 'Eve Marsh', level: 'high' });
    expect(people[0].reasons.map((reason: { reason: string }) => reason.reason)).toEqual(
      expect.arrayContaining([
        'Aged 88: at risk from the cold.',
        'Has a respiratory condition: cold and damp worsen breathing.',
      ]),
    );
    at('2026-12-03T07:55:00Z');
    await ok(
      'POST',
      `/api/incidents/${incident.id}/records`,
      {
        kind: 'reading',
        occurredAt: '2026-12-03T07:45:00Z',
        location: 'Lounge',
        measure: 'room temperature',
        value: 14.5,
        unit: '°C',
      },
      staff.care_worker,
    );
    await ok(
      'POST',
      `/api/incidents/${incident.id}/records`,
      {
        kind: 'hazard',
        occurredAt: '2026-12-03T07:50:00Z',
        location: 'Bathroom',
        note: 'No hot water: risk of cold washes.',
      },
      staff.care_worker,
    );
    // The readings are in the chronology of each person affected, in words.
    const chronology = (await ok('GET', `/api/people/${eve.id}/chronology`)).items;
    expect(chronology).toContainEqual(
      expect.objectContaining({ kindLabel: 'Incident reading', text: 'Room temperature at Lounge: 14.5 °C' }),
    );
    const heaters = await ok('POST', `/api/incidents/${incident.id}/measures`, {
      kind: 'temporary_equipment',
      description: 'Oil-filled heaters in every bedroom.',
      ownerId: staff.manager.userId,
      startsAt: '2026-12-03T08:30:00Z',
    });
    await ok('POST', `/api/incidents/${incident.id}/measures`, {
      kind: 'room_move',
      description: 'Eve moved to the warmer ground-floor lounge by day.',
      personId: eve.id,
      ownerId: staff.manager.userId,
      startsAt: '2026-12-03T09:00:00Z',
    });

    at('2026-12-03T08:15:00Z');
    const proposals = (await ok('GET', `/api/incidents/${incident.id}/proposed-messages`)).items;
    const repair = proposals.find((proposal: { key: string }) => proposal.key.startsWith('organisation:'));
    expect(repair).toMatchObject({ partnerOrganisationName: 'Greenway Housing' });
    expect(repair.draft).toMatchObject({ template: 'request', askType: 'action' });
    const request = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      ...repair.draft,
      partnerContactId: officer.id,
      seniorContactId: head.id,
      deadline: '2026-12-03T10:00:00Z',
    });
    expect(request.escalationRoute.steps.map((step: { target: string }) => step.target)).toEqual([
      'senior_contact',
      'internal_manager',
    ]);

    at('2026-12-03T08:45:00Z');
    await asPartner(request.partnerLink, '/acknowledge', { name: 'Pat Lee', role: 'Housing officer' });
    at('2026-12-03T10:05:00Z');
    expect((await sweep()).fired).toBe(1); // the head of repairs, by email with a new link
    const headEmail = await t.db
      .selectFrom('email_outbox')
      .select('to_address')
      .where('subject_id', '=', request.id)
      .where('subject', 'like', 'Reminder:%')
      .execute();
    expect(headEmail.map((email) => email.to_address)).toEqual([head.email]);
    at('2026-12-03T10:20:00Z');
    await asPartner(request.partnerLink, '/respond', {
      name: 'Jo Park',
      role: 'Head of Repairs',
      kind: 'decision',
      response: 'An engineer will replace the boiler tomorrow at 8am; alternative rooms approved tonight.',
    });
    at('2026-12-03T10:35:00Z');
    expect((await sweep()).fired).toBe(0); // the response stopped the manager step

    at('2026-12-03T12:00:00Z');
    await ok('POST', `/api/incidents/${incident.id}/records`, {
      kind: 'decision',
      occurredAt: '2026-12-03T12:00:00Z',
      decision: 'Eve to stay at the respite flat tonight.',
      evidence: 'Lounge at 14.5 °C; housing will not repair until tomorrow.',
      rationale: 'She is 88 with a respiratory condition; one cold night risks a chest infection.',
    });
    at('2026-12-03T16:00:00Z');
    await ok('POST', `/api/incidents/${incident.id}/measures/${heaters.id}/end`, {
      endedAt: '2026-12-03T16:00:00Z',
    });
    at('2026-12-03T17:00:00Z');
    const closed = await ok('POST', `/api/incidents/${incident.id}/close`, {
      endedAt: '2026-12-03T16:00:00Z',
      confirmOutstanding: true,
    });
    const figures = closed.figures;
    expect(figures.incident.durationMinutes).toBe(540);
    expect(figures.firstPartnerContact).toMatchObject({ minutesFromStart: 75, partner: 'Greenway Housing' });
    expect(figures.partners).toEqual([
      expect.objectContaining({
        name: 'Greenway Housing',
        firstAcknowledgementMinutes: 30,
        medianMinutesToRespond: 125,
        notResponded: 0,
      }),
    ]);
    expect(figures.escalated).toEqual([
      expect.objectContaining({
        stepsFired: 1,
        furthestTarget: 'senior_contact',
        reachedManagers: false,
        answered: true,
      }),
    ]);
    expect(figures.nonResponses).toEqual([]);
    expect(
      figures.measures.map((measure: { minutesInPlace: number | null }) => measure.minutesInPlace),
    ).toEqual([450, null]);

    const learning = await ok('POST', `/api/incidents/${incident.id}/learning-actions`, {
      action: 'Agree a heating-failure protocol with Greenway Housing.',
      ownerId: staff.registered_manager.userId,
      dueOn: '2027-01-15',
    });
    expect(learning).toEqual([expect.objectContaining({ dueOn: '2027-01-15', doneAt: null })]);

    const html = await api('GET', `/api/incidents/${incident.id}/review.html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('First partner contact: Greenway Housing, 1 h 15 min after the start');
    expect(html.body).toContain('Agree a heating-failure protocol');
    // The people affected and their levels, the readings and hazards, and the timeline are in it too.
    expect(html.body).toContain(
      'Eve Marsh, Holly House: high risk. Has a respiratory condition: cold and damp worsen breathing. Aged 88: at risk from the cold. Ranked with the standard points table.',
    );
    expect(html.body).toContain('Fred Knox, Holly House: low risk.');
    expect(html.body).toMatch(
      /3 December 2026 at 07:45, Staff \w+: reading at Lounge: room temperature, 14\.5 °C\.<\/li>/,
    );
    expect(html.body).toMatch(
      /3 December 2026 at 07:50, Staff \w+: hazard at Bathroom: No hot water: risk of cold washes\.<\/li>/,
    );
    expect(html.body).toContain('<h2>Timeline to closing</h2>');
    expect(html.body).toContain('3 December 2026 at 17:00: Incident closed.');
    const pdf = await api('GET', `/api/incidents/${incident.id}/review.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('safeguarding coordination under uncertainty', () => {
  it('seeks advice early under a safeguarding authorisation, records the decision it supports, and reviews it', async () => {
    at('2026-12-05T08:00:00Z');
    const gwen = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Gwen',
      familyName: 'Tate',
      flags: ['dementia'],
    });
    const { organisation: hub, contact: duty } = await partnerWithContact(
      t,
      orgId,
      { name: 'Adult Safeguarding Hub', type: 'safeguarding_team' },
      { name: 'Duty Officer' },
    );
    await authoriseSafeguardingShare(
      t.db,
      manager,
      gwen.id,
      {
        partnerOrganisationIds: [hub.id],
        partnerContactIds: [],
        partnerTypes: [],
        categories: ['identity', 'health', 'safeguarding'],
        rationale:
          'Distress and unexplained bruising since the staffing changes; advice needed on threshold.',
      },
      t.clock,
    );

    at('2026-12-05T09:30:00Z');
    const incident = await ok('POST', '/api/incidents', {
      type: 'staffing',
      title: 'Agency cover on the dementia unit',
      summary: 'Unfamiliar agency staff on the unit this week; one resident is increasingly distressed.',
      severity: 'moderate',
      startedAt: '2026-12-05T09:00:00Z',
      leadId: staff.registered_manager.userId,
      partnerLiaisonId: staff.manager.userId,
    });
    await ok('POST', `/api/incidents/${incident.id}/people`, { personIds: [gwen.id] });

    at('2026-12-05T10:00:00Z');
    const consultation = await ok('POST', `/api/incidents/${incident.id}/messages`, {
      template: 'safeguarding',
      askType: 'advice',
      urgency: 'urgent',
      partnerOrganisationId: hub.id,
      partnerContactId: duty.id,
      personId: gwen.id,
      purpose: 'safeguarding',
      categories: ['identity', 'health', 'safeguarding'],
      subject: 'Safeguarding consultation: threshold advice',
      summary:
        'Since Monday 30 November, Gwen has been distressed and has two unexplained bruises on her forearm.',
      impact: 'She is frightened of some agency staff and refused personal care twice today.',
      mitigations: 'Only permanent staff now support her; body map completed; GP informed.',
      ask: 'Please advise by 12pm today whether this meets the threshold for a referral, and what protective actions we should take now.',
      deadline: '2026-12-05T12:00:00Z',
    });
    expect(consultation.shareId).not.toBeNull();
    const share = await t.db
      .selectFrom('share_log')
      .select('basis')
      .where('id', '=', consultation.shareId)
      .executeTakeFirstOrThrow();
    expect(share.basis).toBe('safeguarding');

    at('2026-12-05T10:35:00Z');
    await ok(
      'POST',
      `/api/messages/${consultation.id}/contacts`,
      {
        kind: 'call',
        how: 'phone',
        partnerName: 'Sam Reid',
        partnerRole: 'Duty safeguarding officer',
        summary: 'Called to say they have it and will reply within the hour.',
        occurredAt: '2026-12-05T10:30:00Z',
        outcome: 'acknowledged',
      },
      staff.manager,
    );
    at('2026-12-05T11:15:00Z');
    await asPartner(consultation.partnerLink, '/respond', {
      name: 'Sam Reid',
      role: 'Duty safeguarding officer',
      kind: 'advice',
      response:
        'This meets the threshold: make a referral today. Keep agency staff away from Gwen meanwhile.',
    });
    const advice = await t.db
      .selectFrom('advice_records')
      .selectAll()
      .where('message_id', '=', consultation.id)
      .executeTakeFirstOrThrow();
    expect(advice).toMatchObject({ in_writing: true, confirmation_status: 'not_needed' });

    at('2026-12-05T11:30:00Z');
    await ok(
      'POST',
      `/api/incidents/${incident.id}/records`,
      {
        kind: 'decision',
        occurredAt: '2026-12-05T11:30:00Z',
        decision: 'Make a safeguarding referral today; permanent staff only for Gwen.',
        evidence: 'Body map; staff accounts; safeguarding hub advice.',
        rationale: 'The hub advised the threshold is met; delay would leave her at risk.',
        adviceIds: [advice.id],
      },
      staff.registered_manager,
    );
    at('2026-12-05T13:00:00Z');
    const closed = await ok('POST', `/api/incidents/${incident.id}/close`, {}, staff.registered_manager);
    const figures = closed.figures;
    expect(figures.incident.endedAt).toBe('2026-12-05T13:00:00.000Z');
    expect(figures.firstPartnerContact).toMatchObject({
      minutesFromStart: 60,
      partner: 'Adult Safeguarding Hub',
    });
    expect(figures.partners).toEqual([
      expect.objectContaining({
        firstAcknowledgementMinutes: 30,
        medianMinutesToRespond: 75,
        notResponded: 0,
      }),
    ]);
    expect(figures.escalated).toEqual([]);
    expect(figures.decisions).toEqual([
      expect.objectContaining({
        advice: [
          expect.objectContaining({
            givenBy: 'Sam Reid, Duty safeguarding officer',
            confirmation: 'not_needed',
          }),
        ],
      }),
    ]);
  });
});

describe("a person's incidents", () => {
  it("lists the incidents, open and closed, that affected one person, and none of another organisation's", async () => {
    const newIncident = (title: string) =>
      ok('POST', '/api/incidents', {
        type: 'power',
        title,
        summary: 'No power on the estate.',
        severity: 'minor',
        startedAt: t.clock.now().toISOString(),
        leadId: staff.manager.userId,
        partnerLiaisonId: staff.manager.userId,
      });
    const eve = await createTestPerson(t.db, t.clock, orgId, { givenName: 'Eve', familyName: 'Stone' });
    const fay = await createTestPerson(t.db, t.clock, orgId, { givenName: 'Fay', familyName: 'Marsh' });
    const first = await newIncident('First power cut');
    const second = await newIncident('Second power cut');
    await newIncident('Power cut elsewhere');
    await ok('POST', `/api/incidents/${first.id}/people`, { personIds: [eve.id, fay.id] });
    await ok('POST', `/api/incidents/${second.id}/people`, { personIds: [eve.id] });
    await ok('POST', `/api/incidents/${first.id}/close`, { confirmOutstanding: true });

    const titles = async (query: string, who: SignedIn = staff.care_worker) => {
      const response = await api('GET', `/api/incidents?${query}`, undefined, who);
      expect(response.statusCode).toBe(200);
      return response
        .json()
        .items.map((incident: { title: string }) => incident.title)
        .sort();
    };
    expect(await titles(`status=all&personId=${eve.id}`)).toEqual(['First power cut', 'Second power cut']);
    expect(await titles(`status=open&personId=${eve.id}`)).toEqual(['Second power cut']);
    expect(await titles(`status=all&personId=${fay.id}`)).toEqual(['First power cut']);
    const other = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect(await titles(`status=all&personId=${eve.id}`, other.staff.manager)).toEqual([]);
    const malformed = await api('GET', '/api/incidents?personId=eve', undefined, staff.care_worker);
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json())).toContain('personId');
  });
});

describe('access', () => {
  it('lets the auditor read but not run incidents, and keeps admin out', async () => {
    const created = await api('POST', '/api/incidents', {
      type: 'power',
      title: 'Power cut',
      summary: 'No power on the estate.',
      severity: 'minor',
      startedAt: t.clock.now().toISOString(),
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.manager.userId,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await api('GET', `/api/incidents/${id}/timeline`, undefined, staff.auditor)).statusCode).toBe(
      200,
    );
    expect((await api('POST', `/api/incidents/${id}/close`, {}, staff.auditor)).statusCode).toBe(403);
    expect((await api('GET', `/api/incidents/${id}`, undefined, staff.admin)).statusCode).toBe(403);
    expect((await api('POST', '/api/incidents', {}, staff.care_worker)).statusCode).toBe(403);
  });
});

describe('who may be named on an incident', () => {
  it('names only staff who may act: managers lead, staff who work with people own measures and actions', async () => {
    const body = (changes: Record<string, unknown>) => ({
      type: 'power',
      title: 'Power cut at the annexe',
      summary: 'No power in the annexe since 9am.',
      severity: 'minor',
      startedAt: t.clock.now().toISOString(),
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.registered_manager.userId,
      ...changes,
    });
    for (const [field, who] of [
      ['leadId', staff.auditor],
      ['leadId', staff.care_worker],
      ['partnerLiaisonId', staff.auditor],
      ['partnerLiaisonId', staff.admin],
    ] as const) {
      const refused = await api('POST', '/api/incidents', body({ [field]: who.userId }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([
        { field, message: 'Choose a manager or the registered manager.' },
      ]);
    }
    const incident = await ok('POST', '/api/incidents', body({}));
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/incidents/${incident.id}`,
      headers: { ...staff.manager.headers, 'if-match': `"${incident.version}"` },
      payload: { leadId: staff.auditor.userId },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().errors).toEqual([expect.objectContaining({ field: 'leadId' })]);

    const measure = (ownerId: string) =>
      api('POST', `/api/incidents/${incident.id}/measures`, {
        kind: 'additional_checks',
        description: 'Torches and hourly checks.',
        ownerId,
        startsAt: t.clock.now().toISOString(),
      });
    for (const who of [staff.auditor, staff.admin]) {
      const refused = await measure(who.userId);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([
        {
          field: 'ownerId',
          message: 'Choose a member of staff who works with people (not the auditor).',
        },
      ]);
    }
    expect((await measure(staff.care_worker.userId)).statusCode).toBe(201);
    const action = await api('POST', `/api/incidents/${incident.id}/learning-actions`, {
      action: 'Check the annexe’s emergency lighting.',
      ownerId: staff.auditor.userId,
      dueOn: '2027-01-15',
    });
    expect(action.statusCode).toBe(400);
    expect(action.json().errors).toEqual([expect.objectContaining({ field: 'ownerId' })]);
  });
});
