import { describe, expect, it } from 'vitest';
import { testAppForFile, testConfig } from '../../test/app-for-test.ts';
import { actingAs } from '../../test/scenarios.ts';
import { listAdviceAwaitingConfirmation, listPersonAdvice } from '../advice/advice.service.ts';
import type { RequestContext } from '../context.ts';
import { fireDueSteps } from '../escalation/escalation-steps.service.ts';
import { viewReview } from '../incidents/incident-closing.service.ts';
import { listAffectedPeople } from '../incidents/incident-people.service.ts';
import { listRecords } from '../incidents/incident-records.service.ts';
import { listIncidents } from '../incidents/incidents.service.ts';
import { messageEscalationHandler } from '../partner-messages/message-escalation.ts';
import { listMessages } from '../partner-messages/message-reading.service.ts';
import { checkShare } from '../sharing/sharing.service.ts';
import { loadDemo } from './demo.ts';
import { demoActivity } from './demo-activity.ts';

const t = testAppForFile({ at: '2026-11-21T09:00:00Z' });

let orgId: string;
let context: RequestContext;

describe('the demo organisation', () => {
  it('loads once, with consent that lets each person’s GP be told about their health', async () => {
    const demo = await loadDemo(t.db, { clock: t.clock, password: () => 'demo password for tests' });
    expect(demo.created).toBe(true);
    expect((await loadDemo(t.db, { clock: t.clock })).created).toBe(false);
    orgId = demo.orgId;

    const manager = await t.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', demo.orgId)
      .where('role', '=', 'manager')
      .executeTakeFirstOrThrow();
    context = actingAs(demo.orgId, manager.id, 'manager');
    const gpOf = async (givenName: string) =>
      t.db
        .selectFrom('person_circle_members as member')
        .innerJoin('people as person', (join) =>
          join.onRef('person.org_id', '=', 'member.org_id').onRef('person.id', '=', 'member.person_id'),
        )
        .select(['person.id as personId', 'member.partner_contact_id as contactId'])
        .where('member.org_id', '=', demo.orgId)
        .where('person.given_name', '=', givenName)
        .where('member.role', '=', 'gp')
        .executeTakeFirstOrThrow();

    // Margaret lacks capacity for the decision; her health and welfare attorney consented.
    const margaret = await gpOf('Margaret');
    const forMargaret = await checkShare(t.db, context, {
      personId: margaret.personId,
      input: { partnerContactId: margaret.contactId, purpose: 'health_monitoring', categories: ['health'] },
      clock: t.clock,
    });
    expect(forMargaret).toMatchObject({ allowed: true, basis: 'representative_consent' });
    // Ruth consented herself; her finances were never in scope (her attorney handles those).
    const ruth = await gpOf('Ruth');
    const forRuth = await checkShare(t.db, context, {
      personId: ruth.personId,
      input: { partnerContactId: ruth.contactId, purpose: 'care_coordination', categories: ['care_plan'] },
      clock: t.clock,
    });
    expect(forRuth).toMatchObject({ allowed: true, basis: 'consent' });
    const finances = await checkShare(t.db, context, {
      personId: ruth.personId,
      input: { partnerContactId: ruth.contactId, purpose: 'care_coordination', categories: ['finances'] },
      clock: t.clock,
    });
    expect(finances.allowed).toBe(false);
  });

  it('has partner messages answered, waiting, and overdue; the overdue one escalates when the server starts', async () => {
    const subjectsIn = async (view: Parameters<typeof listMessages>[2]['view']) =>
      (await listMessages(t.db, context, { view, limit: 100, offset: 0 }, t.clock)).map(
        (message) => message.subject,
      );
    const all = await listMessages(t.db, context, { view: 'all', limit: 100, offset: 0 }, t.clock);
    const statusOf = (subject: string) => all.find((message) => message.subject === subject)?.status;
    expect(statusOf(demoActivity.answeredRequest)).toBe('responded');
    expect(statusOf(demoActivity.unacknowledgedUpdate)).toBe('sent');
    expect(statusOf(demoActivity.adviceByPhone)).toBe('responded');
    expect(await subjectsIn('awaiting_acknowledgement')).toEqual(
      expect.arrayContaining([demoActivity.unacknowledgedUpdate, demoActivity.overdueRequest]),
    );
    expect(await subjectsIn('overdue')).toEqual([demoActivity.overdueRequest]);
    expect(await subjectsIn('escalated')).toEqual([]);

    // The scheduler's first sweep at start: the steps that fell due since the deadline fire.
    const sweep = await fireDueSteps(t.db, {
      clock: t.clock,
      handler: messageEscalationHandler({
        publicUrl: 'http://localhost:3000',
        keyFile: testConfig().mfaKeyFile,
      }),
    });
    expect(sweep.failed).toBe(0);
    expect(sweep.fired + sweep.deferred).toBeGreaterThanOrEqual(4);
    expect(await subjectsIn('escalated')).toEqual([demoActivity.overdueRequest]);
    const attention = await t.db
      .selectFrom('attention_items')
      .select(['kind', 'for_role'])
      .where('org_id', '=', orgId)
      .where('resolved_at', 'is', null)
      .execute();
    expect(attention).toContainEqual({ kind: 'escalated_to_manager', for_role: 'manager' });
  });

  it('shows the GP’s advice on the person, and advice given by phone awaiting written confirmation', async () => {
    const wilfred = await t.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', orgId)
      .where('given_name', '=', 'Wilfred')
      .executeTakeFirstOrThrow();
    const advice = await listPersonAdvice(t.db, context, { personId: wilfred.id, clock: t.clock });
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatchObject({
      given_by_name: 'Dr Helena Marchbank',
      received_how: 'partner_link',
      confirmation_status: 'not_needed',
    });
    expect(advice[0]?.amendments).toHaveLength(1);

    const awaiting = await listAdviceAwaitingConfirmation(t.db, context, { limit: 100, offset: 0 });
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]).toMatchObject({
      given_by_name: 'Martha Ellingworth',
      received_how: 'phone',
      confirmation_status: 'requested',
    });
    expect(awaiting[0]?.confirmation_message_id).not.toBeNull();
  });

  it('has a closed incident with its review, and an open one with people ranked and readings', async () => {
    const [closed] = await listIncidents(t.db, context, { status: 'closed', limit: 10, offset: 0 });
    expect(closed).toMatchObject({ title: demoActivity.closedIncident, status: 'closed' });
    expect(closed!.affectedPeople).toBeGreaterThan(0);
    const review = await viewReview(t.db, context, { incidentId: closed!.id, clock: t.clock });
    expect(review.final).toBe(true);
    expect(review.findings).toContain('battery lamps');
    expect(review.learningActions).toHaveLength(1);
    const closedRecords = await listRecords(t.db, context, { incidentId: closed!.id });
    expect(closedRecords.map((record) => record.kind)).toEqual(['decision']);

    const [open] = await listIncidents(t.db, context, { status: 'open', limit: 10, offset: 0 });
    expect(open).toMatchObject({ title: demoActivity.openIncident, type: 'heating', status: 'open' });
    const people = await listAffectedPeople(t.db, context, { incidentId: open!.id });
    expect(people.length).toBeGreaterThan(5);
    expect(people[0]?.level).toBe('high');
    expect(people.find((person) => person.name.startsWith('Harold'))?.observationPlan).toContain('breathing');
    const readings = (await listRecords(t.db, context, { incidentId: open!.id })).filter(
      (record) => record.kind === 'reading',
    );
    expect(readings.map((reading) => reading.value)).toEqual([15.5, 14, 17]);
  });
});
