import type { DateTime } from 'luxon';
import { inLondon, isBankHoliday, londonInstant } from '../calendar/london-time.ts';
import {
  type ChannelChoice,
  type ChannelChoiceInput,
  type ChannelForChoice,
  chooseChannel,
  type RequestUrgency,
} from '../partners/channel-choice.ts';

/** Who a step reaches: someone at the partner organisation, or a manager inside the provider. */
export const escalationTargets = [
  'remind_same_contact',
  'next_contact',
  'duty_or_out_of_hours_channel',
  'senior_contact',
  'internal_manager',
  'internal_registered_manager',
] as const;
export type EscalationTarget = (typeof escalationTargets)[number];

/** The kinds of message that wait for a partner and so carry an escalation route. */
export const escalationTemplates = [
  'incident_update',
  'request_decision',
  'request_resource',
  'request_advice',
  'request_action',
  'safeguarding',
  'meeting_request',
] as const;
export type EscalationTemplate = (typeof escalationTemplates)[number];

/**
 * How long after the deadline (first step) or the previous step a step falls due. Minutes and
 * hours are elapsed time. Days are London calendar days: one day after 17:00 is 17:00 the next
 * day, whether or not the clocks changed overnight. The next working-day morning is 09:00 on the
 * first weekday after the day it counts from that is not a bank holiday in England and Wales.
 */
export type StepDelay =
  | { unit: 'minutes' | 'hours' | 'days'; amount: number }
  | { unit: 'next_working_morning' };

export type EscalationStep = {
  delay: StepDelay;
  target: EscalationTarget;
  /** Acknowledgement stops steps that chase receipt; a response stops every step. */
  stopsOnAcknowledgement: boolean;
};

export type EscalationRoute = {
  steps: readonly EscalationStep[];
  /** After the last step, its last `lastSteps` steps run again, `times` more times. */
  repeat: { lastSteps: number; times: number } | null;
};

export type PlannedStep = {
  /** Position in the plan, repeats included: 0, 1, 2… */
  index: number;
  /** Which of the route's steps this is, and which pass through it (0 for the first). */
  routeStep: number;
  round: number;
  dueAt: Date;
  target: EscalationTarget;
  stopsOnAcknowledgement: boolean;
};

export const WORKING_MORNING_MINUTE = 9 * 60;
export const MAX_ROUTE_STEPS = 20;
export const MAX_REPEAT_TIMES = 5;
export const MAX_PLANNED_STEPS = 50;
const maxAmountByUnit = { minutes: 7 * 24 * 60, hours: 7 * 24, days: 30 } as const;

/** Every reason a route cannot be used, in words staff can act on; empty when it is sound. */
export function checkRoute(route: EscalationRoute): string[] {
  const problems: string[] = [];
  if (route.steps.length === 0) problems.push('A route needs at least one step.');
  if (route.steps.length > MAX_ROUTE_STEPS) {
    problems.push(`A route can have at most ${MAX_ROUTE_STEPS} steps.`);
  }
  route.steps.forEach((step, position) => {
    const { delay } = step;
    if (delay.unit === 'next_working_morning') return;
    const limit = maxAmountByUnit[delay.unit];
    if (!Number.isInteger(delay.amount) || delay.amount < 0 || delay.amount > limit) {
      problems.push(
        `Step ${position + 1}: the delay must be a whole number of ${delay.unit} from 0 to ${limit}.`,
      );
    }
  });
  if (route.repeat) {
    const { lastSteps, times } = route.repeat;
    if (!Number.isInteger(lastSteps) || lastSteps < 1 || lastSteps > route.steps.length) {
      problems.push(`The steps to repeat must be from 1 to the number of steps (${route.steps.length}).`);
    }
    if (!Number.isInteger(times) || times < 1 || times > MAX_REPEAT_TIMES) {
      problems.push(`The route can repeat from 1 to ${MAX_REPEAT_TIMES} times.`);
    }
    if (problems.length === 0 && route.steps.length + lastSteps * times > MAX_PLANNED_STEPS) {
      problems.push(`With its repeats the route would have more than ${MAX_PLANNED_STEPS} steps.`);
    }
  }
  return problems;
}

/**
 * When each step of the route falls due for a message sent at `sentAt` with this response
 * deadline. No step is due before the message was sent.
 */
