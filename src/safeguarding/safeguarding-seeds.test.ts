import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile, testConfig } from '../../test/app-for-test.ts';
import { createTestPerson, signIn } from '../../test/factories.ts';
import { answerAs, requestAs, type StaffRequest } from '../../test/requests.ts';
import { type Staff, safeguardingHub, staffedOrganisation } from '../../test/scenarios.ts';
import { fireDueSteps } from '../escalation/escalation-steps.service.ts';
import { messageEscalationHandler } from '../partner-messages/message-escalation.ts';
import type { StaffRole } from '../users/users.table.ts';
import { flagSafeguardingReviews } from './safeguarding-review.job.ts';

// The three operational examples of the safeguarding seed text, run through the API with a
// controlled clock: financial exploitation with a contested threshold (advice, not referred, then
// a referral the local authority is slow to decide), domestic abuse indicators with blocked access
// (the review trigger fires at the third blocked access in 14 days), and peer-on-peer risk (an
// interim restriction flagged the day after its review date).

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-23T09:00:00Z' });
let staff: Staff;
let orgId: string;
let mash: { organisationId: string; contactId: string };

/** Moves the clock and signs everyone in again, as sessions end after hours idle. */
async function setClock(at: string) {
  t.clock.set(at);
  for (const role of Object.keys(staff) as StaffRole[]) {
    staff[role] = { ...(await signIn(t.app, staff[role].email)), email: staff[role].email };
  }
}

const call = (...request: StaffRequest) => requestAs(t.app, ...request);
const ok = (status: number, ...request: StaffRequest) => answerAs(t.app, status, ...request);

async function personWithAuthorisation() {
  const person = await createTestPerson(t.db, t.clock, orgId);
  await ok(201, 'POST', `/api/people/${person.id}/safeguarding-authorisations`, staff.manager, {
    partnerOrganisationIds: [mash.organisationId],
    categories: ['identity', 'safeguarding', 'risk', 'finances'],
    rationale: 'Risk of abuse; asking for consent could increase the risk.',
  });
  return person;
}

const entry = (kind: string, occurredAt: string, facts: string) => ({
  kind,
  occurredAt,
  facts,
  source: 'staff',
  actionTaken: 'Recorded and told the manager.',
});

beforeAll(async () => {
  ({ staff, orgId } = await staffedOrganisation(t));
  const { organisation, contact } = await safeguardingHub(t, staff);
  mash = { organisationId: organisation.id, contactId: contact.id };
}, 60_000);

