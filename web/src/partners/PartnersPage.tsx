import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  listPartnerContacts,
  listPartnerOrganisations,
  type PartnerContact,
  type PartnerOrganisation,
  type PartnerType,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { everyPage } from '../ui/every-page.ts';
import { SelectField, TextField } from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { ButtonLink, Loaded } from '../ui/page-parts.tsx';
import { SearchForm, searchQueryFrom } from '../ui/search-form.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { registerKeepers } from './access.ts';
import { partnerTypeLabels, partnerTypeOptions, partnerTypes } from './partner-labels.ts';

const resultLimit = 100;

/** Every partner organisation, for the "organisation" filter: pages of 100 until a short one. */
export async function listAllPartnerOrganisations(): Promise<PartnerOrganisation[]> {
  return everyPage(listPartnerOrganisations, 5_000);
}

export function PartnersPage() {
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const [notice] = useNotice();
  const q = searchParams.get('q')?.trim() ?? '';
  const typeParam = searchParams.get('type') ?? '';
  const type = (partnerTypes as string[]).includes(typeParam) ? (typeParam as PartnerType) : undefined;
  const organisationId = searchParams.get('organisation') ?? '';
  const canKeep = hasRole(session.user.role, registerKeepers);
  usePageTitle('Partner register');

  const [organisations] = useResource('all partner organisations', listAllPartnerOrganisations);
  const searchKey = searchParams.toString();
  const [results, reload] = useResource(`partner register ${searchKey}`, async () => {
    const [matchingOrganisations, contacts] = await Promise.all([
      organisationId
        ? Promise.resolve({ items: [] as PartnerOrganisation[] })
        : listPartnerOrganisations({ limit: resultLimit, offset: 0, q, ...(type ? { type } : {}) }),
      listPartnerContacts({
        limit: resultLimit,
        offset: 0,
        q,
        ...(type ? { type } : {}),
        ...(organisationId ? { partnerOrganisationId: organisationId } : {}),
      }),
    ]);
    return { organisations: matchingOrganisations.items, contacts: contacts.items };
  });

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(searchQueryFrom(new FormData(event.currentTarget), ['q', 'type', 'organisation']));
  }

  const isSearching = Boolean(q || type || organisationId);
  const organisationOptions = [
    { value: '', label: 'Any organisation' },
    ...(organisations.status === 'loaded'
      ? organisations.data.map((organisation) => ({ value: organisation.id, label: organisation.name }))
      : []),
  ];

  return (
    <>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Partner register</h1>
      <p>
        The organisations you work with, the named people there, and how to reach them for urgent and routine
        matters.
      </p>
      <ul className="nhsuk-list">
        <li>
          <Link to="/partners/stale">Contacts whose details are due to be checked</Link>
        </li>
        {canKeep ? (
          <li>
            <Link to="/partners/import">Import from a CSV file</Link>
          </li>
        ) : null}
      </ul>
      {canKeep ? (
        <p>
          <ButtonLink to="/partners/organisations/new">Add a partner organisation</ButtonLink>
        </p>
      ) : null}

      <SearchForm
        heading="Search the register"
        searchKey={searchKey}
        onSubmit={search}
        clearTo={isSearching ? '/partners' : null}
      >
        <div className="nhsuk-grid-column-one-third">
          <TextField id="q" name="q" label="Name" type="search" defaultValue={q} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <PartnerTypeFilter chosen={type} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <SelectField
            id="organisation"
            name="organisation"
            label="Organisation (for contacts)"
            options={organisationOptions}
            defaultValue={organisationId}
          />
        </div>
      </SearchForm>

      <Loaded resource={results} reload={reload} loading="Loading the register">
        {(found) => (
          <>
            {organisationId ? null : (
              <OrganisationsTable organisations={found.organisations} isSearching={isSearching} />
            )}
            <ContactsTable contacts={found.contacts} isSearching={isSearching} />
          </>
        )}
      </Loaded>
    </>
  );
}

