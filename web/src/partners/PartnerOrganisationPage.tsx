import { Link, useParams, useSearchParams } from 'react-router';
import { getPartnerOrganisation, listContactsOfOrganisation } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, ButtonLink, Loading, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { registerKeepers } from './access.ts';
import { AddChannelLink, ChannelTable, HowToReachNow } from './channels.tsx';
import { ContactsTable } from './PartnersPage.tsx';
import { partnerTypeLabels } from './partner-labels.ts';

export function PartnerOrganisationPage() {
  const { organisationId = '' } = useParams();
  const session = useSession();
  const [searchParams] = useSearchParams();
  const includeEnded = searchParams.get('include') === 'moved-on';
  const [notice] = useNotice();
  const canKeep = hasRole(session.user.role, registerKeepers);
  const [organisation, reload] = useResource(`partner organisation ${organisationId}`, () =>
    getPartnerOrganisation(organisationId),
  );
  const [contacts, reloadContacts] = useResource(`contacts of ${organisationId} ${includeEnded}`, () =>
    listContactsOfOrganisation(organisationId, { limit: 100, offset: 0, includeEnded }),
  );
  usePageTitle(organisation.status === 'loaded' ? organisation.data.name : 'Partner organisation');

  const base = `/partners/organisations/${organisationId}`;
  return (
    <>
      <BackLink to="/partners">Back to the partner register</BackLink>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      {organisation.status === 'loading' ? <Loading what="Loading the organisation" /> : null}
      {organisation.status === 'failed' ? (
        <>
          <h1>Partner organisation</h1>
          <LoadProblem error={organisation.error} onTryAgain={reload} />
        </>
      ) : null}
      {organisation.status === 'loaded' ? (
        <>
          <h1>
            <span className="nhsuk-caption-l">
              <span className="nhsuk-u-visually-hidden">Partner organisation: </span>
              {partnerTypeLabels[organisation.data.type]}
            </span>
            {organisation.data.name}
          </h1>
          <SummaryList
            rows={[
              { key: 'Type', value: partnerTypeLabels[organisation.data.type] },
              { key: 'ODS code', value: organisation.data.odsCode ?? 'None recorded' },
              { key: 'Address', value: <MultiLine text={organisation.data.address} /> },
              { key: 'Notes', value: <MultiLine text={organisation.data.notes} /> },
            ]}
          />
          {canKeep ? (
            <p>
              <Link to={`${base}/change`}>
                Change the organisation’s details
                <span className="nhsuk-u-visually-hidden"> ({organisation.data.name})</span>
              </Link>
            </p>
          ) : null}

          <HowToReachNow owner={{ organisationId }} />

          <h2>Channels</h2>
          <p>
            The organisation’s own phone lines, email addresses and portals. A contact’s request goes to these
            when the contact has no channel of their own staffed at the time.
          </p>
          {organisation.data.channels.length > 0 ? (
            <ChannelTable
              caption="The organisation’s channels"
              channels={organisation.data.channels}
              changePath={canKeep ? (channel) => `${base}/channels/${channel.id}` : undefined}
            />
          ) : (
            <p>There are no channels for the organisation yet.</p>
          )}
          {canKeep ? <AddChannelLink ownerPath={base} /> : null}

          <h2>Contacts</h2>
          {contacts.status === 'failed' ? (
            <LoadProblem error={contacts.error} onTryAgain={reloadContacts} />
          ) : null}
          {contacts.status === 'loaded' ? (
            <ContactsTable
              contacts={contacts.data.items}
              isSearching={false}
              caption={includeEnded ? 'Everyone who has been a contact here' : 'Named contacts'}
              showOrganisation={false}
            />
          ) : null}
          <p>
            {includeEnded ? (
              <Link to={base}>Show only current contacts</Link>
            ) : (
              <Link to={`${base}?include=moved-on`}>Include contacts who have moved on</Link>
            )}
          </p>
          {canKeep ? (
            <p>
              <ButtonLink variant="secondary" to={`${base}/contacts/new`}>
                Add a contact
              </ButtonLink>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
