import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { adviceReaders } from '../advice/access.ts';
import { PersonAdvice } from '../advice/PersonAdvice.tsx';
import {
  type CircleMember,
  changeCircleMember,
  getColleague,
  getPerson,
  listCircle,
  listRepresentatives,
  type Person,
  type Representative,
  subjectAccessExportPath,
} from '../api.ts';
import { accessHistoryReaders } from '../audit/access.ts';
import { useSession } from '../auth/session.tsx';
import { incidentReaders } from '../incidents/access.ts';
import { PersonIncidents } from '../incidents/PersonIncidents.tsx';
import { messageReaders } from '../messages/access.ts';
import { PersonMessages } from '../messages/PersonMessages.tsx';
import { ReachNowSummary } from '../partners/channels.tsx';
import { partnerTypeLabels } from '../partners/partner-labels.ts';
import { hasRole } from '../roles.ts';
import { concernSummaryReaders } from '../safeguarding/access.ts';
import { PersonConcerns } from '../safeguarding/PersonConcerns.tsx';
import { ConsentAndSharingSummary } from '../sharing/ConsentAndSharingSummary.tsx';
import { type ContentsItem, ContentsList, ContentsSection } from '../ui/ContentsList.tsx';
import { DownloadLink } from '../ui/DownloadLink.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDate } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, ButtonLink, Loading, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { chronologyReaders, peopleWriters, subjectAccessExporters } from './access.ts';
import {
  clinicalFlagLabels,
  deputyDecisionLabels,
  formatNhsNumber,
  personName,
  representativeKindLabels,
  statusLabels,
} from './person-labels.ts';

