import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  ApiError,
  getPerson,
  getSharingRecords,
  type Person,
  type RecipientScope,
  type SharingRecordStatus,
} from '../api.ts';
import { personName } from '../people/person-labels.ts';
import { type FormErrors, formErrorsFrom, toFormErrors } from '../ui/form-errors.ts';
import { useResource } from '../ui/useResource.ts';
import { describeScope, statusLabels, statusTagClass } from './sharing-labels.ts';

export function Loading() {
  return (
    <p className="nhsuk-body" role="status">
      Loading
    </p>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <div className="nhsuk-u-margin-bottom-5">
      <Link className="nhsuk-back-link" to={to}>
        {children}
      </Link>
    </div>
  );
}

/** Back to the person's consent and sharing records, where every form in this folder starts. */
export function BackToSharing({ person }: { person: Person }) {
  return <BackLink to={sharingPath(person.id)}>Back to {personName(person)}’s consent and sharing</BackLink>;
}

export function sharingPath(personId: string): string {
  return `/people/${personId}/sharing`;
}

export function StatusTag({ status }: { status: SharingRecordStatus }) {
  return <strong className={statusTagClass(status)}>{statusLabels[status]}</strong>;
}

/** A short list of lines, or the one line on its own. */
export function Lines({ lines, empty = 'None' }: { lines: readonly string[]; empty?: string }) {
  if (lines.length === 0) return <>{empty}</>;
  if (lines.length === 1) return <>{lines[0]}</>;
  return (
    <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

export function ScopeLines({ scope }: { scope: RecipientScope }) {
  return <Lines lines={describeScope(scope)} empty="No one" />;
}

/** The person and their sharing records, for the pages that act on one of the records. */
export function usePersonSharing(personId: string) {
  return useResource(`sharing records ${personId}`, async () => {
    const [person, records] = await Promise.all([getPerson(personId), getSharingRecords(personId)]);
    return { person, records };
  });
}

/**
 * A failed request as form errors. The server names a list item's field with its index
 * (`partnerContactIds.2`); the form shows it beside the list.
 */
export function sharingFormErrors(fields: Record<string, string>, error: unknown): FormErrors {
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    return toFormErrors(
      fields,
      error.fieldErrors.map((problem) => ({ ...problem, field: problem.field.replace(/\.\d+$/, '') })),
    );
  }
  return formErrorsFrom(fields, error);
}

/** Every value of a group of checkboxes. */
export function readChoices<T extends string>(form: FormData, name: string): T[] {
  return form.getAll(name).map(String) as T[];
}
