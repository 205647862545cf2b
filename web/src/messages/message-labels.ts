import type {
  AskType,
  AttentionKind,
  ContactOutcome,
  EscalationRouteTemplate,
  EscalationTarget,
  MessageEventKind,
  MessageStatus,
  MessageTemplate,
  MessageView,
  OutboxState,
  ReceivedHow,
  StepDelay,
} from '../api.ts';

export const templateLabels = {
  request: 'Request',
  safeguarding: 'Safeguarding consultation or referral',
  meeting_request: 'Meeting request',
  incident_update: 'Incident update',
  update: 'Update',
} as const satisfies Record<MessageTemplate, string>;

export const templateHints = {
  request: 'Ask the partner for a decision, a resource, advice or an action by a deadline.',
  safeguarding: 'Consult the safeguarding team, or make a referral, by a deadline.',
  meeting_request: 'Ask the partner to meet, by a deadline.',
  incident_update: 'Tell partners about a disruption; they are asked to acknowledge it.',
  update: 'Only informs: no deadline and no reminders.',
} as const satisfies Record<MessageTemplate, string>;

export const templates = Object.keys(templateLabels) as MessageTemplate[];

export const askTypeLabels = {
  decision: 'A decision',
  resource: 'A resource',
  advice: 'Advice',
  action: 'An action',
} as const satisfies Record<AskType, string>;

export const askTypes = Object.keys(askTypeLabels) as AskType[];

export const statusLabels = {
  sent: 'Sent',
  acknowledged: 'Acknowledged',
  accepted: 'Accepted',
  declined: 'Declined',
  responded: 'Responded',
  done: 'Done',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
} as const satisfies Record<MessageStatus, string>;

const statusTagClasses = {
  sent: 'nhsuk-tag--blue',
  acknowledged: 'nhsuk-tag--aqua-green',
  accepted: 'nhsuk-tag--aqua-green',
  declined: 'nhsuk-tag--red',
  responded: 'nhsuk-tag--green',
  done: 'nhsuk-tag--green',
  closed: 'nhsuk-tag--grey',
  withdrawn: 'nhsuk-tag--grey',
} as const satisfies Record<MessageStatus, string>;

export function statusTagClass(status: MessageStatus): string {
  return `nhsuk-tag ${statusTagClasses[status]}`;
}

export const viewLabels = {
  open: 'Open',
  awaiting_acknowledgement: 'Awaiting acknowledgement',
  awaiting_response: 'Awaiting response',
  overdue: 'Overdue',
  escalated: 'Escalated',
  all: 'All',
} as const satisfies Record<MessageView, string>;

export const views = Object.keys(viewLabels) as MessageView[];

export const eventLabels = {
  sent: 'Sent',
  emailed: 'Email delivered to the partner’s mail server',
  email_failed: 'Email could not be delivered',
  acknowledged: 'Acknowledged',
  accepted: 'Accepted',
  declined: 'Declined',
  responded: 'Responded',
  done: 'Action done',
  call_logged: 'Phone call logged',
  reply_logged: 'Reply logged',
  note: 'Note',
  escalated: 'Escalated',
  link_issued: 'New link sent',
  link_revoked: 'Link stopped',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
  advice_recorded: 'Advice recorded',
  confirmation_requested: 'Written confirmation requested',
  confirmation_received: 'Written confirmation received',
  email_held: 'Email held: not sent',
  link_handed_over: 'Link given to the partner',
  sharing_ended: 'No longer shared',
  share_refused: 'Not reached: sharing not allowed',
} as const satisfies Record<MessageEventKind, string>;

export const receivedHowLabels = {
  partner_link: 'Secure link',
  email: 'Email',
  phone: 'Phone',
  in_person: 'In person',
  letter: 'Letter',
  meeting: 'Meeting',
  other: 'Another way',
} as const satisfies Record<ReceivedHow, string>;

export const contactHows = [
  'phone',
  'email',
  'in_person',
  'letter',
  'meeting',
  'other',
] as const satisfies readonly Exclude<ReceivedHow, 'partner_link'>[];

export const outcomeLabels = {
  none: 'Nothing changes on the request',
  acknowledged: 'They acknowledged it',
  accepted: 'They accepted the request',
  declined: 'They declined the request',
  responded: 'They gave their response',
  done: 'They have done what was asked',
} as const satisfies Record<ContactOutcome, string>;

export const outcomes = Object.keys(outcomeLabels) as ContactOutcome[];

export const targetLabels = {
  remind_same_contact: 'Remind the same contact',
  next_contact: 'Next contact',
  duty_or_out_of_hours_channel: 'Duty line or out-of-hours channel',
  senior_contact: 'Senior contact',
  internal_manager: 'A manager here',
  internal_registered_manager: 'The registered manager here',
} as const satisfies Record<EscalationTarget, string>;

export const targets = Object.keys(targetLabels) as EscalationTarget[];

export const stepStatusLabels = {
  pending: 'Planned',
  fired: 'Done',
  cancelled: 'Not needed',
} as const;

export const routeTemplateLabels = {
  request_decision: 'Request for a decision',
  request_resource: 'Request for a resource',
  request_advice: 'Request for advice',
  request_action: 'Request for an action',
  safeguarding: 'Safeguarding consultation or referral',
  meeting_request: 'Meeting request',
  incident_update: 'Incident update',
} as const satisfies Record<EscalationRouteTemplate, string>;

export const attentionKindLabels = {
  escalated_to_manager: 'Escalated to a manager',
  escalated_to_registered_manager: 'Escalated to the registered manager',
  call_partner: 'Phone the partner',
  email_failed: 'Email failed',
  no_route: 'No way to reach them',
  share_refused: 'Not reached: sharing not allowed',
  share_held: 'Email held: not sent',
  review_trigger_met: 'Review trigger met',
  restriction_past_review: 'Restriction past its review date',
  decision_overdue: 'Decision overdue',
} as const satisfies Record<AttentionKind, string>;

/** Where an email is, in words. */
export const emailStateLabels = {
  waiting: 'Waiting to be sent',
  sent: 'Sent',
  failed: 'Could not be delivered',
  held: 'Held: will not be sent',
} as const satisfies Record<OutboxState, string>;
export const emailStates = Object.keys(emailStateLabels) as OutboxState[];

/** "2 hours after the deadline", "1 day after the previous step", "the next working morning". */
/** "the last 2 steps repeat 3 times", "the last step repeats once": a route's repeat, for a sentence. */
export function describeRepeat(repeat: { lastSteps: number; times: number }): string {
  const steps =
    repeat.lastSteps === 1 ? 'the last step repeats' : `the last ${repeat.lastSteps} steps repeat`;
  const times = repeat.times === 1 ? 'once' : repeat.times === 2 ? 'twice' : `${repeat.times} times`;
  return `${steps} ${times}`;
}

export function describeDelay(delay: StepDelay, isFirst: boolean): string {
  const after = isFirst ? 'the deadline' : 'the step before';
  if (delay.unit === 'next_working_morning') return `9am the next working day after ${after}`;
  if (delay.amount === 0) return isFirst ? 'At the deadline' : 'At once after the step before';
  const unit = delay.amount === 1 ? delay.unit.slice(0, -1) : delay.unit;
  return `${delay.amount} ${unit} after ${after}`;
}
