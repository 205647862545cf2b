import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  getColleague,
  getPartnerContact,
  listPeopleOfPartnerContact,
  type PartnerContactWithChannels,
  verifyPartnerContact,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { peopleReaders } from '../people/access.ts';
import { personName, statusLabels } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDate } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, ButtonLink, Loading, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { registerKeepers } from './access.ts';
import { AddChannelLink, ChannelTable, ChannelValue, HowToReachNow } from './channels.tsx';
import { partnerTypeLabels } from './partner-labels.ts';

export function PartnerContactPage() {
  const { contactId = '' } = useParams();
  const session = useSession();
  const [notice, setNotice] = useNotice();
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [isVerifying, setIsVerifying] = useState(false);
  const [contact, reload] = useResource(`partner contact ${contactId}`, () => getPartnerContact(contactId));
  usePageTitle(contact.status === 'loaded' ? contact.data.name : 'Partner contact', problems.length > 0);

  async function markVerified(current: PartnerContactWithChannels) {
    if (isVerifying) return;
    setIsVerifying(true);
    setProblems([]);
    setNotice(null);
    try {
      await verifyPartnerContact(current.id);
      setNotice(`${current.name}’s details have been marked as checked today.`);
      reload();
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setIsVerifying(false);
    }
  }

  if (contact.status === 'loading') {
    return <Loading what="Loading the contact" />;
  }
  if (contact.status === 'failed') {
    return (
      <>
        <BackToRegister />
        <h1>Partner contact</h1>
        <LoadProblem error={contact.error} onTryAgain={reload} />
      </>
    );
  }

  const current = contact.data;
  const hasMovedOn = current.endedAt !== null;
  const canKeep = hasRole(session.user.role, registerKeepers) && !hasMovedOn;
  const base = `/partners/contacts/${current.id}`;
  return (
    <>
      <BackLink to={`/partners/organisations/${current.partnerOrganisationId}`}>
        Back to {current.partnerOrganisationName}
      </BackLink>
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      {hasMovedOn ? (
        <NotificationBanner>
          {current.name} moved on from this role on {formatDate(current.endedAt ?? '')}: {current.endedReason}
          . They are kept for the record but are never chosen as a channel.
        </NotificationBanner>
      ) : current.isStale ? (
        <NotificationBanner>
          {current.name}’s details are due to be checked.{' '}
          {canKeep ? 'Check them with the contact or their organisation, then mark them as verified.' : null}
        </NotificationBanner>
      ) : null}

      <h1>
        <span className="nhsuk-caption-l">
          <span className="nhsuk-u-visually-hidden">Contact at </span>
          {current.partnerOrganisationName}
        </span>
        {current.name}
      </h1>
      <SummaryList
        rows={[
          {
            key: 'Organisation',
            value: (
              <Link to={`/partners/organisations/${current.partnerOrganisationId}`}>
                {current.partnerOrganisationName}
              </Link>
            ),
          },
          { key: 'Type', value: partnerTypeLabels[current.type] },
          { key: 'Job title', value: current.jobTitle ?? 'None recorded' },
          {
            key: 'Email address',
            value: current.email ? (
              <ChannelValue channel={{ kind: 'email', value: current.email }} />
            ) : (
              'None recorded'
            ),
          },
          {
            key: 'Phone',
            value: current.phone ? (
              <ChannelValue channel={{ kind: 'phone', value: current.phone }} />
            ) : (
              'None recorded'
            ),
          },
          { key: 'Notes', value: <MultiLine text={current.notes} /> },
          { key: 'Details last checked', value: <LastVerified contact={current} /> },
          ...(hasMovedOn
            ? []
            : [
                {
                  key: 'Due to be checked',
                  value: current.verificationDueAt ? (
                    <>
                      <time dateTime={current.verificationDueAt}>
                        {formatDate(current.verificationDueAt)}
                      </time>
                      {current.isStale ? (
                        <>
                          {' '}
                          <strong className="nhsuk-tag nhsuk-tag--orange">Due now</strong>
                        </>
                      ) : null}
                    </>
                  ) : (
                    'Now: they have never been checked'
                  ),
                },
              ]),
        ]}
      />
      {canKeep ? (
        <div className="nhsuk-button-group">
          <button
            className="nhsuk-button"
            type="button"
            aria-disabled={isVerifying ? 'true' : undefined}
            onClick={() => markVerified(current)}
          >
            Mark as verified
          </button>
          <ButtonLink variant="secondary" to={`${base}/change`}>
            Change details
          </ButtonLink>
          <Link className="nhsuk-link" to={`${base}/moved-on`}>
            They have moved on
          </Link>
        </div>
      ) : null}

      {hasMovedOn ? null : <HowToReachNow key={current.version} owner={{ contactId: current.id }} />}

      <h2>Their channels</h2>
      {current.channels.length > 0 ? (
        <ChannelTable
          caption={`${current.name}’s own channels`}
          channels={current.channels}
          changePath={canKeep ? (channel) => `${base}/channels/${channel.id}` : undefined}
        />
      ) : (
        <p>
          {current.name} has no channels of their own. Requests use{' '}
          <Link to={`/partners/organisations/${current.partnerOrganisationId}`}>
            {current.partnerOrganisationName}’s channels
          </Link>
          .
        </p>
      )}
      {canKeep ? <AddChannelLink ownerPath={base} /> : null}

      {hasRole(session.user.role, peopleReaders) ? (
        <LinkedPeople contactId={current.id} name={current.name} />
      ) : null}
    </>
  );
}

