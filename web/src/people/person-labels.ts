import type { ClinicalFlag, DeputyDecisionArea, Person, PersonStatus, RepresentativeKind } from '../api.ts';

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

export const clinicalFlags = Object.keys(clinicalFlagLabels) as ClinicalFlag[];

export const statusLabels = {
  active: 'Receiving support',
  left: 'Left the service',
  died: 'Died',
} as const satisfies Record<PersonStatus, string>;

export const personStatuses = Object.keys(statusLabels) as PersonStatus[];

export const representativeKindLabels = {
  lpa_health_and_welfare: 'Lasting power of attorney for health and welfare',
  lpa_property_and_financial_affairs: 'Lasting power of attorney for property and financial affairs',
  court_appointed_deputy: 'Court-appointed deputy',
  advocate: 'Advocate',
  imca: 'Independent mental capacity advocate (IMCA)',
  imha: 'Independent mental health advocate (IMHA)',
  next_of_kin: 'Next of kin',
} as const satisfies Record<RepresentativeKind, string>;

export const representativeKinds = Object.keys(representativeKindLabels) as RepresentativeKind[];

export const deputyDecisionLabels = {
  property_and_financial_affairs: 'Property and financial affairs',
  personal_welfare: 'Personal welfare',
} as const satisfies Record<DeputyDecisionArea, string>;

/** "Margaret Ashdown", or "Margaret (Peggy) Ashdown" when she prefers another name. */
export function personName(
  person: Pick<Person, 'givenName' | 'familyName'> & { preferredName?: string | null },
): string {
  const preferred =
    person.preferredName && person.preferredName !== person.givenName ? ` (${person.preferredName})` : '';
  return `${person.givenName}${preferred} ${person.familyName}`;
}

/** NHS numbers are read in groups of 3, 3 and 4: 943 476 5919. */
export function formatNhsNumber(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}
