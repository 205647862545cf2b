import { sql } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionsLasting, testAppForFile } from '../../test/app-for-test.ts';
import { createTestChannel } from '../../test/factories.ts';
import { withDatabaseName } from '../../test/postgres-names.ts';
import { answerAs, okAs } from '../../test/requests.ts';
import {
  cancelPendingEscalationSteps,
  partnerWithContact,
  type Staff,
  staffedOrganisation,
  sweepMessageEscalations,
} from '../../test/scenarios.ts';
import { createDatabase, type DatabaseHandle } from '../db/create-db.ts';
import { fireDueSteps } from '../escalation/escalation-steps.service.ts';
import { messageEscalationHandler } from './message-escalation.ts';

// Escalation of real messages at the edges of time: outside the partner's staffed hours, and
// across the clock changes on the last Sundays of October and March (Europe/London).

const t = testAppForFile({
  config: { signInAttemptsPerMinute: 10_000, ...sessionsLasting(400) },
  at: '2026-10-23T09:00:00Z',
});
let staff: Staff;
let orgId: string;

beforeAll(async () => {
  ({ staff, orgId } = await staffedOrganisation(t));
});
beforeEach(() => cancelPendingEscalationSteps(t));

const weekdays = {
  monday: ['09:00-17:00'],
  tuesday: ['09:00-17:00'],
  wednesday: ['09:00-17:00'],
  thursday: ['09:00-17:00'],
  friday: ['09:00-17:00'],
};

/** A housing provider whose duty line is staffed on weekdays, with a separate out-of-hours line. */
async function housingProvider() {
  const { organisation, contact } = await partnerWithContact(t, orgId, { type: 'housing' });
  await createTestChannel(
    t.db,
    t.clock,
    orgId,
    { partnerOrganisationId: organisation.id },
    {
      kind: 'duty_line',
      value: '0300 111 2222',
      urgencies: ['urgent', 'routine'],
      hours: weekdays,
    },
  );
  await createTestChannel(
    t.db,
    t.clock,
    orgId,
    { partnerOrganisationId: organisation.id },
    {
      kind: 'out_of_hours_line',
      value: '0300 999 8888',
      urgencies: ['out_of_hours'],
      hours: '24/7',
    },
  );
  return { organisation, contact };
}

function send(body: Record<string, unknown>) {
  return answerAs(t.app, 201, 'POST', '/api/messages', staff.care_worker, {
    template: 'request',
    askType: 'action',
    subject: 'No heating in the building',
    summary: 'Since 6am today the heating at Oak House has not worked.',
    impact: 'Twelve tenants are without heating.',
    mitigations: 'Portable heaters are in place for the four frailest tenants.',
    ask: 'Please send an engineer to repair the boiler.',
    ...body,
  });
}

const sweep = () => sweepMessageEscalations(t);
const thread = (id: string) => okAs(t.app, 'GET', `/api/messages/${id}`, staff.manager);

async function callItems(messageId: string) {
  return t.db
    .selectFrom('attention_items')
    .select(['kind', 'title'])
    .where('subject_id', '=', messageId)
    .orderBy('created_at')
    .execute();
}

describe('out of hours', () => {
  it('an urgent request outside staffed hours goes to the out-of-hours line', async () => {
    t.clock.set('2026-10-23T15:00:00Z'); // Friday 16:00 in London
    const partner = await housingProvider();
    const sent = await send({
      urgency: 'urgent',
      partnerOrganisationId: partner.organisation.id,
      partnerContactId: partner.contact.id,
      deadline: '2026-10-23T17:30:00+01:00',
      escalationRoute: {
        steps: [
          {
            delay: { unit: 'minutes', amount: 15 },
            target: 'duty_or_out_of_hours_channel',
            stopsOnAcknowledgement: true,
          },
        ],
        repeat: null,
      },
    });
    t.clock.set('2026-10-23T16:45:00Z'); // 17:45 in London: the duty line has closed
    expect((await sweep()).fired).toBe(1);
    expect(await callItems(sent.id)).toEqual([
      {
        kind: 'call_partner',
        title: `Call ${partner.organisation.name} on the out-of-hours line: 0300 999 8888`,
      },
    ]);
    const [event] = (await thread(sent.id)).events.filter(
      (each: { kind: string }) => each.kind === 'escalated',
    );
    expect(event.details).toMatchObject({
      target: 'duty_or_out_of_hours_channel',
      channel: 'out_of_hours_line',
      outOfHours: true,
    });
  });

  it('a routine request never goes to an out-of-hours line: the step waits for Monday morning', async () => {
    t.clock.set('2026-10-23T13:00:00Z'); // Friday 14:00
    const partner = await housingProvider();
    const sent = await send({
      urgency: 'routine',
      partnerOrganisationId: partner.organisation.id,
      partnerContactId: partner.contact.id,
      deadline: '2026-10-23T16:30:00+01:00',
      escalationRoute: {
        steps: [
          {
            delay: { unit: 'minutes', amount: 30 },
            target: 'duty_or_out_of_hours_channel',
            stopsOnAcknowledgement: true,
          },
        ],
        repeat: null,
      },
    });
    t.clock.set('2026-10-23T16:00:00Z'); // Friday 17:00: closed
    const friday = await sweep();
    expect(friday).toMatchObject({ fired: 0, deferred: 1 });
    t.clock.set('2026-10-26T08:59:00Z'); // Monday 08:59 (GMT after the change)
    expect((await sweep()).fired).toBe(0);
    t.clock.set('2026-10-26T09:00:00Z'); // Monday 09:00 London
    expect((await sweep()).fired).toBe(1);
    expect((await callItems(sent.id)).map((item) => item.title)).toEqual([
      `Call ${partner.organisation.name} on the duty line: 0300 111 2222`,
    ]);
  });
});

