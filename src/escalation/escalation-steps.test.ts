import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/app-for-test.ts';
import { createTestOrganisation } from '../../test/factories.ts';
import { cancelPendingEscalationSteps } from '../../test/scenarios.ts';
import { inLondon } from '../calendar/london-time.ts';
import { ManualClock } from '../clock.ts';
import type { DatabaseHandle } from '../db/create-db.ts';
import type { Db } from '../db/database.ts';
import {
  cancellationFor,
  defaultRoutes,
  type EscalationRoute,
  nextStepsAfter,
  type PlannedStep,
  planSteps,
} from './escalation-routes.ts';
import {
  auditFiredStep,
  cancelSteps,
  type DueEscalationStep,
  type EscalationStepHandler,
  type EscalationSubject,
  findSteps,
  fireDueSteps,
  scheduleSteps,
} from './escalation-steps.service.ts';

let database: DatabaseHandle;
let db: Db;
let orgId: string;
const clock = new ManualClock('2026-11-21T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  orgId = (await createTestOrganisation(db, clock)).id;
});
afterAll(async () => {
  await database.close();
});
// Each test starts with nothing pending, so a sweep fires only the steps that test scheduled.
beforeEach(() => cancelPendingEscalationSteps({ db, clock }, 'test reset'));

function newRequest(): EscalationSubject {
  return { orgId, type: 'request', id: randomUUID() };
}

async function schedule(subject: EscalationSubject, plan: PlannedStep[]) {
  return db.transaction().execute((trx) => scheduleSteps(trx, { subject, plan, at: clock.now() }));
}

/** A handler that remembers what fired and when, and audits it as the real job does. */
function recordingHandler() {
  const fired: { step: DueEscalationStep; firedAt: Date }[] = [];
  const handler: EscalationStepHandler = async (trx, step, context) => {
    fired.push({ step, firedAt: context.firedAt });
    return auditFiredStep(trx, step, context);
  };
  return { fired, handler };
}

