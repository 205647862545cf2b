// Advice's vocabulary, defined once: the codes, which the tables and the API's schemas use (the
// database's own checks are in the migrations, frozen as they were written), and their words,
// which the pages show (web/src/advice/advice-labels.ts) and what the server writes for people may use.
// Pure data with no imports, so that the browser app can import it.

/**
 * Whether the advice is on record in the partner's own words: given in writing, confirmed in
 * writing after a call or meeting, a confirmation asked for and awaited, or one that could not be
 * asked for (no way to reach the adviser in writing).
 */
export const confirmationStatuses = ['not_needed', 'requested', 'confirmed', 'not_requested'] as const;
export type ConfirmationStatus = (typeof confirmationStatuses)[number];

export const confirmedHow = ['partner_link', 'email', 'letter', 'other'] as const;
export type ConfirmedHow = (typeof confirmedHow)[number];

export const confirmationStatusLabels = {
  not_needed: 'Given in writing',
  requested: 'Written confirmation requested',
  confirmed: 'Confirmed in writing',
  not_requested: 'Not confirmed in writing',
} as const satisfies Record<ConfirmationStatus, string>;

/** How written confirmation arrived, to follow "Confirmed …". */
export const confirmedHowLabels = {
  partner_link: 'through their secure link',
  email: 'by email',
  letter: 'by letter',
  other: 'another way',
} as const satisfies Record<ConfirmedHow, string>;