export function PersonPage() {
  const { personId = '' } = useParams();
  const session = useSession();
  const [notice, setNotice] = useNotice();
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [person, reload] = useResource(`person ${personId}`, () => getPerson(personId));
  const canWrite = hasRole(session.user.role, peopleWriters);
  usePageTitle(person.status === 'loaded' ? personName(person.data) : 'Person', problems.length > 0);

  if (person.status === 'loading') {
    return <Loading />;
  }
  if (person.status === 'failed') {
    return (
      <>
        <BackToPeople />
        <h1>Person</h1>
        <LoadProblem error={person.error} onTryAgain={reload} />
      </>
    );
  }
  const current = person.data;
  const role = session.user.role;
  // Sections some roles are not shown (their components render nothing): not in the contents either.
  const canSee = {
    messages: hasRole(role, messageReaders),
    incidents: hasRole(role, incidentReaders),
    advice: hasRole(role, adviceReaders),
    concerns: hasRole(role, concernSummaryReaders),
  };
  const contents: ContentsItem[] = [
    { label: 'Circle of support: who to call', to: '#circle-of-support' },
    { label: 'Clinical flags', to: '#clinical-flags' },
    { label: 'Their details', to: '#details' },
    { label: 'Consent and sharing', to: '#consent-and-sharing' },
    ...(canSee.messages ? [{ label: 'Messages', to: '#messages' }] : []),
    ...(canSee.incidents ? [{ label: 'Incidents', to: '#incidents' }] : []),
    ...(canSee.concerns ? [{ label: 'Safeguarding', to: '#safeguarding' }] : []),
    ...(canSee.advice ? [{ label: 'Advice and care plan changes', to: '#advice' }] : []),
    { label: 'Representatives', to: '#representatives' },
  ];
  return (
    <>
      <BackToPeople />
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>
        <span className="nhsuk-caption-l">{current.careServiceName ?? 'Person supported'}</span>
        {personName(current)}
      </h1>
      {current.status === 'active' ? null : (
        <p>
          <strong className="nhsuk-tag nhsuk-tag--grey">{statusLabels[current.status]}</strong>
        </p>
      )}
      <ContentsList label="On this page" items={contents} />

      {/* Who to call comes first: it is what someone opening the record in a hurry needs. */}
      <ContentsSection id="circle-of-support">
        <CircleOfSupport
          person={current}
          canWrite={canWrite}
          onChanged={(message) => {
            setProblems([]);
            setNotice(message);
          }}
          onProblem={(message) => {
            setNotice(null);
            setProblems([{ text: message }]);
          }}
        />
      </ContentsSection>

      <ContentsSection id="clinical-flags">
        <h2>Clinical flags</h2>
        {current.clinicalFlags.length > 0 ? (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {current.clinicalFlags.map((flag) => (
              <li key={flag}>{clinicalFlagLabels[flag]}</li>
            ))}
          </ul>
        ) : (
          <p>None recorded.</p>
        )}
        {current.clinicalFlagsNote ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">About their clinical flags: </span>
            <MultiLine text={current.clinicalFlagsNote} />
          </div>
        ) : null}
      </ContentsSection>

      <ContentsSection id="details">
        <h2>Their details</h2>
        <PersonDetails person={current} />
        {canWrite ? (
          <p>
            <Link to={`/people/${current.id}/change`}>
              Change their details<span className="nhsuk-u-visually-hidden"> ({personName(current)})</span>
            </Link>
          </p>
        ) : null}
        {hasRole(session.user.role, chronologyReaders) ? (
          <p>
            <Link to={`/people/${current.id}/chronology`}>
              Their chronology: everything recorded about them, in time order
              <span className="nhsuk-u-visually-hidden"> ({personName(current)})</span>
            </Link>
          </p>
        ) : null}
        {hasRole(session.user.role, accessHistoryReaders) ? (
          <p>
            <Link to={`/audit/people/${current.id}`}>
              Who has accessed this record
              <span className="nhsuk-u-visually-hidden"> ({personName(current)})</span>
            </Link>
          </p>
        ) : null}
        {hasRole(session.user.role, subjectAccessExporters) ? (
          <p>
            <DownloadLink path={subjectAccessExportPath(current.id)}>
              Download everything held about them (subject access request)
            </DownloadLink>
          </p>
        ) : null}
      </ContentsSection>

      <ContentsSection id="consent-and-sharing">
        <ConsentAndSharingSummary person={current} />
      </ContentsSection>

      {canSee.messages ? (
        <ContentsSection id="messages">
          <PersonMessages person={current} />
        </ContentsSection>
      ) : null}

      {canSee.incidents ? (
        <ContentsSection id="incidents">
          <PersonIncidents person={current} />
        </ContentsSection>
      ) : null}

      {canSee.concerns ? (
        <ContentsSection id="safeguarding">
          <PersonConcerns person={current} />
        </ContentsSection>
      ) : null}

      {/* PersonAdvice gives its own heading the id "advice", which other pages link to. */}
      <PersonAdvice person={current} />

      <ContentsSection id="representatives">
        <Representatives person={current} canWrite={canWrite} />
      </ContentsSection>
    </>
  );
}

function BackToPeople() {
  return <BackLink to="/people">Back to people</BackLink>;
}

function PersonDetails({ person }: { person: Person }) {
  const rows: SummaryRow[] = [
    { key: 'Name', value: `${person.givenName} ${person.familyName}` },
    { key: 'Preferred name', value: person.preferredName ?? 'Not recorded' },
    {
      key: 'Date of birth',
      value: person.dateOfBirth ? (
        <time dateTime={person.dateOfBirth}>{formatDate(person.dateOfBirth)}</time>
      ) : (
        'Not recorded'
      ),
    },
    {
      key: 'Address',
      value:
        person.address || person.postcode ? (
          <MultiLine text={[person.address, person.postcode].filter(Boolean).join('\n')} />
        ) : (
          'Not recorded'
        ),
    },
    { key: 'NHS number', value: person.nhsNumber ? formatNhsNumber(person.nhsNumber) : 'Not recorded' },
    { key: 'Service or location', value: person.careServiceName ?? 'None' },
    { key: 'Communication needs', value: <MultiLine text={person.communicationNeeds} /> },
    { key: 'Status', value: statusLabels[person.status] },
  ];
  return <SummaryList rows={rows} />;
}

