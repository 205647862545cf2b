// The partner-message vocabulary, defined once: the codes, which the tables and the API's schemas use (the
// database's own checks are in the migrations, frozen as they were written), and their words,
// which the pages show (web/src/messages/message-labels.ts) and what the server writes for people may use.
// Pure data with no imports, so that the browser app can import it.

/**
 * The kinds of message. A request, a safeguarding consultation or referral, a meeting request and
 * an incident update wait for the partner (a deadline and an escalation route); a plain update
 * only informs.
 */
export const messageTemplates = [
  'request',
  'safeguarding',
  'meeting_request',
  'incident_update',
  'update',
] as const;
export type MessageTemplateKind = (typeof messageTemplates)[number];

export const askTypes = ['decision', 'resource', 'advice', 'action'] as const;
export type AskType = (typeof askTypes)[number];

/**
 * sent → acknowledged → accepted or declined → responded or done → closed; withdrawn by the
 * sender at any point before it is closed.
 */
export const messageStatuses = [
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'responded',
  'done',
  'closed',
  'withdrawn',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const eventKinds = [
  'sent',
  'emailed',
  'email_failed',
  'acknowledged',
  'accepted',
  'declined',
  'responded',
  'done',
  'call_logged',
  'reply_logged',
  'note',
  'escalated',
  'link_issued',
  'link_revoked',
  'withdrawn',
  'closed',
  'advice_recorded',
  'confirmation_requested',
  'confirmation_received',
  /** The sharing gate refused the email at the moment it was to be handed to the mail server. */
  'email_held',
  /** Staff gave the partner the one-time link another way (no mail server, or by phone). */
  'link_handed_over',
  /** The basis the message rested on ended: its links no longer show anything about the person. */
  'sharing_ended',
  /** An escalation step would have reached someone the sharing gate does not allow. */
  'share_refused',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** How something reached the organisation or the partner. */
export const receivedHow = [
  'partner_link',
  'email',
  'phone',
  'in_person',
  'letter',
  'meeting',
  'other',
] as const;
export type ReceivedHow = (typeof receivedHow)[number];

export const templateLabels = {
  request: 'Request',
  safeguarding: 'Safeguarding consultation or referral',
  meeting_request: 'Meeting request',
  incident_update: 'Incident update',
  update: 'Update',
} as const satisfies Record<MessageTemplateKind, string>;

export const askTypeLabels = {
  decision: 'A decision',
  resource: 'A resource',
  advice: 'Advice',
  action: 'An action',
} as const satisfies Record<AskType, string>;

export const messageStatusLabels = {
  sent: 'Sent',
  acknowledged: 'Acknowledged',
  accepted: 'Accepted',
  declined: 'Declined',
  responded: 'Responded',
  done: 'Done',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
} as const satisfies Record<MessageStatus, string>;

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
} as const satisfies Record<EventKind, string>;

/**
 * A thread entry named out of its message's context, where it stands among other records: in a
 * person's chronology, an incident's timeline.
 */
export const eventTitles = {
  sent: 'Message sent to a partner',
  emailed: 'Message emailed',
  email_failed: 'Email could not be delivered',
  acknowledged: 'Partner acknowledged',
  accepted: 'Partner accepted the request',
  declined: 'Partner declined the request',
  responded: 'Partner responded',
  done: 'Partner said it is done',
  call_logged: 'Call with a partner',
  reply_logged: 'Reply from a partner',
  note: 'Note on a message',
  escalated: 'Escalated: no answer by the deadline',
  link_issued: 'Secure link issued',
  link_revoked: 'Secure link stopped',
  withdrawn: 'Message withdrawn',
  closed: 'Message closed',
  advice_recorded: 'Advice recorded',
  confirmation_requested: 'Written confirmation of advice requested',
  confirmation_received: 'Written confirmation of advice received',
  email_held: 'Email held by the sharing gate',
  link_handed_over: 'Secure link given another way',
  sharing_ended: 'Sharing ended',
  share_refused: 'Escalation refused by the sharing gate',
} as const satisfies Record<EventKind, string>;

export const receivedHowLabels = {
  partner_link: 'Secure link',
  email: 'Email',
  phone: 'Phone',
  in_person: 'In person',
  letter: 'Letter',
  meeting: 'Meeting',
  other: 'Another way',
} as const satisfies Record<ReceivedHow, string>;