export function planSteps(route: EscalationRoute, times: { deadline: Date; sentAt: Date }): PlannedStep[] {
  const problems = checkRoute(route);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  const sequence: { step: EscalationStep; routeStep: number; round: number }[] = route.steps.map(
    (step, routeStep) => ({ step, routeStep, round: 0 }),
  );
  if (route.repeat) {
    const first = route.steps.length - route.repeat.lastSteps;
    for (let round = 1; round <= route.repeat.times; round += 1) {
      for (let routeStep = first; routeStep < route.steps.length; routeStep += 1) {
        sequence.push({ step: route.steps[routeStep]!, routeStep, round });
      }
    }
  }
  let previous = times.deadline;
  return sequence.map(({ step, routeStep, round }, index) => {
    const due = addDelay(previous, step.delay);
    previous = due.getTime() < times.sentAt.getTime() ? times.sentAt : due;
    return {
      index,
      routeStep,
      round,
      dueAt: previous,
      target: step.target,
      stopsOnAcknowledgement: step.stopsOnAcknowledgement,
    };
  });
}

/**
 * The moment `delay` after `from`. A London wall-clock time the spring change skips (01:30 on
 * the last Sunday of March) moves an hour later; one the autumn change repeats is the first.
 */
export function addDelay(from: Date, delay: StepDelay): Date {
  switch (delay.unit) {
    case 'minutes':
      return new Date(from.getTime() + delay.amount * 60_000);
    case 'hours':
      return new Date(from.getTime() + delay.amount * 3_600_000);
    case 'days':
      return inLondon(from).plus({ days: delay.amount }).toJSDate();
    case 'next_working_morning':
      return londonInstant(nextWorkingDay(inLondon(from)), WORKING_MORNING_MINUTE);
  }
}

function nextWorkingDay(from: DateTime): DateTime {
  let day = from.startOf('day').plus({ days: 1 });
  while (day.weekday > 5 || isBankHoliday(day)) day = day.plus({ days: 1 });
  return day;
}

/** When the partner acknowledged and responded, as far as known. */
export type PartnerReply = { acknowledgedAt?: Date | null; respondedAt?: Date | null };

/** A reply at or before a step's due moment stops it: a response any step, acknowledgement reminders. */
export function isStoppedBy(step: PlannedStep, reply: PartnerReply): boolean {
  const due = step.dueAt.getTime();
  if (reply.respondedAt && reply.respondedAt.getTime() <= due) return true;
  return step.stopsOnAcknowledgement && !!reply.acknowledgedAt && reply.acknowledgedAt.getTime() <= due;
}

/** The steps of a plan that still fire after the partner's acknowledgement and response. */
export function nextStepsAfter(plan: readonly PlannedStep[], reply: PartnerReply): PlannedStep[] {
  return plan.filter((step) => !isStoppedBy(step, reply));
}

/** The steps a partner's acknowledgement or response cancels, as cancelSteps takes them. */
export function cancellationFor(event: 'acknowledged' | 'responded'): {
  reason: string;
  onlyThoseStoppedByAcknowledgement: boolean;
} {
  return { reason: event, onlyThoseStoppedByAcknowledgement: event === 'acknowledged' };
}

/** Targets reached through a channel of the partner organisation or one of its contacts. */
export function isPartnerTarget(target: EscalationTarget): boolean {
  return target !== 'internal_manager' && target !== 'internal_registered_manager';
}

/**
 * The channel a partner step uses at the moment it fires, by the register's "which channel now"
 * rule. The contact is the one the step is addressed to (the same, next or senior contact); the
 * duty or out-of-hours step asks the organisation alone. Urgent matters fall back to an
 * out-of-hours line outside staffed hours; routine ones wait for staffed hours.
 */
export function chooseChannelForStep<C extends ChannelForChoice>(
  target: EscalationTarget,
  input: ChannelChoiceInput<C>,
): ChannelChoice<C> {
  if (!isPartnerTarget(target)) throw new RangeError(`${target} is not reached through a partner channel`);
  return chooseChannel(target === 'duty_or_out_of_hours_channel' ? { ...input, contact: null } : input);
}

// The default routes. Reminders, the next contact and the duty line chase receipt, so
// acknowledgement stops them; the senior contact and the managers chase the answer, so only a
// response stops them. Urgent routes count in minutes and hours around the clock; routine ones
// in working mornings and London days.

