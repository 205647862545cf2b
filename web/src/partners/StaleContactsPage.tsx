import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  getOrganisation,
  listStalePartnerContacts,
  type PartnerContact,
  verifyPartnerContact,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDate } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loading } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { registerKeepers } from './access.ts';
import { partnerTypeLabels } from './partner-labels.ts';

const pageSize = 50;

export function StaleContactsPage() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  const [contacts, reload] = useResource(`stale contacts page ${page}`, () =>
    listStalePartnerContacts({ limit: pageSize, offset: (page - 1) * pageSize }),
  );
  const [organisation] = useResource('organisation', getOrganisation);
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [verifyingId, setVerifyingId] = useState<string | null>(null);
  const canKeep = hasRole(session.user.role, registerKeepers);
  usePageTitle('Contacts due to be checked', problems.length > 0);

  async function markVerified(contact: PartnerContact) {
    if (verifyingId) return;
    setVerifyingId(contact.id);
    setProblems([]);
    setNotice(null);
    try {
      await verifyPartnerContact(contact.id);
      setNotice(`${contact.name}’s details have been marked as checked today.`);
      reload();
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setVerifyingId(null);
    }
  }

  const period = organisation.status === 'loaded' ? organisation.data.contactVerificationDays : null;
  return (
    <>
      <BackLink to="/partners">Back to the partner register</BackLink>
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Contacts due to be checked</h1>
      <p>
        Keep partners’ details current: check each contact’s phone numbers, email and role with them or their
        organisation{period ? ` at least every ${period} days` : ''}. These have not been checked within that
        time, oldest first.
      </p>
      {contacts.status === 'loading' ? <Loading /> : null}
      {contacts.status === 'failed' ? <LoadProblem error={contacts.error} onTryAgain={reload} /> : null}
      {contacts.status === 'loaded' && contacts.data.items.length === 0 ? (
        <p>{page === 1 ? 'Every contact’s details have been checked recently.' : 'There are no more.'}</p>
      ) : null}
      {contacts.status === 'loaded' && contacts.data.items.length > 0 ? (
        <Table
          caption="Contacts due to be checked"
          headings={['Name', 'Organisation', 'Type', 'Last checked', ...(canKeep ? ['Action'] : [])]}
        >
          {contacts.data.items.map((contact) => (
            <Row key={contact.id}>
              <Cell heading="Name">
                <Link to={`/partners/contacts/${contact.id}`}>{contact.name}</Link>
                {contact.jobTitle ? <span className="nhsuk-u-display-block">{contact.jobTitle}</span> : null}
              </Cell>
              <Cell heading="Organisation">
                <Link to={`/partners/organisations/${contact.partnerOrganisationId}`}>
                  {contact.partnerOrganisationName}
                </Link>
              </Cell>
              <Cell heading="Type">{partnerTypeLabels[contact.type]}</Cell>
              <Cell heading="Last checked">
                {contact.lastVerifiedAt ? (
                  <time className="nhsuk-u-nowrap" dateTime={contact.lastVerifiedAt}>
                    {formatDate(contact.lastVerifiedAt)}
                  </time>
                ) : (
                  'Never'
                )}
              </Cell>
              {canKeep ? (
                <Cell heading="Action">
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                    type="button"
                    aria-disabled={verifyingId === contact.id ? 'true' : undefined}
                    onClick={() => markVerified(contact)}
                  >
                    Mark as verified<span className="nhsuk-u-visually-hidden"> ({contact.name})</span>
                  </button>
                </Cell>
              ) : null}
            </Row>
          ))}
        </Table>
      ) : null}
      {contacts.status === 'loaded' ? (
        <Pagination page={page} hasNextPage={contacts.data.items.length === pageSize} />
      ) : null}
    </>
  );
}