function CircleOfSupport({
  person,
  canWrite,
  onChanged,
  onProblem,
}: {
  person: Person;
  canWrite: boolean;
  onChanged: (message: string) => void;
  onProblem: (message: string) => void;
}) {
  const [circle, reload] = useResource(`circle of ${person.id}`, () => listCircle(person.id));
  const [changingId, setChangingId] = useState<string | null>(null);

  async function makePrimary(member: CircleMember) {
    if (changingId) return;
    setChangingId(member.id);
    try {
      await changeCircleMember(person.id, member.id, member.version, { isPrimary: true });
      onChanged(`${member.partnerContact.name} is now ${personName(person)}’s primary contact.`);
      reload();
    } catch (error) {
      onProblem(describeError(error));
    } finally {
      setChangingId(null);
    }
  }

  return (
    <>
      <h2>Circle of support: who to call</h2>
      <p>The partners who hold a role for {personName(person)}, and how to reach each of them now.</p>
      {circle.status === 'loading' ? <Loading /> : null}
      {circle.status === 'failed' ? <LoadProblem error={circle.error} onTryAgain={reload} /> : null}
      {circle.status === 'loaded' && circle.data.items.length === 0 ? (
        <p>No partners have been added to their circle of support yet.</p>
      ) : null}
      {circle.status === 'loaded' && circle.data.items.length > 0 ? (
        <Table
          // The heading above says what the table is: the caption is for screen readers only, so the
          // first member is on the first screen.
          caption={
            <span className="nhsuk-u-visually-hidden">{`${personName(person)}’s circle of support`}</span>
          }
          headings={['Role', 'Who', 'How to reach them now', ...(canWrite ? ['Action'] : [])]}
        >
          {circle.data.items.map((member) => (
            <Row key={member.id}>
              <Cell heading="Role">
                {partnerTypeLabels[member.role]}
                {member.isPrimary ? (
                  <strong className="nhsuk-tag nhsuk-tag--green nhsuk-u-display-block nhsuk-u-margin-top-1">
                    Primary contact
                  </strong>
                ) : null}
              </Cell>
              <Cell heading="Who">
                <Link to={`/partners/contacts/${member.partnerContact.id}`}>
                  {member.partnerContact.name}
                </Link>
                <span className="nhsuk-u-display-block">
                  {member.partnerContact.jobTitle ? `${member.partnerContact.jobTitle}, ` : null}
                  {member.partnerContact.partnerOrganisationName}
                </span>
                <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                  Since {formatDate(member.startedOn)}
                </span>
              </Cell>
              <Cell heading="How to reach them now">
                {member.partnerContact.hasMovedOn ? (
                  <>
                    <strong className="nhsuk-tag nhsuk-tag--orange">Moved on</strong> Find who holds the role
                    now at {member.partnerContact.partnerOrganisationName}.
                  </>
                ) : (
                  <ReachNowSummary contactId={member.partnerContact.id} />
                )}
              </Cell>
              {canWrite ? (
                <Cell heading="Action">
                  <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                    {member.isPrimary || member.partnerContact.hasMovedOn ? null : (
                      <li>
                        <button
                          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-2"
                          type="button"
                          aria-disabled={changingId === member.id ? 'true' : undefined}
                          onClick={() => makePrimary(member)}
                        >
                          Make primary
                          <span className="nhsuk-u-visually-hidden"> ({member.partnerContact.name})</span>
                        </button>
                      </li>
                    )}
                    <li>
                      <Link to={`/people/${person.id}/circle/${member.id}/end`}>
                        End this role
                        <span className="nhsuk-u-visually-hidden"> ({member.partnerContact.name})</span>
                      </Link>
                    </li>
                  </ul>
                </Cell>
              ) : null}
            </Row>
          ))}
        </Table>
      ) : null}
      {canWrite ? (
        <p>
          <ButtonLink variant="secondary" to={`/people/${person.id}/circle/add`}>
            Add someone to their circle
          </ButtonLink>
        </p>
      ) : null}
    </>
  );
}

