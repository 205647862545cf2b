// The people vocabulary, defined once: the codes, which the tables and the API's schemas use (the
// database's own checks are in the migrations, frozen as they were written), and their words,
// which the pages show (web/src/people/person-labels.ts) and what the server writes for people may use.
// Pure data with no imports, so that the browser app can import it.

/** Conditions that raise a person's risk when services are disrupted (used to rank who to check first). */
export const clinicalFlags = [
  'diabetes',
  'epilepsy',
  'respiratory_condition',
  'dysphagia',
  'anticoagulants',
  'insulin_dependent',
  'heart_condition',
  'dementia',
  'mobility_risk',
  'pressure_ulcer_risk',
  'oxygen_dependent',
  'other',
] as const;
export type ClinicalFlag = (typeof clinicalFlags)[number];

export const personStatuses = ['active', 'left', 'died'] as const;
export type PersonStatus = (typeof personStatuses)[number];

/** Legally authorised representatives first (they can decide for a person who lacks capacity). */
export const representativeKinds = [
  'lpa_health_and_welfare',
  'lpa_property_and_financial_affairs',
  'court_appointed_deputy',
  'advocate',
  'imca',
  'imha',
  'next_of_kin',
] as const;
export type RepresentativeKind = (typeof representativeKinds)[number];

export const deputyDecisionAreas = ['property_and_financial_affairs', 'personal_welfare'] as const;
export type DeputyDecisionArea = (typeof deputyDecisionAreas)[number];

export const clinicalFlagLabels = {
  diabetes: 'Diabetes',
  insulin_dependent: 'Insulin dependent',
  epilepsy: 'Epilepsy',
  respiratory_condition: 'Respiratory condition',
  oxygen_dependent: 'Oxygen dependent',
  heart_condition: 'Heart condition',
  anticoagulants: 'Takes anticoagulants',
  dysphagia: 'Dysphagia (swallowing difficulty)',
  dementia: 'Dementia',
  mobility_risk: 'Mobility or falls risk',
  pressure_ulcer_risk: 'Pressure ulcer risk',
  other: 'Other',
} as const satisfies Record<ClinicalFlag, string>;

export const personStatusLabels = {
  active: 'Receiving support',
  left: 'Left the service',
  died: 'Died',
} as const satisfies Record<PersonStatus, string>;

export const representativeKindLabels = {
  lpa_health_and_welfare: 'Lasting power of attorney for health and welfare',
  lpa_property_and_financial_affairs: 'Lasting power of attorney for property and financial affairs',
  court_appointed_deputy: 'Court-appointed deputy',
  advocate: 'Advocate',
  imca: 'Independent mental capacity advocate (IMCA)',
  imha: 'Independent mental health advocate (IMHA)',
  next_of_kin: 'Next of kin',
} as const satisfies Record<RepresentativeKind, string>;

export const deputyDecisionLabels = {
  property_and_financial_affairs: 'Property and financial affairs',
  personal_welfare: 'Personal welfare',
} as const satisfies Record<DeputyDecisionArea, string>;
