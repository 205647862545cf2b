import * as vocabulary from '../../../src/sharing/share-log-labels.ts';
import type {
  BestInterestsOutcome,
  CapacityOutcome,
  ConsentRecordedHow,
  InformationCategory,
  LawfulBasis,
  QueuedShareStatus,
  RecipientScope,
  ShareBasis,
  SharingPurpose,
  SharingRecordStatus,
} from '../api.ts';

// The words are the server's (src/sharing/share-log-labels.ts), so that pages,
// emails and documents say the same; the compiler checks they name every code the API sends.

import { partnerTypeLabels } from '../partners/partner-labels.ts';

export const purposeLabels = vocabulary.purposeLabels satisfies Record<SharingPurpose, string>;

export const purposeHints = {
  care_coordination: 'Planning and arranging care and support with the other people involved.',
  health_monitoring: 'Keeping health professionals up to date, like blood sugar readings or weight.',
  assessment: 'An assessment of their needs, like a care act or continuing healthcare assessment.',
  safeguarding: 'Protecting them, or someone else, from abuse or neglect.',
  housing: 'Their home and tenancy.',
  advocacy: 'Helping them to have their say.',
} as const satisfies Record<SharingPurpose, string>;

export const purposes = Object.keys(purposeLabels) as SharingPurpose[];

export const categoryLabels = vocabulary.categoryLabels satisfies Record<InformationCategory, string>;

export const categoryHints = {
  identity: 'Name, date of birth, NHS number, address.',
  health: 'Conditions, medicines, clinical flags, observations.',
  care_plan: 'How they are supported day to day.',
  risk: 'Risk assessments and what is done to reduce risks.',
  safeguarding: 'Safeguarding concerns and enquiries.',
  finances: 'Money, benefits and property.',
} as const satisfies Record<InformationCategory, string>;

export const categories = Object.keys(categoryLabels) as InformationCategory[];

export const statusLabels = {
  in_force: 'In force',
  not_yet: 'Not yet in force',
  review_overdue: 'Review overdue',
  lapsed: 'Lapsed',
  withdrawn: 'Withdrawn',
  revoked: 'Revoked',
  expired: 'Expired',
} as const satisfies Record<SharingRecordStatus, string>;

const statusTagClasses = {
  in_force: 'nhsuk-tag--green',
  not_yet: 'nhsuk-tag--blue',
  review_overdue: 'nhsuk-tag--orange',
  lapsed: 'nhsuk-tag--orange',
  withdrawn: 'nhsuk-tag--red',
  revoked: 'nhsuk-tag--red',
  expired: 'nhsuk-tag--grey',
} as const satisfies Record<SharingRecordStatus, string>;

export function statusTagClass(status: SharingRecordStatus): string {
  return `nhsuk-tag ${statusTagClasses[status]}`;
}

export const recordedHowLabels = {
  signed_form: 'Signed consent form',
  easy_read_form: 'Easy read consent form',
  verbal: 'Verbally',
  electronic: 'Electronically',
  other: 'Another way',
} as const satisfies Record<ConsentRecordedHow, string>;

export const recordedHows = Object.keys(recordedHowLabels) as ConsentRecordedHow[];

export const capacityOutcomeLabels = {
  has_capacity: 'Has capacity for this decision',
  lacks_capacity: 'Lacks capacity for this decision',
} as const satisfies Record<CapacityOutcome, string>;

export const bestInterestsOutcomeLabels = {
  share: 'Sharing is in their best interests',
  do_not_share: 'Sharing is not in their best interests',
} as const satisfies Record<BestInterestsOutcome, string>;

export const basisLabels = {
  consent: 'The person’s own consent',
  representative_consent: 'Consent from their attorney or deputy',
  best_interests: 'A best-interests decision',
  safeguarding: 'A manager’s safeguarding authorisation',
} as const satisfies Record<ShareBasis, string>;

export const queueStatusLabels = {
  queued: 'Waiting to be sent',
  sent: 'Sent',
  held: 'Held for a manager',
  cancelled: 'Cancelled',
} as const satisfies Record<QueuedShareStatus, string>;

/** "Care coordination and health monitoring". */
export function listPurposes(chosen: readonly SharingPurpose[]): string {
  return joinWords(
    chosen.map((purpose, index) =>
      index === 0 ? purposeLabels[purpose] : purposeLabels[purpose].toLowerCase(),
    ),
  );
}

/** "Identity, health and care plan". */
export function listCategories(chosen: readonly InformationCategory[]): string {
  const words = chosen.map((category, index) =>
    index === 0 ? categoryLabels[category] : categoryLabels[category].toLowerCase(),
  );
  return joinWords(words);
}

export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Each organisation, contact and type of partner a record names, as lines a person reads. */
export function describeScope(scope: RecipientScope): string[] {
  return [
    ...scope.partnerOrganisations.map((organisation) => organisation.name),
    ...scope.partnerContacts.map((contact) =>
      contact.organisationName ? `${contact.name} (${contact.organisationName})` : contact.name,
    ),
    ...scope.partnerTypes.map((type) => `Any ${lowerFirst(partnerTypeLabels[type])}`),
  ];
}

function lowerFirst(label: string): string {
  // Keep initialisms such as GP and MASH as they are.
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The UK GDPR conditions as lines: "UK GDPR Article 6(1)(e): public task". */
export function describeLawfulBasis(basis: LawfulBasis): string[] {
  const article = (condition: string) => {
    const [code = '', ...words] = condition.split(' ');
    return `UK GDPR Article ${code}: ${words.join(' ')}`;
  };
  return [
    article(basis.article6),
    article(basis.article9),
    ...(basis.dpa2018 ? [`Data Protection Act 2018, ${basis.dpa2018}`] : []),
  ];
}
