import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { listCareServices, listPeople, type Person, type PersonStatus } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { codeChoices, SelectField, TextField } from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { ButtonLink, Loaded } from '../ui/page-parts.tsx';
import { SearchForm, searchQueryFrom } from '../ui/search-form.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { peopleWriters } from './access.ts';
import {
  clinicalFlagLabels,
  formatNhsNumber,
  personName,
  personStatuses,
  statusLabels,
} from './person-labels.ts';

const pageSize = 50;

export function PeoplePage() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const [notice] = useNotice();
  // A name or NHS number searched for is personal: it is kept in the page's place in the history,
  // never in its address, where it would stay in the browser's history and in proxies' logs.
  const q = nameSearchedFor(useLocation().state);
  const careServiceId = searchParams.get('service') ?? '';
  // People who have left or died stay on record; the list starts with those supported now.
  const statusParam = searchParams.get('status') ?? 'active';
  const status = (personStatuses as string[]).includes(statusParam)
    ? (statusParam as PersonStatus)
    : undefined;
  const page = pageFrom(searchParams);
  const canWrite = hasRole(session.user.role, peopleWriters);
  usePageTitle('People');

  const [services] = useResource('care services', () => listCareServices({ limit: 100, offset: 0 }));
  const searchKey = `${searchParams} ${q}`;
  const [people, reload] = useResource(`people ${searchKey}`, () =>
    listPeople({
      limit: pageSize,
      offset: (page - 1) * pageSize,
      q,
      ...(careServiceId ? { careServiceId } : {}),
      ...(status ? { status } : {}),
    }),
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = searchQueryFrom(form, ['service', 'status']);
    if (!next.has('status')) next.set('status', 'any');
    const name = String(form.get('q') ?? '').trim();
    navigate({ search: `?${next}` }, { state: name ? { q: name } : null });
  }

  const serviceOptions = [
    { value: '', label: 'Any service' },
    ...(services.status === 'loaded'
      ? services.data.items.map((service) => ({ value: service.id, label: service.name }))
      : []),
  ];
  const isSearching = Boolean(q || careServiceId || statusParam !== 'active');

  return (
    <>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>People</h1>
      <p>The people your organisation supports, and the partners in their circle of support.</p>
      {canWrite ? (
        <p>
          <ButtonLink to="/people/new">Add a person</ButtonLink>
        </p>
      ) : null}
      <SearchForm
        heading="Find a person"
        searchKey={searchKey}
        onSubmit={search}
        clearTo={isSearching ? '/people' : null}
      >
        <div className="nhsuk-grid-column-one-third">
          <TextField
            id="q"
            name="q"
            label="Name or NHS number"
            type="search"
            defaultValue={q}
            spellCheck={false}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <SelectField
            id="service"
            name="service"
            label="Service or location"
            options={serviceOptions}
            defaultValue={careServiceId}
          />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <SelectField
            id="status"
            name="status"
            label="Status"
            options={[{ value: 'any', label: 'Any status' }, ...codeChoices(personStatuses, statusLabels)]}
            defaultValue={status ?? 'any'}
          />
        </div>
      </SearchForm>

      <Loaded resource={people} reload={reload} loading="Loading people">
        {(found) => (
          <>
            <PeopleTable people={found.items} isSearching={isSearching} />
            <Pagination
              page={page}
              hasNextPage={found.items.length === pageSize}
              searchParams={searchParams}
              state={q ? { q } : null}
            />
          </>
        )}
      </Loaded>
    </>
  );
}

/** The name or NHS number a search asked for, from the history entry's state. */
function nameSearchedFor(state: unknown): string {
  const q = typeof state === 'object' && state !== null && 'q' in state ? state.q : '';
  return typeof q === 'string' ? q.trim() : '';
}

function PeopleTable({ people, isSearching }: { people: readonly Person[]; isSearching: boolean }) {
  if (people.length === 0) {
    return <p>{isSearching ? 'No one matches your search.' : 'There is no one to show yet.'}</p>;
  }
  return (
    <Table
      caption={isSearching ? 'People who match' : 'People supported now'}
      headings={['Name', 'Date of birth', 'NHS number', 'Service', 'Clinical flags', 'Status']}
    >
      {people.map((person) => (
        <Row key={person.id}>
          <Cell heading="Name">
            <Link to={`/people/${person.id}`}>{personName(person)}</Link>
          </Cell>
          <Cell heading="Date of birth">
            {person.dateOfBirth ? (
              <time className="nhsuk-u-nowrap" dateTime={person.dateOfBirth}>
                {formatDate(person.dateOfBirth)}
              </time>
            ) : (
              'Not recorded'
            )}
          </Cell>
          <Cell heading="NHS number">
            {/* Non-breaking spaces keep the number on one line (NHS.UK's nowrap class is for small screens only). */}
            {person.nhsNumber ? formatNhsNumber(person.nhsNumber).replaceAll(' ', '\u00a0') : 'Not recorded'}
          </Cell>
          <Cell heading="Service">{person.careServiceName ?? 'None'}</Cell>
          <Cell heading="Clinical flags">
            {person.clinicalFlags.length > 0
              ? person.clinicalFlags.map((flag) => clinicalFlagLabels[flag]).join(', ')
              : 'None'}
          </Cell>
          <Cell heading="Status">
            <strong
              className={`nhsuk-tag ${person.status === 'active' ? 'nhsuk-tag--green' : 'nhsuk-tag--grey'}`}
            >
              {statusLabels[person.status]}
            </strong>
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
