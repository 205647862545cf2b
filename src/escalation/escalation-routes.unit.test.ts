import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inLondon } from '../calendar/london-time.ts';
import type { ChannelForChoice } from '../partners/channel-choice.ts';
import { escalationRouteSchema } from './escalation.schemas.ts';
import {
  addDelay,
  cancellationFor,
  checkRoute,
  chooseChannelForStep,
  defaultRouteFor,
  defaultRoutes,
  type EscalationRoute,
  type EscalationStep,
  escalationTargets,
  escalationTemplates,
  isPartnerTarget,
  nextStepsAfter,
  planSteps,
  type StepDelay,
} from './escalation-routes.ts';

const local = (at: Date) => inLondon(at).toFormat('ccc d LLL HH:mm ZZZZ');
const step = (
  target: EscalationStep['target'],
  delay: StepDelay,
  stopsOnAcknowledgement = false,
): EscalationStep => ({ target, delay, stopsOnAcknowledgement });

describe('planning across the clock changes', () => {
  it('keeps "1 day after" at the same London time over the last Sunday of March', () => {
    // Saturday 28 March 2026, 17:00 GMT; the clocks go forward at 01:00 on Sunday 29.
    const deadline = new Date('2026-03-28T17:00:00Z');
    const route: EscalationRoute = {
      steps: [
        step('remind_same_contact', { unit: 'days', amount: 1 }, true),
        step('internal_manager', { unit: 'hours', amount: 24 }),
        step('internal_registered_manager', { unit: 'days', amount: 1 }),
      ],
      repeat: null,
    };
    const plan = planSteps(route, { deadline, sentAt: new Date('2026-03-27T10:00:00Z') });
    expect(plan.map((planned) => local(planned.dueAt))).toEqual([
      'Sun 29 Mar 17:00 BST',
      'Mon 30 Mar 17:00 BST',
      'Tue 31 Mar 17:00 BST',
    ]);
    expect(plan[0]!.dueAt).toEqual(new Date('2026-03-29T16:00:00Z'));
  });

  it('keeps "1 day after" at the same London time over the last Sunday of October, where 24 hours would not', () => {
    // Saturday 24 October 2026, 17:00 BST; the clocks go back at 02:00 on Sunday 25.
    const deadline = new Date('2026-10-24T16:00:00Z');
    const sentAt = new Date('2026-10-23T09:00:00Z');
    const byDays = planSteps(
      { steps: [step('remind_same_contact', { unit: 'days', amount: 1 })], repeat: null },
      { deadline, sentAt },
    );
    const byHours = planSteps(
      { steps: [step('remind_same_contact', { unit: 'hours', amount: 24 })], repeat: null },
      { deadline, sentAt },
    );
    expect(local(byDays[0]!.dueAt)).toBe('Sun 25 Oct 17:00 GMT');
    expect(byDays[0]!.dueAt).toEqual(new Date('2026-10-25T17:00:00Z'));
    // Elapsed hours are elapsed: 24 hours after 17:00 BST is 16:00 GMT.
    expect(local(byHours[0]!.dueAt)).toBe('Sun 25 Oct 16:00 GMT');
  });

  it('counts minutes and hours through the night the clocks change as elapsed time', () => {
    const deadline = new Date('2026-10-25T00:30:00Z'); // 01:30 BST, the first 01:30 that night
    const plan = planSteps(
      {
        steps: [
          step('remind_same_contact', { unit: 'minutes', amount: 60 }),
          step('duty_or_out_of_hours_channel', { unit: 'minutes', amount: 30 }),
        ],
        repeat: null,
      },
      { deadline, sentAt: new Date('2026-10-24T20:00:00Z') },
    );
    expect(plan.map((planned) => local(planned.dueAt))).toEqual([
      'Sun 25 Oct 01:30 GMT',
      'Sun 25 Oct 02:00 GMT',
    ]);
  });

  it('moves a day-counted time the spring change skips an hour later', () => {
    const skipped = addDelay(new Date('2026-03-28T01:30:00Z'), { unit: 'days', amount: 1 });
    expect(local(skipped)).toBe('Sun 29 Mar 02:30 BST');
  });

  it('takes the next working morning at 09:00 London time, past weekends, bank holidays and a clock change', () => {
    const morning = (at: string) => local(addDelay(new Date(at), { unit: 'next_working_morning' }));
    expect(morning('2026-03-27T17:00:00Z')).toBe('Mon 30 Mar 09:00 BST'); // Friday before the change
    expect(morning('2026-12-24T17:00:00Z')).toBe('Tue 29 Dec 09:00 GMT'); // Christmas, Boxing Day substitute
    expect(morning('2026-11-24T07:00:00Z')).toBe('Wed 25 Nov 09:00 GMT'); // the next day, even early
  });

  it('fires a routine route over the October change at the intended local times', () => {
    const route = defaultRouteFor('request_decision', 'routine');
    // Friday 23 October 2026 at 17:00 BST.
    const plan = planSteps(route, {
      deadline: new Date('2026-10-23T16:00:00Z'),
      sentAt: new Date('2026-10-20T09:00:00Z'),
    });
    expect(plan.map((planned) => `${planned.target} ${local(planned.dueAt)}`)).toEqual([
      'remind_same_contact Mon 26 Oct 09:00 GMT',
      'next_contact Tue 27 Oct 09:00 GMT',
      'senior_contact Wed 28 Oct 09:00 GMT',
      'internal_manager Wed 28 Oct 11:00 GMT',
      'internal_registered_manager Fri 30 Oct 11:00 GMT',
      'senior_contact Sat 31 Oct 11:00 GMT',
      'internal_manager Sat 31 Oct 13:00 GMT',
      'internal_registered_manager Mon 2 Nov 13:00 GMT',
    ]);
  });
});

