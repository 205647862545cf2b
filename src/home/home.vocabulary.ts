// The home page's work list, defined once: the kinds of work it gathers (the codes the API sends)
// and their words, which the page shows. Pure data with no imports, so that the browser app can
// import it.

/**
 * In the order the page shows them, what cannot wait first: escalations and calls to make, then
 * risk to people (safeguarding, incidents happening now), then what partners owe or have answered,
 * then what is due.
 */
export const workKinds = [
  'needs_attention',
  'concern_decisions_overdue',
  'concern_triggers_met',
  'incidents_open',
  'requests_overdue',
  'replies_received',
  'actions_due',
  'reviews_due',
  'contacts_to_recheck',
  'concerns_open',
] as const;
export type WorkKind = (typeof workKinds)[number];

export const workKindLabels = {
  needs_attention: 'Needs attention',
  requests_overdue: 'Requests past their deadline',
  replies_received: 'Replies from partners to read',
  concern_decisions_overdue: 'Safeguarding referrals: decision overdue',
  concern_triggers_met: 'Safeguarding concerns: review trigger met',
  actions_due: 'Actions due',
  reviews_due: 'Reviews due',
  incidents_open: 'Open incidents',
  contacts_to_recheck: 'Partner contacts to check',
  concerns_open: 'Open safeguarding concerns',
} as const satisfies Record<WorkKind, string>;
