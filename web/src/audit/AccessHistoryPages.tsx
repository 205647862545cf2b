import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  type AccessHistory,
  type AccessHistoryFilter,
  type AccessVisit,
  getPersonAccessHistory,
  getStaffAccessHistory,
  listAuditActions,
  listPeople,
  listStaff,
} from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { DateInput, readDateRange, SelectField } from '../ui/form-fields.tsx';
import { formatDateTime, formatTime } from '../ui/format.ts';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loading } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { type Resource, useResource } from '../ui/useResource.ts';
import { describeEntity } from './audit-labels.ts';

const pageSize = 50;

/** The page number and the filters, kept in the address so a filtered list can be shared and paged. */
function useHistoryQuery() {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  const filter: AccessHistoryFilter = {};
  for (const key of ['actorId', 'personId', 'action', 'from', 'to'] as const) {
    const value = searchParams.get(key);
    if (value) filter[key] = value;
  }
  return { page, filter, searchParams, setSearchParams };
}

/** "Who has accessed this record": every visit to one person's record, newest first. */
export function PersonAccessPage() {
  const { personId = '' } = useParams();
  const { page, filter, searchParams, setSearchParams } = useHistoryQuery();
  const key = `person access ${personId} ${searchParams.toString()}`;
  const [history, reload] = useResource(key, () =>
    getPersonAccessHistory(personId, { limit: pageSize, offset: (page - 1) * pageSize }, filter),
  );
  const [staff] = useResource('access history staff', () => listStaff({ limit: 100, offset: 0 }));
  const name = history.status === 'loaded' ? history.data.subject.name : null;
  usePageTitle(name ? `Who has accessed ${name}’s record` : 'Who has accessed this record');
  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to {name ?? 'their record'}</BackLink>
      <h1>
        {name ? <span className="nhsuk-caption-l">{name}</span> : null}
        Who has accessed this record
      </h1>
      <p>
        Everyone who has viewed or changed this person’s record, or the records kept about them, newest first:
        staff, partners through a secure link, and connected systems. Pages read on one visit are shown as one
        row. Times are UK time. Looking at this list is recorded in the audit trail too.
      </p>
      <Filters
        filter={filter}
        onApply={(next) => setSearchParams(next)}
        who={{
          name: 'actorId',
          label: 'Staff member',
          options:
            staff.status === 'loaded'
              ? staff.data.items.map((member) => ({ value: member.id, label: member.displayName }))
              : [],
        }}
      />
      <HistoryTable
        history={history}
        page={page}
        searchParams={searchParams}
        onTryAgain={reload}
        caption="Access to this record"
        emptyText={
          Object.keys(filter).length > 0
            ? 'Nothing matches these filters.'
            : 'No one has accessed this record.'
        }
        columns={[
          { heading: 'Who', render: (visit) => visit.actor.description },
          { heading: 'What', render: (visit) => <WhatWasDone visit={visit} /> },
        ]}
      />
    </>
  );
}

/** "What has this user accessed": everything one staff member did, by visit, newest first. */
export function StaffAccessPage() {
  const { userId = '' } = useParams();
  const { page, filter, searchParams, setSearchParams } = useHistoryQuery();
  const key = `staff access ${userId} ${searchParams.toString()}`;
  const [history, reload] = useResource(key, () =>
    getStaffAccessHistory(userId, { limit: pageSize, offset: (page - 1) * pageSize }, filter),
  );
  const [people] = useResource('access history people', () => listPeople({ limit: 100, offset: 0 }));
  const name = history.status === 'loaded' ? history.data.subject.name : null;
  usePageTitle(name ? `What ${name} has accessed` : 'What this user has accessed');
  return (
    <>
      <BackLink to="/staff">Back to staff</BackLink>
      <h1>
        {name ? <span className="nhsuk-caption-l">{name}</span> : null}
        What has this user accessed
      </h1>
      <p>
        Every record this staff member has viewed or changed, and everything else they did in Liaison, newest
        first. Pages read on one visit are shown as one row. Times are UK time. Looking at this list is
        recorded in the audit trail too.
      </p>
      <Filters
        filter={filter}
        onApply={(next) => setSearchParams(next)}
        who={{
          name: 'personId',
          label: 'Person',
          options:
            people.status === 'loaded'
              ? people.data.items.map((person) => ({
                  value: person.id,
                  label: `${person.givenName} ${person.familyName}`,
                }))
              : [],
        }}
      />
      <HistoryTable
        history={history}
        page={page}
        searchParams={searchParams}
        onTryAgain={reload}
        caption="What they did"
        emptyText={
          Object.keys(filter).length > 0
            ? 'Nothing matches these filters.'
            : 'This user has not done anything in Liaison yet.'
        }
        columns={[
          { heading: 'What', render: (visit) => <WhatWasDone visit={visit} /> },
          { heading: 'Record', render: (visit) => <RecordLink visit={visit} /> },
        ]}
      />
    </>
  );
}