describe('clock changes', () => {
  const route = {
    steps: [
      { delay: { unit: 'days', amount: 1 }, target: 'remind_same_contact', stopsOnAcknowledgement: true },
      { delay: { unit: 'hours', amount: 24 }, target: 'internal_manager', stopsOnAcknowledgement: false },
    ],
    repeat: null,
  };

  /** A routine request to a housing provider, due at `deadline` and escalated on the route above. */
  async function sendRoutine(deadline: string) {
    const partner = await housingProvider();
    return send({
      urgency: 'routine',
      partnerOrganisationId: partner.organisation.id,
      partnerContactId: partner.contact.id,
      deadline,
      escalationRoute: route,
    });
  }

  /** How many steps a sweep fires at each moment, in turn. */
  async function firedAt(...moments: string[]) {
    const fired: number[] = [];
    for (const moment of moments) {
      t.clock.set(moment);
      fired.push((await sweep()).fired);
    }
    return fired;
  }

  it('keeps London times across the last Sunday of October', async () => {
    t.clock.set('2026-10-24T09:00:00Z');
    const sent = await sendRoutine('2026-10-24T17:00:00+01:00'); // Saturday 17:00 BST
    // One day later is 17:00 on Sunday, now GMT; 24 hours after that is 17:00 on Monday.
    expect(sent.steps.map((step: { plannedAt: string }) => step.plannedAt)).toEqual([
      '2026-10-25T17:00:00.000Z',
      '2026-10-26T17:00:00.000Z',
    ]);
    expect(
      await firedAt(
        '2026-10-25T16:00:00Z', // 16:00 London: the hour a UTC-minded tool would fire
        '2026-10-25T17:00:00Z',
        '2026-10-26T17:00:00Z',
      ),
    ).toEqual([0, 1, 1]);
    expect((await thread(sent.id)).escalationStepsFired).toBe(2);
  });

  it('keeps London times across the last Sunday of March', async () => {
    t.clock.set('2027-03-27T09:00:00Z');
    const sent = await sendRoutine('2027-03-27T17:00:00Z'); // Saturday 17:00 GMT
    expect(sent.steps.map((step: { plannedAt: string }) => step.plannedAt)).toEqual([
      '2027-03-28T16:00:00.000Z', // Sunday 17:00 BST
      '2027-03-29T16:00:00.000Z',
    ]);
    expect(await firedAt('2027-03-28T15:59:00Z', '2027-03-28T16:00:00Z')).toEqual([0, 1]);
  });
});

describe('two server processes', () => {
  it('fire each due step of real requests exactly once, with one thread entry and one reminder each', async () => {
    t.clock.set('2026-11-02T10:00:00Z');
    const partner = await housingProvider();
    const sent = [];
    for (let index = 0; index < 12; index += 1) {
      sent.push(
        await send({
          urgency: 'urgent',
          partnerOrganisationId: partner.organisation.id,
          partnerContactId: partner.contact.id,
          deadline: '2026-11-02T11:00:00Z',
        }),
      );
    }
    const other = await openSecondProcess();
    try {
      t.clock.set('2026-11-02T12:30:00Z'); // the first three steps of each are due (11:15, 11:45, 12:15)
      const handler = messageEscalationHandler({
        publicUrl: 'https://liaison.example.org',
        keyFile: t.config.mfaKeyFile,
      });
      const sweeps = await Promise.all([
        fireDueSteps(t.db, { clock: t.clock, handler, batchSize: 5, workers: 2 }),
        fireDueSteps(other.db, { clock: t.clock, handler, batchSize: 5, workers: 2 }),
        fireDueSteps(other.db, { clock: t.clock, handler, batchSize: 7 }),
      ]);
      expect(sweeps.reduce((total, sweep) => total + sweep.fired, 0)).toBe(12 * 3);
      const ids = sent.map((message) => message.id);
      const events = await t.db
        .selectFrom('message_events')
        .select(['message_id', sql<number>`count(*)::int`.as('count')])
        .where('kind', '=', 'escalated')
        .where('message_id', 'in', ids)
        .groupBy('message_id')
        .execute();
      expect(events.map((row) => row.count)).toEqual(ids.map(() => 3));
      const steps = await t.db
        .selectFrom('message_events')
        .select(sql<string>`details->>'stepIndex'`.as('step'))
        .where('kind', '=', 'escalated')
        .where('message_id', 'in', ids)
        .execute();
      expect(steps).toHaveLength(36);
      // The reminder to the same contact went by email, once each; the other two were calls to make.
      const reminders = await t.db
        .selectFrom('email_outbox')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('subject_id', 'in', ids)
        .where('subject', 'like', 'Reminder:%')
        .executeTakeFirstOrThrow();
      expect(reminders.count).toBe(12);
      expect((await fireDueSteps(t.db, { clock: t.clock, handler })).fired).toBe(0);
    } finally {
      await other.close();
    }
  });
});

/** Another server process on the same database: a pool of its own on PostgreSQL. */
async function openSecondProcess(): Promise<DatabaseHandle> {
  if (t.backend === 'pglite') return { db: t.db, backend: 'pglite', close: async () => {} } as DatabaseHandle;
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.db);
  return createDatabase({
    backend: 'postgres',
    url: withDatabaseName(process.env.TEST_DATABASE_URL!, rows[0]!.name),
    poolSize: 5,
  });
}
