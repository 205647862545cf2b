import type { AdviceConfirmationStatus, AdviceConfirmedHow } from '../api.ts';

export const confirmationStatusLabels = {
  not_needed: 'Given in writing',
  requested: 'Written confirmation requested',
  confirmed: 'Confirmed in writing',
  not_requested: 'Not confirmed in writing',
} as const satisfies Record<AdviceConfirmationStatus, string>;

const confirmationTagClasses = {
  not_needed: 'nhsuk-tag--green',
  requested: 'nhsuk-tag--orange',
  confirmed: 'nhsuk-tag--green',
  not_requested: 'nhsuk-tag--red',
} as const satisfies Record<AdviceConfirmationStatus, string>;

export function confirmationTagClass(status: AdviceConfirmationStatus): string {
  return `nhsuk-tag ${confirmationTagClasses[status]}`;
}

export const confirmedHowLabels = {
  partner_link: 'through their secure link',
  email: 'by email',
  letter: 'by letter',
  other: 'another way',
} as const satisfies Record<AdviceConfirmedHow, string>;
