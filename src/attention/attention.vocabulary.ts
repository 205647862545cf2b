// The vocabulary of "needs attention", defined once: the codes, which the tables and the API's schemas use (the
// database's own checks are in the migrations, frozen as they were written), and their words,
// which the pages show (web/src/messages/message-labels.ts) and what the server writes for people may use.
// Pure data with no imports, so that the browser app can import it.

/** Why an item needs someone; each kind is raised once per subject until it is resolved. */
export const attentionKinds = [
  'escalated_to_manager',
  'escalated_to_registered_manager',
  'call_partner',
  'email_failed',
  'no_route',
  'share_refused',
  'share_held',
  'review_trigger_met',
  'restriction_past_review',
  'decision_overdue',
] as const;
export type AttentionKind = (typeof attentionKinds)[number];

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