function Representatives({ person, canWrite }: { person: Person; canWrite: boolean }) {
  const [representatives, reload] = useResource(`representatives of ${person.id}`, () =>
    listRepresentatives(person.id),
  );
  const current =
    representatives.status === 'loaded' ? representatives.data.items.filter((each) => !each.endedAt) : [];
  const past =
    representatives.status === 'loaded' ? representatives.data.items.filter((each) => each.endedAt) : [];
  return (
    <>
      <h2>Representatives</h2>
      <p>
        Attorneys and deputies can make decisions for {personName(person)} within their authority, when they
        lack capacity to make them. Advocates and next of kin speak up for them but cannot decide.
      </p>
      {representatives.status === 'loading' ? <Loading /> : null}
      {representatives.status === 'failed' ? (
        <LoadProblem error={representatives.error} onTryAgain={reload} />
      ) : null}
      {representatives.status === 'loaded' && current.length === 0 ? (
        <p>No representatives are recorded.</p>
      ) : null}
      {current.map((representative) => (
        <RepresentativeCard
          key={representative.id}
          person={person}
          representative={representative}
          canWrite={canWrite}
        />
      ))}
      {canWrite ? (
        <p>
          <ButtonLink variant="secondary" to={`/people/${person.id}/representatives/add`}>
            Add a representative
          </ButtonLink>
        </p>
      ) : null}
      {past.length > 0 ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Representatives who no longer act for them ({past.length})
            </span>
          </summary>
          <div className="nhsuk-details__text">
            {past.map((representative) => (
              <RepresentativeCard
                key={representative.id}
                person={person}
                representative={representative}
                canWrite={false}
              />
            ))}
          </div>
        </details>
      ) : null}
    </>
  );
}

function RepresentativeCard({
  person,
  representative,
  canWrite,
}: {
  person: Person;
  representative: Representative;
  canWrite: boolean;
}) {
  const seenBy = representative.documentSeenBy;
  const [seer] = useResource(`staff member ${seenBy ?? 'none'}`, () =>
    seenBy ? getColleague(seenBy) : Promise.resolve(null),
  );
  const rows: SummaryRow[] = [
    {
      key: 'Can make decisions',
      value: representative.isLegallyAuthorised
        ? 'Yes, within their authority, when the person lacks capacity for the decision'
        : 'No: they support and speak up for the person',
    },
  ];
  const optional = (key: string, value: string | null) => {
    if (value) rows.push({ key, value: <MultiLine text={value} /> });
  };
  optional('Relationship', representative.relationship);
  optional('Phone', representative.phone);
  optional('Email address', representative.email);
  optional('Address', representative.address);
  if (representative.deputyDecisions.length > 0) {
    rows.push({
      key: 'Decisions the order covers',
      value: representative.deputyDecisions.map((area) => deputyDecisionLabels[area]).join(' and '),
    });
  }
  optional('Scope of authority', representative.scopeOfAuthority);
  optional('Reference', representative.reference);
  if (representative.registeredOn) {
    rows.push({
      key: representative.kind === 'court_appointed_deputy' ? 'Order made' : 'Registered',
      value: formatDate(representative.registeredOn),
    });
  }
  if (representative.documentSeenOn) {
    const who = seer.status === 'loaded' && seer.data ? ` by ${seer.data.displayName}` : '';
    rows.push({ key: 'Document seen', value: `${formatDate(representative.documentSeenOn)}${who}` });
  } else if (representative.isLegallyAuthorised) {
    rows.push({
      key: 'Document seen',
      value: (
        <>
          <strong className="nhsuk-tag nhsuk-tag--orange">Not yet seen</strong> Ask to see the registered LPA
          or the court order.
        </>
      ),
    });
  }
  if (representative.endedAt) {
    rows.push({
      key: 'No longer acts',
      value: `Since ${formatDate(representative.endedAt)}: ${representative.endedReason ?? ''}`,
    });
  }

  const base = `/people/${person.id}/representatives/${representative.id}`;
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading">
          <span className="nhsuk-caption-m">{representativeKindLabels[representative.kind]}</span>
          {representative.name}
        </h3>
        <SummaryList rows={rows} />
        {canWrite ? (
          <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
            <li>
              <Link to={`${base}/change`}>
                Change<span className="nhsuk-u-visually-hidden"> {representative.name}’s details</span>
              </Link>
            </li>
            <li>
              <Link to={`${base}/end`}>
                Record that {representative.name} no longer acts for {personName(person)}
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
    </div>
  );
}
