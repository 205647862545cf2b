import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { type Advice, listCarePlanAmendments, listPersonAdvice, type Person } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { receivedHowLabels } from '../messages/message-labels.ts';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { ButtonLink, Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { useResource } from '../ui/useResource.ts';
import { adviceReaders, adviceWriters } from './access.ts';
import { confirmationStatusLabels, confirmationTagClass, confirmedHowLabels } from './advice-labels.ts';

/** Advice partners gave about the person, how it was confirmed, and the care-plan changes it led to. */
export function PersonAdvice({ person }: { person: Person }) {
  const session = useSession();
  const canRead = hasRole(session.user.role, adviceReaders);
  const canWrite = hasRole(session.user.role, adviceWriters);
  const [loaded, reload] = useResource(`advice about ${person.id} ${canRead}`, async () => {
    if (!canRead) return { advice: [], amendments: [] };
    const [advice, amendments] = await Promise.all([
      listPersonAdvice(person.id),
      listCarePlanAmendments(person.id),
    ]);
    return { advice: advice.items, amendments: amendments.items };
  });
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  // Arriving at #advice (from the list of advice awaiting confirmation): the section is below the
  // person's details, so it is brought into view once it has loaded.
  useEffect(() => {
    if (location.hash === '#advice' && loaded.status === 'loaded') heading.current?.scrollIntoView();
  }, [location.hash, loaded.status]);
  if (!canRead) return null;
  const name = personName(person);
  return (
    <>
      <h2 id="advice" ref={heading}>
        Advice
      </h2>
      <p>
        Advice and instructions from partners about {name}. Advice given by phone or in person is confirmed in
        writing, and every change to the care plan made because of advice links to it.
      </p>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'failed' ? <LoadProblem error={loaded.error} onTryAgain={reload} /> : null}
      {loaded.status === 'loaded' && loaded.data.advice.length === 0 ? (
        <p>No advice has been recorded.</p>
      ) : null}
      {loaded.status === 'loaded'
        ? loaded.data.advice.map((advice) => (
            <AdviceCard key={advice.id} person={person} advice={advice} canWrite={canWrite} />
          ))
        : null}

      <h2>Care plan changes</h2>
      {loaded.status === 'loaded' && loaded.data.amendments.length === 0 ? (
        <p>No changes to {name}’s care plan have been recorded.</p>
      ) : null}
      {loaded.status === 'loaded' && loaded.data.amendments.length > 0 ? (
        <ul className="nhsuk-list">
          {loaded.data.amendments.map((amendment) => (
            <li className="nhsuk-card nhsuk-u-margin-bottom-3" key={amendment.id}>
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
                  <MultiLine text={amendment.whatChanged} />
                </h3>
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                  <Moment iso={amendment.madeAt} /> · {amendment.madeBy}
                </p>
                <p>
                  <strong>Why: </strong>
                  {amendment.why}
                </p>
                <p className="nhsuk-u-margin-bottom-0">
                  {amendment.adviceId ? (
                    <>
                      Applies advice from {amendment.adviceGivenBy ?? 'a partner'}
                      {amendment.advice ? <>: “{amendment.advice}”</> : null}
                    </>
                  ) : (
                    'Not made because of advice.'
                  )}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? (
        <p>
          <ButtonLink variant="secondary" to={`/people/${person.id}/care-plan-amendments/new`}>
            Record a change to the care plan
          </ButtonLink>
        </p>
      ) : null}
    </>
  );
}

function AdviceCard({ person, advice, canWrite }: { person: Person; advice: Advice; canWrite: boolean }) {
  const givenBy = [advice.givenByName, advice.givenByRole, advice.partnerOrganisationName]
    .filter(Boolean)
    .join(', ');
  const rows: SummaryRow[] = [
    { key: 'From', value: givenBy },
    {
      key: 'Given',
      value: (
        <>
          <Moment iso={advice.givenAt} />, {receivedHowLabels[advice.receivedHow].toLowerCase()}
        </>
      ),
    },
    {
      key: 'In writing',
      value: (
        <>
          <strong className={confirmationTagClass(advice.confirmationStatus)}>
            {confirmationStatusLabels[advice.confirmationStatus]}
          </strong>
          {advice.confirmationStatus === 'requested' && advice.confirmationRequestedFrom ? (
            <span className="nhsuk-u-display-block">Asked of {advice.confirmationRequestedFrom}</span>
          ) : null}
          {advice.confirmedAt ? (
            <span className="nhsuk-u-display-block">
              <Moment iso={advice.confirmedAt} />
              {advice.confirmedHow ? `, ${confirmedHowLabels[advice.confirmedHow]}` : ''}
            </span>
          ) : null}
          {advice.confirmationNote ? (
            <span className="nhsuk-u-display-block">{advice.confirmationNote}</span>
          ) : null}
        </>
      ),
    },
  ];
  if (advice.messageId) {
    rows.push({
      key: 'Message',
      value: <Link to={`/messages/${advice.messageId}`}>{advice.messageSubject ?? 'The message'}</Link>,
    });
  }
  rows.push({
    key: 'Applied in the care plan',
    value:
      advice.appliedIn.length === 0 ? (
        'Not yet'
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
          {advice.appliedIn.map((amendment) => (
            <li key={amendment.id}>
              {amendment.whatChanged} (<Moment iso={amendment.madeAt} />)
            </li>
          ))}
        </ul>
      ),
  });
  const awaitsConfirmation =
    advice.confirmationStatus === 'requested' || advice.confirmationStatus === 'not_requested';
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <MultiLine text={advice.advice} />
        </h3>
        <SummaryList rows={rows} />
        {canWrite ? (
          <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
            {awaitsConfirmation ? (
              <li>
                <Link to={`/people/${person.id}/advice/${advice.id}/confirmation`}>
                  Record written confirmation that came by letter or email
                  <span className="nhsuk-u-visually-hidden"> (advice from {advice.givenByName})</span>
                </Link>
              </li>
            ) : null}
            <li>
              <Link to={`/people/${person.id}/care-plan-amendments/new?adviceId=${advice.id}`}>
                Record a care plan change that applies this advice
                <span className="nhsuk-u-visually-hidden"> (from {advice.givenByName})</span>
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
    </div>
  );
}