describe('safeguarding seed examples', () => {
  it('financial exploitation: advice sought and recorded, not referred, then a referral chased when the local authority is silent', async () => {
    const person = await personWithAuthorisation();
    const concern = await ok(201, 'POST', '/api/safeguarding/concerns', staff.care_worker, {
      personId: person.id,
      occurredAt: '2026-11-23T08:00:00Z',
      whatHappened: 'Money ran out two days after benefits were paid; new acquaintances visit often.',
      category: 'financial_or_material',
      locationOfRisk: 'own_home',
      sourceKind: 'known_to_individual',
      sourceDescription: 'New acquaintance, first name Dan',
      immediateActions: 'Supported budgeting; essentials checked.',
      level: 'medium',
    });
    // Staff record a direct quote.
    await ok(201, 'POST', `/api/safeguarding/concerns/${concern.id}/entries`, staff.care_worker, {
      ...entry('distress', '2026-11-23T08:30:00Z', 'Became anxious when asked about money.'),
      source: 'person',
      quotes: [{ speaker: 'The person', words: 'Dan says I owe him.' }],
      present: ['Support worker'],
    });
    const request = await ok(
      201,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/advice-requests`,
      staff.manager,
      {
        urgency: 'routine',
        subject: 'Threshold advice: possible financial abuse',
        summary:
          'Since payday on Friday 20 November the money ran out within two days, as it did last month.',
        impact: 'Loss of essentials; anxiety.',
        mitigations: 'Money-safety routine; budgeting support.',
        question: 'Is the threshold for a section 42 enquiry met, and what more would help decide?',
        deadline: '2026-11-24T17:00:00Z',
        categories: ['safeguarding', 'finances'],
      },
    );
    // The answer carries the partner's link once, and its id to record handing it over another way.
    expect(request).toMatchObject({ partnerLinkId: expect.any(String), partnerContactName: 'Sam Duty' });
    await setClock('2026-11-23T12:00:00Z');
    await ok(200, 'POST', `/api/safeguarding/concerns/${concern.id}/advice`, staff.manager, {
      messageId: request.messageId,
      adviserName: 'Sam Duty',
      adviserRole: 'MASH duty social worker',
      guidanceApplied: 'Exampleton threshold guidance 2025, financial abuse section',
      advice: 'Threshold not met yet: keep a chronology of money and visitors; call back if it continues.',
      howApplied: 'Money log started; visits recorded; reviewed weekly.',
      givenAt: '2026-11-23T11:00:00Z',
      receivedHow: 'phone',
    });
    const notReferred = await ok(
      200,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/status`,
      staff.manager,
      {
        status: 'not_referred',
        reason: 'Local safeguarding link advised the threshold is not met yet.',
      },
    );
    expect(notReferred.status).toBe('not_referred');
    expect(notReferred.advice[0].guidanceApplied).toContain('threshold guidance');
    expect(notReferred.messages[0]).toMatchObject({ purpose: 'threshold_advice', status: 'responded' });

    // More loss: the manager refers. The decision is due two working days later.
    await setClock('2026-11-27T10:00:00Z'); // Friday
    const draft = await ok(
      200,
      'GET',
      `/api/safeguarding/concerns/${concern.id}/referral-draft`,
      staff.manager,
    );
    expect(draft.text).toContain('Dan says I owe him');
    expect(draft.decisionDueAt).toBe('2026-12-01T10:00:00.000Z');
    const referral = await ok(
      201,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/referral`,
      staff.manager,
      {
        partnerOrganisationId: mash.organisationId,
        partnerContactId: mash.contactId,
        urgency: 'routine',
        subject: 'Section 42 safeguarding concern',
        referral: draft.text,
        risk: 'Continuing loss of money for essentials.',
        interimSafeguards: 'Money-safety routine; agreed visiting times with staff present.',
        consentToReferral: 'not_asked',
        basisWithoutConsent: 'Asking could increase the risk from the acquaintance.',
        categories: ['identity', 'safeguarding', 'finances'],
      },
    );
    expect(referral.deadline).toBe('2026-12-01T10:00:00.000Z');

    // The local authority is silent: the message's escalation chases it, and the sweep flags it.
    await setClock('2026-12-02T12:00:00Z');
    const fired = await fireDueSteps(t.db, {
      clock: t.clock,
      handler: messageEscalationHandler({
        publicUrl: 'https://liaison.example.org',
        keyFile: testConfig().mfaKeyFile,
      }),
    });
    expect(fired.fired).toBeGreaterThan(0);
    expect(
      await flagSafeguardingReviews(t.db, { clock: t.clock, publicUrl: 'https://liaison.example.org' }),
    ).toBe(1);
    const overdue = await ok(
      200,
      'GET',
      '/api/safeguarding/concerns?view=overdue_for_decision',
      staff.manager,
    );
    expect(overdue.items.map((item: { id: string }) => item.id)).toEqual([concern.id]);
    const chronology = await ok(
      200,
      'GET',
      `/api/safeguarding/concerns/${concern.id}/chronology`,
      staff.manager,
    );
    expect(chronology.items.map((item: { kindLabel: string }) => item.kindLabel)).toContain(
      'Escalated: no answer by the deadline',
    );

    const decided = await ok(
      200,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/decision`,
      staff.manager,
      {
        decision: 's42_duty_met',
        reason: 'Care and support needs; experiencing financial abuse; unable to protect themself.',
        feedback: 'Enquiry allocated to the locality team.',
        decidedAt: '2026-12-02T11:30:00Z',
        receivedHow: 'email',
        partnerName: 'Sam Duty',
      },
    );
    expect(decided.status).toBe('enquiry');
    expect(decided.localAuthorityDecision.decision).toBe('s42_duty_met');
    expect(decided.alerts).toEqual([]);
  });

  it('domestic abuse indicators: the review trigger fires at the third blocked access within 14 days', async () => {
    await setClock('2026-12-07T09:00:00Z');
    const person = await personWithAuthorisation();
    const concern = await ok(201, 'POST', '/api/safeguarding/concerns', staff.care_worker, {
      personId: person.id,
      occurredAt: '2026-11-25T09:00:00Z',
      whatHappened: 'A household member insisted on staying present; the person seemed fearful.',
      category: 'domestic_abuse',
      locationOfRisk: 'own_home',
      sourceKind: 'known_to_individual',
      sourceDescription: 'Household member',
      immediateActions: 'Care given with two staff; manager told.',
      level: 'high',
    });
    await ok(200, 'POST', `/api/safeguarding/concerns/${concern.id}/plans`, staff.manager, {
      measures: [
        'varied_visit_times',
        'two_person_visits',
        'manager_led_welfare_calls',
        'no_discussion_in_the_home',
      ],
      arrangements:
        'Two staff at each visit; times varied; welfare call by the manager when the person is alone.',
      reviewOn: '2026-12-21',
    });
    const withTriggers = await ok(
      200,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/triggers`,
      staff.manager,
      {
        kinds: ['blocked_access'],
        threshold: 3,
        windowDays: 14,
      },
    );
    await ok(200, 'POST', `/api/safeguarding/concerns/${concern.id}/triggers`, staff.manager, {
      kinds: ['visible_injury', 'threat'],
      threshold: 1,
      windowDays: null,
    });
    expect(withTriggers.triggers[0].inWords).toBe('3 blocked access entries within 14 days');

    const blocked = async (at: string) =>
      (
        await ok(
          201,
          'POST',
          `/api/safeguarding/concerns/${concern.id}/entries`,
          staff.care_worker,
          entry('blocked_access', at, 'Door not opened; household member said she was asleep.'),
        )
      ).triggersMet as string[];
    expect(await blocked('2026-11-20T09:00:00Z')).toEqual([]);
    // 15 days later: the first is out of the window.
    expect(await blocked('2026-12-05T09:00:00Z')).toEqual([]);
    expect(await blocked('2026-12-06T09:00:00Z')).toEqual([]);
    const third = await blocked('2026-12-07T08:00:00Z');
    expect(third).toHaveLength(1);

    const full = await ok(200, 'GET', `/api/safeguarding/concerns/${concern.id}`, staff.manager);
    expect(full.escalationPrompt).toContain('consider escalating');
    expect(full.alerts.map((alert: { kind: string }) => alert.kind)).toEqual(['trigger_met']);
    const attention = await ok(200, 'GET', '/api/attention', staff.manager);
    expect(attention.items).toContainEqual(
      expect.objectContaining({
        kind: 'review_trigger_met',
        subject: expect.objectContaining({ type: 'concern', id: concern.id }),
      }),
    );
    // The item names the concern by its category only.
    expect(JSON.stringify(attention.items)).not.toContain(person.family_name);
    const emails = await t.db
      .selectFrom('email_outbox')
      .select(['subject', 'text_body'])
      .where('org_id', '=', orgId)
      .where('subject', '=', 'A safeguarding concern needs your review')
      .execute();
    expect(emails.length).toBeGreaterThan(0);
    expect(emails[0]!.text_body).not.toContain(person.family_name);
    const chronology = await ok(
      200,
      'GET',
      `/api/safeguarding/concerns/${concern.id}/chronology`,
      staff.manager,
    );
    const fired = chronology.items.filter(
      (item: { kindLabel: string }) => item.kindLabel === 'Review trigger met',
    );
    expect(fired).toHaveLength(1);
    // Recorded at the moment of the entry that met it.
    expect(fired[0].occurredAt).toBe('2026-12-07T08:00:00.000Z');

    // A visible injury meets the single-entry trigger straight away.
    const injury = await ok(
      201,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/entries`,
      staff.care_worker,
      entry('visible_injury', '2026-12-07T08:30:00Z', 'Bruise on the left forearm, about 3 cm.'),
    );
    expect(injury.triggersMet).toHaveLength(1);

    // Marked dealt with in one place, the review is dealt with in the other too, in the manager's
    // name: first under needs attention, then on the concern's page.
    const openItem = async () =>
      (await ok(200, 'GET', '/api/attention', staff.manager)).items.find(
        (item: { subject: { id: string }; resolvedAt: string | null }) =>
          item.subject.id === concern.id && item.resolvedAt === null,
      );
    const item = await openItem();
    expect(item).toMatchObject({ kind: 'review_trigger_met' });
    const dealtWithThere = await call('POST', `/api/attention/${item.id}/resolve`, staff.manager, {
      note: 'Discussed with the team; welfare call booked.',
    });
    expect(dealtWithThere.statusCode, dealtWithThere.body).toBe(204);
    const afterAttention = await ok(200, 'GET', `/api/safeguarding/concerns/${concern.id}`, staff.manager);
    expect(afterAttention.alerts).toEqual([]);
    expect(afterAttention.escalationPrompt).toBeNull();

    await ok(
      201,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/entries`,
      staff.care_worker,
      entry('threat', '2026-12-07T08:45:00Z', 'Household member said: "You will not come back here."'),
    );
    const flagged = await ok(200, 'GET', `/api/safeguarding/concerns/${concern.id}`, staff.manager);
    expect(flagged.alerts).toHaveLength(1);
    expect(await openItem()).toMatchObject({ kind: 'review_trigger_met' });
    const dealtWithHere = await call(
      'POST',
      `/api/safeguarding/concerns/${concern.id}/alerts/${flagged.alerts[0].id}/resolve`,
      staff.manager,
      { note: 'Police informed of the threat.' },
    );
    expect(dealtWithHere.statusCode, dealtWithHere.body).toBe(200);
    expect(dealtWithHere.json().alerts).toEqual([]);
    expect(await openItem()).toBeUndefined();
    // Each audit entry counts what it settled in the other place: the one item stood for both
    // triggers met (the blocked access and the injury), each a flag of its own on the concern.
    const settled = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('org_id', '=', orgId)
      .where('action', 'in', ['attention_item.resolve', 'concern_alert.resolve'])
      .orderBy('id')
      .execute();
    expect(settled.map((event) => [event.action, event.details])).toEqual([
      ['attention_item.resolve', expect.objectContaining({ subjectId: concern.id, alsoSettled: 2 })],
      ['concern_alert.resolve', expect.objectContaining({ attentionItemsResolved: 1 })],
    ]);
    const dealtWith = (await ok(200, 'GET', '/api/attention?open=false', staff.manager)).items.filter(
      (resolved: { subject: { id: string } }) => resolved.subject.id === concern.id,
    );
    expect(
      dealtWith.map((resolved: { resolvedAutomatically: boolean }) => resolved.resolvedAutomatically),
    ).toEqual([false, false]);
  });

  it('peer-on-peer risk: an interim restriction is flagged the day after its review date, and only a review extends it', async () => {
    await setClock('2026-12-07T10:00:00Z');
    const person = await createTestPerson(t.db, t.clock, orgId);
    const tenant = await createTestPerson(t.db, t.clock, orgId);
    const concern = await ok(201, 'POST', '/api/safeguarding/concerns', staff.care_worker, {
      personId: person.id,
      occurredAt: '2026-12-07T02:00:00Z',
      whatHappened: 'Reports another tenant entered their room at night and made threats.',
      category: 'psychological',
      locationOfRisk: 'in_a_community_service',
      locationDetail: 'Elm Court, first floor',
      sourceKind: 'person_supported',
      sourcePersonId: tenant.id,
      immediateActions: 'Night checks; door sensor fitted.',
      level: 'high',
    });
    const restrictions = `/api/safeguarding/concerns/${concern.id}/restrictions`;
    const restriction = {
      personId: tenant.id,
      restriction: 'Door sensor alerts staff when the tenant leaves their flat at night.',
      reason: 'Threats at night.',
      legalBasis: 'other',
      legalBasisNote: 'Tenancy agreement clause on safety of others; agreed at the planning meeting.',
      leastRestrictiveConsidered: 'Night checks alone were tried first.',
      startsOn: '2026-12-07',
    };
    const withoutReviewDate = await call('POST', restrictions, staff.manager, restriction);
    expect(withoutReviewDate.statusCode).toBe(400);
    expect(withoutReviewDate.json().errors.map((error: { field: string }) => error.field)).toContain(
      'reviewOn',
    );

    const withRestriction = await ok(200, 'POST', restrictions, staff.manager, {
      ...restriction,
      reviewOn: '2026-12-21',
    });
    const restrictionId = withRestriction.restrictions[0].id;
    const sweep = () =>
      flagSafeguardingReviews(t.db, { clock: t.clock, publicUrl: 'https://liaison.example.org' });

    t.clock.set('2026-12-21T23:30:00Z'); // 23:30 on the review date in London: not yet
    expect(await sweep()).toBe(0);
    await setClock('2026-12-22T00:30:00Z'); // the day after
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);
    const register = await ok(200, 'GET', '/api/safeguarding/restrictions?view=past_review', staff.auditor);
    expect(register.items.map((item: { id: string }) => item.id)).toEqual([restrictionId]);
    const flagged = await ok(200, 'GET', `/api/safeguarding/concerns/${concern.id}`, staff.manager);
    expect(flagged.alerts.map((alert: { kind: string }) => alert.kind)).toEqual(['restriction_past_review']);

    // The monthly review, recorded though the sensor was not used, extends it.
    const reviewed = await ok(
      200,
      'POST',
      `/api/safeguarding/concerns/${concern.id}/restrictions/${restrictionId}/reviews`,
      staff.manager,
      {
        reviewedOn: '2026-12-22',
        usedSinceLastReview: false,
        findings: 'No night alerts; threats have stopped since the planning meeting.',
        outcome: 'continue',
        nextReviewOn: '2027-01-19',
      },
    );
    expect(reviewed.restrictions[0]).toMatchObject({ reviewOn: '2027-01-19', pastReview: false });
    expect(reviewed.alerts).toEqual([]);

    const related = await ok(200, 'GET', `/api/safeguarding/concerns/${concern.id}/related`, staff.manager);
    expect(related.items).toEqual([]);
  });
});
