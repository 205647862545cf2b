import * as vocabulary from '../../../src/people/people.vocabulary.ts';
import type { ClinicalFlag, DeputyDecisionArea, Person, PersonStatus, RepresentativeKind } from '../api.ts';

// The words are the server's (src/people/people.vocabulary.ts), so that pages,
// emails and documents say the same; the compiler checks they name every code the API sends.

export const clinicalFlagLabels = vocabulary.clinicalFlagLabels satisfies Record<ClinicalFlag, string>;

export const clinicalFlags = Object.keys(clinicalFlagLabels) as ClinicalFlag[];

export const statusLabels = vocabulary.personStatusLabels satisfies Record<PersonStatus, string>;

export const personStatuses = Object.keys(statusLabels) as PersonStatus[];

export const representativeKindLabels = vocabulary.representativeKindLabels satisfies Record<
  RepresentativeKind,
  string
>;

export const representativeKinds = Object.keys(representativeKindLabels) as RepresentativeKind[];

export const deputyDecisionLabels = vocabulary.deputyDecisionLabels satisfies Record<
  DeputyDecisionArea,
  string
>;

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
