import type {
  BasisRecordType,
  InformationCategory,
  ShareBasis,
  ShareDelivery,
  ShareOutcome,
  SharingPurpose,
} from './sharing.vocabulary.ts';

// The sharing vocabulary in words, for what the server writes for people to read (the share-log
// export). The pages use the same words (web/src/sharing/sharing-labels.ts).

export const purposeLabels = {
  care_coordination: 'Care coordination',
  health_monitoring: 'Health monitoring',
  assessment: 'Assessment',
  safeguarding: 'Safeguarding',
  housing: 'Housing',
  advocacy: 'Advocacy',
} as const satisfies Record<SharingPurpose, string>;

export const categoryLabels = {
  identity: 'Identity',
  health: 'Health',
  care_plan: 'Care plan',
  risk: 'Risk',
  safeguarding: 'Safeguarding',
  finances: 'Finances',
} as const satisfies Record<InformationCategory, string>;

export const basisLabels = {
  consent: 'The person’s own consent',
  representative_consent: 'Consent from their attorney or deputy',
  best_interests: 'A best-interests decision',
  safeguarding: 'A manager’s safeguarding authorisation',
} as const satisfies Record<ShareBasis, string>;

export const outcomeLabels = {
  allowed: 'Shared',
  refused: 'Refused',
} as const satisfies Record<ShareOutcome, string>;

export const deliveryLabels = {
  recorded: 'Shared by staff, recorded in Liaison',
  queued: 'Queued to be sent by Liaison',
  emailed: 'Emailed by Liaison (handed to the mail server)',
  link: 'Seen or answered through a secure link',
  handed_over: 'Secure link given by staff another way',
  exported: 'Exported',
} as const satisfies Record<ShareDelivery, string>;

export const basisRecordLabels = {
  consent_record: 'Consent record',
  best_interests_decision: 'Best-interests decision',
  safeguarding_authorisation: 'Safeguarding authorisation',
} as const satisfies Record<BasisRecordType, string>;
