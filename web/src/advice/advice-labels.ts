import * as vocabulary from '../../../src/advice/advice.vocabulary.ts';
import type { AdviceConfirmationStatus, AdviceConfirmedHow } from '../api.ts';

// The words are the server's (src/advice/advice.vocabulary.ts), so that pages,
// emails and documents say the same; the compiler checks they name every code the API sends.

export const confirmationStatusLabels = vocabulary.confirmationStatusLabels satisfies Record<
  AdviceConfirmationStatus,
  string
>;

const confirmationTagClasses = {
  not_needed: 'nhsuk-tag--green',
  requested: 'nhsuk-tag--orange',
  confirmed: 'nhsuk-tag--green',
  not_requested: 'nhsuk-tag--red',
} as const satisfies Record<AdviceConfirmationStatus, string>;

export function confirmationTagClass(status: AdviceConfirmationStatus): string {
  return `nhsuk-tag ${confirmationTagClasses[status]}`;
}

export const confirmedHowLabels = vocabulary.confirmedHowLabels satisfies Record<AdviceConfirmedHow, string>;