/** The search's choice of one type of partner, or any. */
export function PartnerTypeFilter({ chosen }: { chosen: PartnerType | undefined }) {
  return (
    <SelectField
      id="type"
      name="type"
      label="Type"
      options={[{ value: '', label: 'Any type' }, ...partnerTypeOptions]}
      defaultValue={chosen ?? ''}
    />
  );
}

function countCaption(what: string, count: number, isSearching: boolean): string {
  if (count >= resultLimit) return `${what}: the first ${resultLimit}${isSearching ? ' that match' : ''}`;
  return isSearching ? `${what} that match (${count})` : `${what} (${count})`;
}

function OrganisationsTable({
  organisations,
  isSearching,
}: {
  organisations: readonly PartnerOrganisation[];
  isSearching: boolean;
}) {
  const caption = countCaption('Organisations', organisations.length, isSearching);
  if (organisations.length === 0) {
    return (
      <>
        <h2 className="nhsuk-heading-m">{caption}</h2>
        <p>{isSearching ? 'No organisations match your search.' : 'There are no organisations yet.'}</p>
      </>
    );
  }
  return (
    <Table caption={caption} headings={['Name', 'Type', 'ODS code']}>
      {organisations.map((organisation) => (
        <Row key={organisation.id}>
          <Cell heading="Name">
            <Link to={`/partners/organisations/${organisation.id}`}>{organisation.name}</Link>
          </Cell>
          <Cell heading="Type">{partnerTypeLabels[organisation.type]}</Cell>
          <Cell heading="ODS code">{organisation.odsCode ?? 'None'}</Cell>
        </Row>
      ))}
    </Table>
  );
}

export function ContactsTable({
  contacts,
  isSearching,
  caption,
  showOrganisation = true,
}: {
  contacts: readonly PartnerContact[];
  isSearching: boolean;
  caption?: string;
  showOrganisation?: boolean;
}) {
  const title = caption ?? countCaption('Contacts', contacts.length, isSearching);
  if (contacts.length === 0) {
    return (
      <>
        <h2 className="nhsuk-heading-m">{title}</h2>
        <p>{isSearching ? 'No contacts match your search.' : 'There are no contacts yet.'}</p>
      </>
    );
  }
  const headings = [
    'Name',
    'Job title',
    'Type',
    ...(showOrganisation ? ['Organisation'] : []),
    'Details checked',
  ];
  return (
    <Table caption={title} headings={headings}>
      {contacts.map((contact) => (
        <Row key={contact.id}>
          <Cell heading="Name">
            <Link to={`/partners/contacts/${contact.id}`}>{contact.name}</Link>
          </Cell>
          <Cell heading="Job title">{contact.jobTitle ?? ''}</Cell>
          <Cell heading="Type">{partnerTypeLabels[contact.type]}</Cell>
          {showOrganisation ? (
            <Cell heading="Organisation">
              <Link to={`/partners/organisations/${contact.partnerOrganisationId}`}>
                {contact.partnerOrganisationName}
              </Link>
            </Cell>
          ) : null}
          <Cell heading="Details checked">
            <VerificationStatus contact={contact} />
          </Cell>
        </Row>
      ))}
    </Table>
  );
}

/** When the contact's details were last checked, and a tag when they are due again or they moved on. */
export function VerificationStatus({ contact }: { contact: PartnerContact }) {
  if (contact.endedAt) {
    return (
      <>
        <strong className="nhsuk-tag nhsuk-tag--grey">Moved on</strong>{' '}
        <span className="nhsuk-u-nowrap">{formatDate(contact.endedAt)}</span>
      </>
    );
  }
  return (
    <>
      {contact.lastVerifiedAt ? (
        <time className="nhsuk-u-nowrap" dateTime={contact.lastVerifiedAt}>
          {formatDate(contact.lastVerifiedAt)}
        </time>
      ) : (
        'Never'
      )}
      {contact.isStale ? (
        <>
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--orange">Due to be checked</strong>
        </>
      ) : null}
    </>
  );
}