const minutes = (amount: number): StepDelay => ({ unit: 'minutes', amount });
const hours = (amount: number): StepDelay => ({ unit: 'hours', amount });
const days = (amount: number): StepDelay => ({ unit: 'days', amount });
const nextWorkingMorning: StepDelay = { unit: 'next_working_morning' };

const chasesReceipt: Record<EscalationTarget, boolean> = {
  remind_same_contact: true,
  next_contact: true,
  duty_or_out_of_hours_channel: true,
  senior_contact: false,
  internal_manager: false,
  internal_registered_manager: false,
};

function step(target: EscalationTarget, delay: StepDelay, stopsOnAcknowledgement = chasesReceipt[target]) {
  return { target, delay, stopsOnAcknowledgement };
}

const urgentRequest: EscalationRoute = {
  steps: [
    step('remind_same_contact', minutes(15)),
    step('next_contact', minutes(30)),
    step('duty_or_out_of_hours_channel', minutes(30)),
    step('internal_manager', minutes(30)),
    step('senior_contact', minutes(30)),
    step('internal_registered_manager', hours(1)),
  ],
  repeat: { lastSteps: 2, times: 2 },
};

const routineRequest: EscalationRoute = {
  steps: [
    step('remind_same_contact', nextWorkingMorning),
    step('next_contact', days(1)),
    step('senior_contact', days(1)),
    step('internal_manager', hours(2)),
    step('internal_registered_manager', days(2)),
  ],
  repeat: { lastSteps: 3, times: 1 },
};

export const defaultRoutes: Readonly<Record<EscalationTemplate, Record<RequestUrgency, EscalationRoute>>> = {
  // An update needs only to be received: acknowledgement ends the whole route.
  incident_update: {
    urgent: {
      steps: [
        step('remind_same_contact', minutes(30)),
        step('duty_or_out_of_hours_channel', minutes(30)),
        step('internal_manager', minutes(30), true),
      ],
      repeat: null,
    },
    routine: {
      steps: [step('remind_same_contact', nextWorkingMorning), step('internal_manager', days(1), true)],
      repeat: null,
    },
  },
  request_decision: { urgent: urgentRequest, routine: routineRequest },
  request_resource: { urgent: urgentRequest, routine: routineRequest },
  request_advice: { urgent: urgentRequest, routine: routineRequest },
  request_action: { urgent: urgentRequest, routine: routineRequest },
  // Safeguarding goes to the duty team early and tells the managers sooner.
  safeguarding: {
    urgent: {
      steps: [
        step('remind_same_contact', minutes(15)),
        step('duty_or_out_of_hours_channel', minutes(15)),
        step('internal_manager', minutes(15)),
        step('senior_contact', minutes(30)),
        step('internal_registered_manager', minutes(15)),
      ],
      repeat: { lastSteps: 2, times: 3 },
    },
    routine: {
      steps: [
        step('remind_same_contact', nextWorkingMorning),
        step('duty_or_out_of_hours_channel', hours(4)),
        step('senior_contact', days(1)),
        step('internal_manager', hours(1)),
        step('internal_registered_manager', days(1)),
      ],
      repeat: { lastSteps: 2, times: 2 },
    },
  },
  meeting_request: {
    urgent: {
      steps: [
        step('remind_same_contact', hours(1)),
        step('next_contact', hours(2)),
        step('internal_manager', hours(2)),
      ],
      repeat: null,
    },
    routine: {
      steps: [
        step('remind_same_contact', nextWorkingMorning),
        step('next_contact', days(2)),
        step('internal_manager', days(1)),
      ],
      repeat: null,
    },
  },
};

export function defaultRouteFor(template: EscalationTemplate, urgency: RequestUrgency): EscalationRoute {
  return defaultRoutes[template][urgency];
}

/** A route as the API describes it (the planner's types are read-only). */
export function mutableRoute<R extends EscalationRoute | null>(route: R) {
  return (
    route ? { steps: route.steps.map((step) => ({ ...step })), repeat: route.repeat } : null
  ) as R extends null
    ? null
    : { steps: EscalationRoute['steps'][number][]; repeat: EscalationRoute['repeat'] };
}
