import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  type AccessEntry,
  type AccessHistory,
  getPersonAccessHistory,
  getStaffAccessHistory,
} from '../api.ts';
import { Cell, Row, Table } from '../partners/table.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Pagination } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { type Resource, useResource } from '../ui/useResource.ts';
import { describeAction, describeActor, describeEntity } from './audit-labels.ts';

const pageSize = 50;

function usePage(): number {
  const [searchParams] = useSearchParams();
  return Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
}

/** "Who has accessed this record": every view and change of one person's record, newest first. */
export function PersonAccessPage() {
  const { personId = '' } = useParams();
  const page = usePage();
  const [history, reload] = useResource(`person access ${personId} ${page}`, () =>
    getPersonAccessHistory(personId, { limit: pageSize, offset: (page - 1) * pageSize }),
  );
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
        Everyone who has viewed or changed this person’s record, or the records kept about them, newest first.
        Times are UK time. Looking at this list is recorded in the audit trail too.
      </p>
      <HistoryTable
        history={history}
        page={page}
        onTryAgain={reload}
        caption="Access to this record"
        emptyText="No one has accessed this record."
        columns={[
          { heading: 'Who', render: (entry) => describeActor(entry) },
          { heading: 'What', render: (entry) => <WhatWasDone entry={entry} /> },
        ]}
      />
    </>
  );
}

/** "What has this user accessed": everything one staff member did, newest first. */
export function StaffAccessPage() {
  const { userId = '' } = useParams();
  const page = usePage();
  const [history, reload] = useResource(`staff access ${userId} ${page}`, () =>
    getStaffAccessHistory(userId, { limit: pageSize, offset: (page - 1) * pageSize }),
  );
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
        first. Times are UK time. Looking at this list is recorded in the audit trail too.
      </p>
      <HistoryTable
        history={history}
        page={page}
        onTryAgain={reload}
        caption="What they did"
        emptyText="This user has not done anything in Liaison yet."
        columns={[
          { heading: 'What', render: (entry) => <WhatWasDone entry={entry} /> },
          { heading: 'Record', render: (entry) => <RecordLink entry={entry} /> },
        ]}
      />
    </>
  );
}

type Column = { heading: string; render: (entry: AccessEntry) => ReactNode };

function HistoryTable({
  history,
  page,
  onTryAgain,
  caption,
  emptyText,
  columns,
}: {
  history: Resource<AccessHistory>;
  page: number;
  onTryAgain: () => void;
  caption: string;
  emptyText: string;
  columns: Column[];
}) {
  if (history.status === 'loading') {
    return (
      <p className="nhsuk-body" role="status">
        Loading
      </p>
    );
  }
  if (history.status === 'failed') return <LoadProblem error={history.error} onTryAgain={onTryAgain} />;
  const entries = history.data.items;
  return (
    <>
      {entries.length === 0 ? (
        <p>{page === 1 ? emptyText : 'There is nothing more to show.'}</p>
      ) : (
        <Table caption={caption} headings={['When', ...columns.map((column) => column.heading)]}>
          {entries.map((entry) => (
            <Row key={entry.id}>
              <Cell heading="When">
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
              </Cell>
              {columns.map((column) => (
                <Cell heading={column.heading} key={column.heading}>
                  {column.render(entry)}
                </Cell>
              ))}
            </Row>
          ))}
        </Table>
      )}
      <Pagination page={page} hasNextPage={entries.length === pageSize} />
    </>
  );
}

function WhatWasDone({ entry }: { entry: AccessEntry }) {
  return (
    <>
      {describeAction(entry)}
      {entry.changedFields.length > 0 ? (
        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          {' '}
          ({entry.changedFields.join(', ')})
        </span>
      ) : null}
    </>
  );
}

function RecordLink({ entry }: { entry: AccessEntry }) {
  const label = describeEntity(entry);
  if (entry.entity.type === 'person' && entry.entity.id && entry.entity.name) {
    // Opening the record from here is a view like any other, and is audited as one.
    return <Link to={`/people/${entry.entity.id}`}>{label}</Link>;
  }
  return label;
}

function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <div className="nhsuk-u-margin-bottom-5">
      <Link className="nhsuk-back-link" to={to}>
        {children}
      </Link>
    </div>
  );
}
