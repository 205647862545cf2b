import * as attentionVocabulary from '../../../src/attention/attention.vocabulary.ts';
import * as outboxVocabulary from '../../../src/outbox/outbox.vocabulary.ts';
import * as vocabulary from '../../../src/partner-messages/partner-messages.vocabulary.ts';
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

// The words are the server's (src/partner-messages/partner-messages.vocabulary.ts), so that pages,
// emails and documents say the same; the compiler checks they name every code the API sends.

export const templateLabels = vocabulary.templateLabels satisfies Record<MessageTemplate, string>;

export const templateHints = {
  request: 'Ask the partner for a decision, a resource, advice or an action by a deadline.',
  safeguarding: 'Consult the safeguarding team, or make a referral, by a deadline.',
  meeting_request: 'Ask the partner to meet, by a deadline.',
  incident_update: 'Tell partners about a disruption; they are asked to acknowledge it.',
  update: 'Only informs: no deadline and no reminders.',
} as const satisfies Record<MessageTemplate, string>;

export const templates = Object.keys(templateLabels) as MessageTemplate[];

export const askTypeLabels = vocabulary.askTypeLabels satisfies Record<AskType, string>;

export const askTypes = Object.keys(askTypeLabels) as AskType[];

export const statusLabels = vocabulary.messageStatusLabels satisfies Record<MessageStatus, string>;

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

export const eventLabels = vocabulary.eventLabels satisfies Record<MessageEventKind, string>;

export const receivedHowLabels = vocabulary.receivedHowLabels satisfies Record<ReceivedHow, string>;

/** How a call, a reply, advice or a decision reached you: every way but the partner's link, which records itself. */
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

export const attentionKindLabels = attentionVocabulary.attentionKindLabels satisfies Record<
  AttentionKind,
  string
>;

/** Where an email is, in words. */
export const emailStateLabels = outboxVocabulary.emailStateLabels satisfies Record<OutboxState, string>;
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