describe('routes', () => {
  it('repeat their last steps a bounded number of times, numbered through', () => {
    const plan = planSteps(defaultRoutes.request_action.urgent, {
      deadline: new Date('2026-11-23T12:00:00Z'),
      sentAt: new Date('2026-11-23T09:00:00Z'),
    });
    expect(plan).toHaveLength(6 + 2 * 2);
    expect(plan.map((planned) => planned.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(plan.slice(6).map((planned) => [planned.target, planned.routeStep, planned.round])).toEqual([
      ['senior_contact', 4, 1],
      ['internal_registered_manager', 5, 1],
      ['senior_contact', 4, 2],
      ['internal_registered_manager', 5, 2],
    ]);
    // 15 + 30 + 30 + 30 + 30 + 60 minutes, then (30 + 60) twice.
    expect(plan.at(-1)!.dueAt).toEqual(new Date('2026-11-23T18:15:00Z'));
  });

  it('never fall due before the message was sent', () => {
    const plan = planSteps(defaultRoutes.safeguarding.urgent, {
      deadline: new Date('2026-11-23T08:00:00Z'),
      sentAt: new Date('2026-11-23T09:00:00Z'),
    });
    expect(plan[0]!.dueAt).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(plan[1]!.dueAt).toEqual(new Date('2026-11-23T09:15:00Z'));
  });

  it('are checked: steps, delays and repeats within bounds', () => {
    expect(checkRoute({ steps: [], repeat: null })).toEqual(['A route needs at least one step.']);
    expect(
      checkRoute({
        steps: [step('remind_same_contact', { unit: 'hours', amount: -1 })],
        repeat: { lastSteps: 2, times: 9 },
      }),
    ).toEqual([
      'Step 1: the delay must be a whole number of hours from 0 to 168.',
      'The steps to repeat must be from 1 to the number of steps (1).',
      'The route can repeat from 1 to 5 times.',
    ]);
    expect(() =>
      planSteps({ steps: [], repeat: null }, { deadline: new Date(), sentAt: new Date() }),
    ).toThrow(RangeError);
    const parsed = escalationRouteSchema.safeParse({
      steps: [
        { delay: { unit: 'days', amount: 31 }, target: 'senior_contact', stopsOnAcknowledgement: false },
      ],
      repeat: null,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      'Step 1: the delay must be a whole number of days from 0 to 30.',
    ]);
  });

  it('have sound defaults for every template and urgency, ending with a manager', () => {
    for (const template of escalationTemplates) {
      for (const urgency of ['urgent', 'routine'] as const) {
        const route = defaultRouteFor(template, urgency);
        expect(checkRoute(route), `${template} ${urgency}`).toEqual([]);
        expect(escalationRouteSchema.safeParse(route).success).toBe(true);
        expect(route.steps.some((each) => !isPartnerTarget(each.target))).toBe(true);
        // Reminders chase receipt, so acknowledgement stops every one of them.
        for (const each of route.steps) {
          if (each.target === 'remind_same_contact') expect(each.stopsOnAcknowledgement).toBe(true);
        }
      }
      // Urgent routes act within hours; routine ones do not start before the next working morning.
      expect(defaultRouteFor(template, 'routine').steps[0]!.delay).toEqual({ unit: 'next_working_morning' });
    }
  });
});

describe('acknowledgement and response', () => {
  const deadline = new Date('2026-11-23T12:00:00Z');
  const plan = planSteps(defaultRoutes.request_advice.urgent, {
    deadline,
    sentAt: new Date('2026-11-23T09:00:00Z'),
  });
  const at = (minutesAfterDeadline: number) => new Date(deadline.getTime() + minutesAfterDeadline * 60_000);

  it('acknowledgement stops the reminders still to come and nothing else', () => {
    // Acknowledged 20 minutes after the deadline: the first reminder (15 min) has gone.
    const remaining = nextStepsAfter(plan, { acknowledgedAt: at(20) });
    expect(remaining.map((planned) => planned.target)).toEqual([
      'remind_same_contact',
      'internal_manager',
      'senior_contact',
      'internal_registered_manager',
      'senior_contact',
      'internal_registered_manager',
      'senior_contact',
      'internal_registered_manager',
    ]);
    expect(cancellationFor('acknowledged')).toEqual({
      reason: 'acknowledged',
      onlyThoseStoppedByAcknowledgement: true,
    });
  });

  it('a response stops every step still to come', () => {
    const remaining = nextStepsAfter(plan, { acknowledgedAt: at(20), respondedAt: at(110) });
    expect(remaining.map((planned) => planned.index)).toEqual([0, 3]);
    expect(nextStepsAfter(plan, { respondedAt: at(-1) })).toEqual([]);
    expect(cancellationFor('responded').onlyThoseStoppedByAcknowledgement).toBe(false);
  });
});

describe('the channel a partner step uses', () => {
  const channel = (
    kind: ChannelForChoice['kind'],
    urgencies: ChannelForChoice['urgencies'],
    hours: ChannelForChoice['hours'],
  ): ChannelForChoice => ({
    kind,
    value: `${kind}@example.org`,
    label: null,
    urgencies,
    hours,
    staffedOnBankHolidays: true,
  });
  const office = { monday: ['09:00-17:00'], tuesday: ['09:00-17:00'], wednesday: ['09:00-17:00'] };
  const organisation = {
    name: 'Northvale Adult Social Care',
    channels: [
      channel('duty_line', ['urgent', 'routine'], office),
      channel('out_of_hours_line', ['out_of_hours'], '24/7'),
    ],
  };
  const contact = {
    name: 'Sam Kowalski',
    endedAt: null,
    channels: [channel('email', ['urgent', 'routine'], office)],
  };
  const mondayNight = new Date('2026-11-23T22:00:00Z');
  const mondayNoon = new Date('2026-11-23T12:00:00Z');

  it('goes to the organisation’s duty line in hours and its out-of-hours line at night, never the contact', () => {
    const inHours = chooseChannelForStep('duty_or_out_of_hours_channel', {
      contact,
      organisation,
      urgency: 'urgent',
      at: mondayNoon,
    });
    expect(inHours.route?.channel.kind).toBe('duty_line');
    const atNight = chooseChannelForStep('duty_or_out_of_hours_channel', {
      contact,
      organisation,
      urgency: 'urgent',
      at: mondayNight,
    });
    expect(atNight.route).toMatchObject({
      whose: 'organisation',
      outOfHours: true,
      channel: { kind: 'out_of_hours_line' },
    });
  });

  it('reminds the contact on their own channel, and makes a routine matter wait for staffed hours', () => {
    expect(
      chooseChannelForStep('remind_same_contact', {
        contact,
        organisation,
        urgency: 'routine',
        at: mondayNoon,
      }).route,
    ).toMatchObject({
      whose: 'contact',
    });
    const routineAtNight = chooseChannelForStep('duty_or_out_of_hours_channel', {
      contact,
      organisation,
      urgency: 'routine',
      at: mondayNight,
    });
    expect(routineAtNight.route).toBeNull();
    expect(routineAtNight).toMatchObject({ nextStaffedAt: new Date('2026-11-24T09:00:00Z') });
    expect(() =>
      chooseChannelForStep('internal_manager', { contact, organisation, urgency: 'urgent', at: mondayNoon }),
    ).toThrow(RangeError);
  });
});

describe('planning, for any route and deadline', () => {
  const delayArbitrary: fc.Arbitrary<StepDelay> = fc.oneof(
    fc.record({ unit: fc.constant('minutes' as const), amount: fc.integer({ min: 0, max: 600 }) }),
    fc.record({ unit: fc.constant('hours' as const), amount: fc.integer({ min: 0, max: 72 }) }),
    fc.record({ unit: fc.constant('days' as const), amount: fc.integer({ min: 0, max: 10 }) }),
    fc.constant({ unit: 'next_working_morning' as const }),
  );
  const routeArbitrary: fc.Arbitrary<EscalationRoute> = fc
    .array(
      fc.record({
        delay: delayArbitrary,
        target: fc.constantFrom(...escalationTargets),
        stopsOnAcknowledgement: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .chain((steps) =>
      fc.record({
        steps: fc.constant(steps),
        repeat: fc.option(
          fc.record({
            lastSteps: fc.integer({ min: 1, max: steps.length }),
            times: fc.integer({ min: 1, max: 5 }),
          }),
          {
            nil: null,
          },
        ),
      }),
    );
  // Deadlines through 2026, both changes included, on the minute.
  const deadlineArbitrary = fc
    .integer({ min: 0, max: 365 * 24 * 60 })
    .map((minute) => new Date(Date.UTC(2026, 0, 1) + minute * 60_000));

  it('plans steps in order, none before it is sent, and a day-counted step at the same London time', () => {
    fc.assert(
      fc.property(
        routeArbitrary,
        deadlineArbitrary,
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (route, deadline, lead) => {
          const sentAt = new Date(deadline.getTime() - lead * 60_000);
          const plan = planSteps(route, { deadline, sentAt });
          const expectedLength =
            route.steps.length + (route.repeat ? route.repeat.lastSteps * route.repeat.times : 0);
          expect(plan).toHaveLength(expectedLength);
          let previous = deadline;
          plan.forEach((planned, index) => {
            expect(planned.index).toBe(index);
            expect(planned.dueAt.getTime()).toBeGreaterThanOrEqual(sentAt.getTime());
            expect(planned.dueAt.getTime()).toBeGreaterThanOrEqual(previous.getTime());
            const delay = route.steps[planned.routeStep]!.delay;
            if (delay.unit === 'days') {
              const before = inLondon(previous);
              const after = inLondon(planned.dueAt);
              // Same wall-clock time, unless the clocks skipped that time on the day it lands.
              if (after.offset === before.offset || after.hour !== 2) {
                expect(after.toFormat('HH:mm')).toBe(before.toFormat('HH:mm'));
              }
              expect(after.startOf('day').diff(before.startOf('day'), 'days').days).toBe(delay.amount);
            }
            if (delay.unit === 'next_working_morning') {
              const after = inLondon(planned.dueAt);
              expect(after.toFormat('HH:mm')).toBe('09:00');
              expect(after.weekday).toBeLessThanOrEqual(5);
            }
            previous = planned.dueAt;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
