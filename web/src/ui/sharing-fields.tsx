import type { FieldError, InformationCategory, SharingPurpose } from '../api.ts';
import {
  categories,
  categoryHints,
  categoryLabels,
  purposeHints,
  purposeLabels,
  purposes,
} from '../sharing/sharing-labels.ts';
import { Checkboxes, codeChoices } from './form-fields.tsx';

// The questions every sharing form asks: what for, and what kinds of information.

export function PurposeCheckboxes({
  legend = 'What can the information be shared for?',
  defaultValues,
}: {
  legend?: string;
  defaultValues?: readonly SharingPurpose[];
}) {
  return (
    <Checkboxes
      id="purposes"
      name="purposes"
      legend={legend}
      legendSize="m"
      hint="Select all that apply."
      items={codeChoices(purposes, purposeLabels, purposeHints)}
      {...(defaultValues ? { defaultValues } : {})}
    />
  );
}

export function CategoryCheckboxes({
  legend = 'What kinds of information?',
  hint = 'Select all that apply.',
  defaultValues,
}: {
  legend?: string;
  hint?: string;
  defaultValues?: readonly InformationCategory[];
}) {
  return (
    <Checkboxes
      id="categories"
      name="categories"
      legend={legend}
      legendSize="m"
      hint={hint}
      items={codeChoices(categories, categoryLabels, categoryHints)}
      {...(defaultValues ? { defaultValues } : {})}
    />
  );
}

/** A share needs at least one purpose and one kind of information: the problems when it has not. */
export function purposeAndCategoryProblems(
  purposes: readonly SharingPurpose[],
  categories: readonly InformationCategory[],
): FieldError[] {
  return [
    ...(purposes.length === 0 ? [{ field: 'purposes', message: 'Choose at least one purpose' }] : []),
    ...(categories.length === 0
      ? [{ field: 'categories', message: 'Choose at least one kind of information' }]
      : []),
  ];
}
