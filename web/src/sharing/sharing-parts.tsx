import {
  getPerson,
  getSharingRecords,
  type Person,
  type RecipientScope,
  type SharingRecordStatus,
} from '../api.ts';
import { personName } from '../people/person-labels.ts';
import { BackLink, Lines } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { describeScope, statusLabels, statusTagClass } from './sharing-labels.ts';

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

/** A page for acting on a record that is not there, or has already been acted on. */
export function NothingToDo({ person, heading, what }: { person: Person; heading: string; what: string }) {
  return (
    <>
      <BackToSharing person={person} />
      <h1>{heading}</h1>
      <p>There is nothing to {what}.</p>
    </>
  );
}
