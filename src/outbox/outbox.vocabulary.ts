// The outbox's vocabulary, defined once: the codes, which the tables and the API's schemas use (the
// database's own checks are in the migrations, frozen as they were written), and their words,
// which the pages show (web/src/messages/message-labels.ts) and what the server writes for people may use.
// Pure data with no imports, so that the browser app can import it.

/** Where an email is, in words. */
/** Where an email is, as staff see it: waiting covers queued, being sent and to be retried. */
export const emailStates = ['waiting', 'sent', 'failed', 'held'] as const;
export type EmailState = (typeof emailStates)[number];

export const emailStateLabels = {
  waiting: 'Waiting to be sent',
  sent: 'Sent',
  failed: 'Could not be delivered',
  held: 'Held: will not be sent',
} as const satisfies Record<EmailState, string>;