function BackToRegister() {
  return <BackLink to="/partners">Back to the partner register</BackLink>;
}

function LastVerified({ contact }: { contact: PartnerContactWithChannels }) {
  const verifierId = contact.lastVerifiedBy;
  const [verifier] = useResource(`staff member ${verifierId ?? 'none'}`, () =>
    verifierId ? getColleague(verifierId) : Promise.resolve(null),
  );
  if (!contact.lastVerifiedAt) return <>Never</>;
  let who = 'by an import or another system (no staff member recorded)';
  if (verifierId) {
    who =
      verifier.status === 'loaded' && verifier.data
        ? `by ${verifier.data.displayName}`
        : verifier.status === 'failed'
          ? 'by a staff member who can no longer be shown'
          : 'by a staff member';
  }
  return (
    <>
      <time dateTime={contact.lastVerifiedAt}>{formatDate(contact.lastVerifiedAt)}</time> {who}
    </>
  );
}

function LinkedPeople({ contactId, name }: { contactId: string; name: string }) {
  const [people, reload] = useResource(`people of contact ${contactId}`, () =>
    listPeopleOfPartnerContact(contactId, { limit: 100, offset: 0 }),
  );
  return (
    <>
      <h2>People they are linked to</h2>
      {people.status === 'loading' ? <Loading /> : null}
      {people.status === 'failed' ? <LoadProblem error={people.error} onTryAgain={reload} /> : null}
      {people.status === 'loaded' && people.data.items.length === 0 ? (
        <p>{name} does not hold a role in anyone’s circle of support.</p>
      ) : null}
      {people.status === 'loaded' && people.data.items.length > 0 ? (
        <Table
          caption={`People whose circle of support includes ${name}`}
          headings={['Person', 'Their role', 'Service', 'Since']}
        >
          {people.data.items.map((link) => (
            <Row key={link.circleMemberId}>
              <Cell heading="Person">
                <Link to={`/people/${link.person.id}`}>{personName(link.person)}</Link>
                {link.person.status === 'active' ? null : (
                  <span className="nhsuk-u-display-block">{statusLabels[link.person.status]}</span>
                )}
              </Cell>
              <Cell heading="Their role">
                {partnerTypeLabels[link.role]}
                {link.isPrimary ? (
                  <>
                    {' '}
                    <strong className="nhsuk-tag nhsuk-tag--green">Primary contact</strong>
                  </>
                ) : null}
              </Cell>
              <Cell heading="Service">{link.person.careServiceName ?? 'None recorded'}</Cell>
              <Cell heading="Since">
                <time className="nhsuk-u-nowrap" dateTime={link.startedOn}>
                  {formatDate(link.startedOn)}
                </time>
              </Cell>
            </Row>
          ))}
        </Table>
      ) : null}
    </>
  );
}