async function firedAuditCounts(handle: Db, stepIds: string[]): Promise<Map<string, number>> {
  if (stepIds.length === 0) return new Map();
  const rows = await handle
    .selectFrom('audit_events')
    .select(['entity_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('action', '=', 'escalation.step_fired')
    .where('entity_id', 'in', stepIds)
    .groupBy('entity_id')
    .execute();
  return new Map(rows.map((row) => [row.entity_id!, Number(row.count)]));
}

const local = (at: Date) => inLondon(at).toFormat('ccc d LLL HH:mm ZZZZ');

describe('a request walked through its route with a controlled clock', () => {
  it('fires each step at its due moment and not a minute before, up to the registered manager', async () => {
    const subject = newRequest();
    const deadline = new Date('2026-11-23T12:00:00Z');
    clock.set('2026-11-23T09:00:00Z');
    const plan = planSteps(defaultRoutes.request_decision.urgent, { deadline, sentAt: clock.now() });
    await schedule(subject, plan);
    const { fired, handler } = recordingHandler();
    for (const planned of plan) {
      clock.set(new Date(planned.dueAt.getTime() - 60_000));
      const early = await fireDueSteps(db, { clock, handler });
      expect(early.fired, `step ${planned.index} a minute early`).toBe(0);
      clock.set(planned.dueAt);
      expect((await fireDueSteps(db, { clock, handler })).fired, `step ${planned.index} when due`).toBe(1);
      expect(fired.at(-1)).toMatchObject({ step: { stepIndex: planned.index, target: planned.target } });
    }
    expect(fired.map((each) => each.step.target)).toEqual(plan.map((planned) => planned.target));
    expect(fired.map((each) => each.step.target)).toContain('internal_registered_manager');
    const rows = await findSteps(db, subject);
    expect(rows.every((row) => row.status === 'fired' && row.attempts === 1)).toBe(true);
    expect([
      ...(
        await firedAuditCounts(
          db,
          rows.map((row) => row.id),
        )
      ).values(),
    ]).toEqual(rows.map(() => 1));
  });

  it('fires at the right London times over the last Sunday of October and of March', async () => {
    const route: EscalationRoute = {
      steps: [
        { target: 'remind_same_contact', delay: { unit: 'hours', amount: 2 }, stopsOnAcknowledgement: true },
        { target: 'senior_contact', delay: { unit: 'days', amount: 1 }, stopsOnAcknowledgement: false },
        {
          target: 'internal_manager',
          delay: { unit: 'next_working_morning' },
          stopsOnAcknowledgement: false,
        },
      ],
      repeat: null,
    };
    const cases = [
      // Saturday 17:00 BST, the clocks go back that night.
      {
        deadline: '2026-10-24T16:00:00Z',
        expected: ['Sat 24 Oct 19:00 BST', 'Sun 25 Oct 19:00 GMT', 'Mon 26 Oct 09:00 GMT'],
      },
      // Saturday 17:00 GMT, the clocks go forward that night.
      {
        deadline: '2026-03-28T17:00:00Z',
        expected: ['Sat 28 Mar 19:00 GMT', 'Sun 29 Mar 19:00 BST', 'Mon 30 Mar 09:00 BST'],
      },
    ];
    for (const { deadline, expected } of cases) {
      const subject = newRequest();
      clock.set(new Date(new Date(deadline).getTime() - 3_600_000));
      await schedule(subject, planSteps(route, { deadline: new Date(deadline), sentAt: clock.now() }));
      const { fired, handler } = recordingHandler();
      // Sweep every five minutes of the clock through three days, as the job would.
      const end = clock.now().getTime() + 3 * 86_400_000;
      while (clock.now().getTime() < end) {
        clock.advance(5 * 60_000);
        await fireDueSteps(db, { clock, handler });
      }
      expect(fired.map((each) => local(each.firedAt))).toEqual(expected);
      expect(fired.map((each) => local(each.step.plannedAt))).toEqual(expected);
    }
  });
});

describe('acknowledgement and response', () => {
  it('acknowledgement cancels the pending reminder steps only; a response cancels the rest', async () => {
    const subject = newRequest();
    const deadline = new Date('2026-11-24T12:00:00Z');
    clock.set('2026-11-24T10:00:00Z');
    const plan = planSteps(defaultRoutes.request_resource.urgent, { deadline, sentAt: clock.now() });
    await schedule(subject, plan);
    const { fired, handler } = recordingHandler();
    const minutesAfter = (minutes: number) => new Date(deadline.getTime() + minutes * 60_000);

    clock.set(minutesAfter(20)); // the first reminder is due
    await fireDueSteps(db, { clock, handler });
    const acknowledgedAt = clock.now();
    const stoppedByAcknowledgement = await db
      .transaction()
      .execute((trx) =>
        cancelSteps(trx, subject, { ...cancellationFor('acknowledged'), at: acknowledgedAt }),
      );
    expect(stoppedByAcknowledgement).toEqual([1, 2]); // the next contact and the duty line

    clock.set(minutesAfter(110)); // the manager has been told
    await fireDueSteps(db, { clock, handler });
    const respondedAt = clock.now();
    const stoppedByResponse = await cancelSteps(db, subject, {
      ...cancellationFor('responded'),
      at: respondedAt,
    });
    expect(stoppedByResponse).toEqual([4, 5, 6, 7, 8, 9]);

    clock.set(minutesAfter(24 * 60));
    await fireDueSteps(db, { clock, handler });
    expect(fired.map((each) => each.step.stepIndex)).toEqual([0, 3]);
    // What the schedule did is what the route's rule says should happen.
    expect(fired.map((each) => each.step.stepIndex)).toEqual(
      nextStepsAfter(plan, { acknowledgedAt, respondedAt }).map((planned) => planned.index),
    );
    const rows = await findSteps(db, subject);
    expect(rows.map((row) => [row.step_index, row.status, row.cancelled_reason])).toEqual([
      [0, 'fired', null],
      [1, 'cancelled', 'acknowledged'],
      [2, 'cancelled', 'acknowledged'],
      [3, 'fired', null],
      ...[4, 5, 6, 7, 8, 9].map((index) => [index, 'cancelled', 'responded']),
    ]);
  });

  it('scheduling the same plan twice adds nothing; after cancelling, a new plan can be scheduled', async () => {
    const subject = newRequest();
    clock.set('2026-11-25T09:00:00Z');
    const plan = planSteps(defaultRoutes.meeting_request.urgent, {
      deadline: new Date('2026-11-25T12:00:00Z'),
      sentAt: clock.now(),
    });
    expect(await schedule(subject, plan)).toBe(3);
    expect(await schedule(subject, plan)).toBe(0);
    await cancelSteps(db, subject, {
      reason: 'deadline moved',
      onlyThoseStoppedByAcknowledgement: false,
      at: clock.now(),
    });
    const later = planSteps(defaultRoutes.meeting_request.urgent, {
      deadline: new Date('2026-11-25T15:00:00Z'),
      sentAt: clock.now(),
    });
    expect(await schedule(subject, later)).toBe(3);
    const rows = await findSteps(db, subject);
    expect(rows.filter((row) => row.status === 'pending').map((row) => row.due_at)).toEqual(
      later.map((planned) => planned.dueAt),
    );
  });
});

describe('a step that cannot act', () => {
  it('fails on its own: the others in its batch fire, its writes roll back, and it is tried again later', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const subjects = Array.from({ length: 5 }, newRequest);
    const route: EscalationRoute = {
      steps: [
        { target: 'internal_manager', delay: { unit: 'minutes', amount: 0 }, stopsOnAcknowledgement: false },
      ],
      repeat: null,
    };
    for (const subject of subjects) {
      await schedule(subject, planSteps(route, { deadline: clock.now(), sentAt: clock.now() }));
    }
    const broken = subjects[2]!.id;
    let breaking = true;
    const handler: EscalationStepHandler = async (trx, step, context) => {
      await auditFiredStep(trx, step, context);
      if (breaking && step.subjectId === broken) throw new Error('The manager alert could not be written');
      return undefined;
    };
    const first = await fireDueSteps(db, { clock, handler, batchSize: 10 });
    expect(first).toEqual({ fired: 4, deferred: 0, failed: 1 });
    const [brokenStep] = await findSteps(db, subjects[2]!);
    expect(brokenStep).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'The manager alert could not be written',
      due_at: new Date('2026-11-27T09:01:00Z'),
      planned_at: new Date('2026-11-27T09:00:00Z'),
    });
    expect((await firedAuditCounts(db, [brokenStep!.id])).get(brokenStep!.id)).toBeUndefined();

    clock.advance(30_000);
    expect((await fireDueSteps(db, { clock, handler })).fired).toBe(0); // not yet time to retry
    clock.advance(30_000);
    expect(await fireDueSteps(db, { clock, handler })).toEqual({ fired: 0, deferred: 0, failed: 1 });
    expect((await findSteps(db, subjects[2]!))[0]).toMatchObject({
      attempts: 2,
      due_at: new Date('2026-11-27T09:03:00Z'),
    });
    breaking = false;
    clock.set('2026-11-27T09:03:00Z');
    expect((await fireDueSteps(db, { clock, handler })).fired).toBe(1);
    const ids = (await Promise.all(subjects.map((subject) => findSteps(db, subject))))
      .flat()
      .map((row) => row.id);
    expect([...(await firedAuditCounts(db, ids)).values()]).toEqual([1, 1, 1, 1, 1]);
  });

  it('may wait for a later moment instead of firing, keeping the time it was planned for', async () => {
    clock.set('2026-11-28T22:00:00Z');
    const subject = newRequest();
    await schedule(
      subject,
      planSteps(defaultRoutes.safeguarding.routine, { deadline: clock.now(), sentAt: clock.now() }).slice(
        0,
        1,
      ),
    );
    clock.set('2026-11-30T09:00:00Z');
    const mondayMorning = new Date('2026-11-30T09:00:00Z');
    const opensLater = new Date('2026-11-30T10:00:00Z');
    const handler: EscalationStepHandler = async (trx, step, context) =>
      context.firedAt < opensLater ? { deferUntil: opensLater } : auditFiredStep(trx, step, context);
    expect(await fireDueSteps(db, { clock, handler })).toEqual({ fired: 0, deferred: 1, failed: 0 });
    expect((await findSteps(db, subject))[0]).toMatchObject({
      status: 'pending',
      fired_at: null,
      planned_at: mondayMorning,
      due_at: opensLater,
    });
    clock.set(opensLater);
    expect(await fireDueSteps(db, { clock, handler })).toEqual({ fired: 1, deferred: 0, failed: 0 });
  });
});