const filterFields = {
  from: 'filter-from',
  to: 'filter-to',
  actorId: 'filter-who',
  personId: 'filter-who',
  action: 'filter-action',
};

/** Dates, who, and what: the questions a subject access request or an inspector asks. */
function Filters({
  filter,
  onApply,
  who,
}: {
  filter: AccessHistoryFilter;
  onApply: (next: URLSearchParams) => void;
  who: { name: 'actorId' | 'personId'; label: string; options: { value: string; label: string }[] };
}) {
  const [actions] = useResource('audit actions', listAuditActions);

  const form = useFormSubmit(filterFields, async (values) => {
    const { query: next, problems } = readDateRange(values);
    if (!next) return problems;
    for (const name of [who.name, 'action']) {
      const value = String(values.get(name) ?? '');
      if (value) next.set(name, value);
    }
    onApply(next);
  });

  return (
    <details className="nhsuk-details" open={Object.keys(filter).length > 0 || form.hasErrors}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Filter by date, {who.label.toLowerCase()} or action
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <ErrorSummary items={form.errors.items} />
        <Form form={form} key={JSON.stringify(filter)}>
          <DateInput name="from" legend="From" defaultValue={filter.from} />
          <DateInput name="to" legend="To" defaultValue={filter.to} />
          <SelectField
            id={filterFields[who.name]}
            name={who.name}
            label={who.label}
            options={[{ value: '', label: 'Anyone' }, ...who.options]}
            defaultValue={filter[who.name] ?? ''}
          />
          <SelectField
            name="action"
            label="Action"
            options={[
              { value: '', label: 'Any action' },
              ...(actions.status === 'loaded'
                ? actions.data.items.map((item) => ({ value: item.action, label: item.label }))
                : []),
            ]}
            defaultValue={filter.action ?? ''}
          />
          <div className="nhsuk-button-group">
            <SubmitButton variant="secondary">Apply filters</SubmitButton>
            {Object.keys(filter).length > 0 ? <Link to="?">Clear filters</Link> : null}
          </div>
        </Form>
      </div>
    </details>
  );
}

type Column = { heading: string; render: (visit: AccessVisit) => ReactNode };

function HistoryTable({
  history,
  page,
  searchParams,
  onTryAgain,
  caption,
  emptyText,
  columns,
}: {
  history: Resource<AccessHistory>;
  page: number;
  searchParams: URLSearchParams;
  onTryAgain: () => void;
  caption: string;
  emptyText: string;
  columns: Column[];
}) {
  if (history.status === 'loading') {
    return <Loading />;
  }
  if (history.status === 'failed') return <LoadProblem error={history.error} onTryAgain={onTryAgain} />;
  const visits = history.data.items;
  return (
    <>
      {visits.length === 0 ? (
        <p>{page === 1 ? emptyText : 'There is nothing more to show.'}</p>
      ) : (
        <Table caption={caption} headings={['When', ...columns.map((column) => column.heading)]}>
          {visits.map((visit) => (
            <Row key={`${visit.firstEntryId}-${visit.lastEntryId}`}>
              <Cell heading="When">
                <When visit={visit} />
              </Cell>
              {columns.map((column) => (
                <Cell heading={column.heading} key={column.heading}>
                  {column.render(visit)}
                </Cell>
              ))}
            </Row>
          ))}
        </Table>
      )}
      <Pagination page={page} hasNextPage={visits.length === pageSize} searchParams={searchParams} />
    </>
  );
}

/** When the visit began; and, for a visit of several pages, until when. */
function When({ visit }: { visit: AccessVisit }) {
  return (
    <>
      <time dateTime={visit.firstAt}>{formatDateTime(visit.firstAt)}</time>
      {visit.lastAt !== visit.firstAt ? (
        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block">
          until <time dateTime={visit.lastAt}>{formatTime(visit.lastAt)}</time>
        </span>
      ) : null}
    </>
  );
}

function WhatWasDone({ visit }: { visit: AccessVisit }) {
  return (
    <>
      {visit.label}
      {visit.detail ? (
        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-display-block">
          {visit.detail}
        </span>
      ) : null}
    </>
  );
}

function RecordLink({ visit }: { visit: AccessVisit }) {
  const label = describeEntity(visit);
  if (visit.entity.type === 'person' && visit.entity.id && visit.entity.name) {
    // Opening the record from here is a view like any other, and is audited as one.
    return <Link to={`/people/${visit.entity.id}`}>{label}</Link>;
  }
  return label;
}
