import { Link } from 'react-router';
import { getSharingRecords, type Person } from '../api.ts';
import { personName } from '../people/person-labels.ts';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { ButtonLink, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { describeScope, joinWords, listCategories, listPurposes } from './sharing-labels.ts';
import { sharingPath } from './sharing-parts.tsx';

/** The person page's section on consent and sharing: what is in force now, and where to check. */
export function ConsentAndSharingSummary({ person }: { person: Person }) {
  const [records, reload] = useResource(`sharing records ${person.id}`, () => getSharingRecords(person.id));
  const name = personName(person);
  const consents =
    records.status === 'loaded' ? records.data.consents.filter((each) => each.status === 'in_force') : [];
  const safeguarding =
    records.status === 'loaded'
      ? records.data.safeguardingAuthorisations.filter((each) => each.status === 'in_force')
      : [];
  return (
    <>
      <h2>Consent and sharing</h2>
      <p>Check before you share anything about {name} with a partner.</p>
      <p>
        <ButtonLink to={`/people/${person.id}/can-i-share`}>Can I share this?</ButtonLink>
      </p>
      {records.status === 'loading' ? <Loading /> : null}
      {records.status === 'failed' ? <LoadProblem error={records.error} onTryAgain={reload} /> : null}
      {records.status === 'loaded' && consents.length === 0 ? <p>No consent to share is in force.</p> : null}
      {consents.length > 0 ? (
        <>
          <h3 className="nhsuk-heading-s">Consent in force</h3>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {consents.map((consent) => (
              <li key={consent.id}>
                {listPurposes(consent.purposes)}: {listCategories(consent.categories).toLowerCase()}{' '}
                information, with {joinWords(describeScope(consent.scope).map(lowerAny))}. Review by{' '}
                {formatDate(consent.reviewOn)}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {safeguarding.map((authorisation) => (
        <div className="nhsuk-inset-text" key={authorisation.id}>
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Sharing for safeguarding is authorised until {formatDateTime(authorisation.expiresAt)}, with{' '}
            {joinWords(describeScope(authorisation.scope).map(lowerAny))}.
          </p>
        </div>
      ))}
      <ul className="nhsuk-list">
        <li>
          <Link to={sharingPath(person.id)}>Consent and sharing records</Link>
        </li>
        <li>
          <Link to={`/people/${person.id}/shares`}>Share log</Link>
        </li>
      </ul>
    </>
  );
}

/** "Any GP" reads as "any GP" in the middle of a sentence. */
function lowerAny(line: string): string {
  return line.startsWith('Any ') ? `any ${line.slice(4)}` : line;
}
