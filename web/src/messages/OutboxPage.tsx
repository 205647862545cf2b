import { Link, useSearchParams } from 'react-router';
import { listOutbox, type OutboxEmail, type OutboxState } from '../api.ts';
import { formatDateTime } from '../ui/format.ts';
import { PagedList, pageRequest } from '../ui/PagedList.tsx';
import { pageFrom } from '../ui/Pagination.tsx';
import { BackLink } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { emailStateLabels, emailStates } from './message-labels.ts';

const pageSize = 25;

const filterLabels = {
  all: 'All emails',
  waiting: 'Waiting to be sent',
  sent: 'Sent',
  failed: 'Could not be delivered',
  held: 'Held',
} as const satisfies Record<OutboxState | 'all', string>;

function readState(value: string | null): OutboxState | undefined {
  return emailStates.find((state) => state === value);
}

/** Every email the organisation sends, where it is and why one did not go: for managers. */
export function OutboxPage() {
  const [searchParams] = useSearchParams();
  const state = readState(searchParams.get('state'));
  const page = pageFrom(searchParams);
  const filter = state ?? 'all';
  usePageTitle(`Emails: ${filterLabels[filter].toLowerCase()}`);
  const [outbox, reload] = useResource(`outbox ${filter} ${page}`, () =>
    listOutbox({ state, ...pageRequest(page, pageSize) }),
  );

  return (
    <>
      <BackLink to="/messages">Back to partner messages</BackLink>
      <h1>Emails and the outbox</h1>
      {outbox.status === 'loaded' && !outbox.data.mailServerConfigured ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Email is off
          </h2>
          <p>
            No mail server is set up: emails wait here and are not sent. Give partners their links another
            way.
          </p>
        </div>
      ) : null}
      <p>
        Every email Liaison sends for your organisation: to partners about messages, and alerts to staff. The
        emails themselves and the links they carry are not shown here.
      </p>

      <nav className="nhsuk-contents-list" aria-label="Which emails">
        <h2 className="nhsuk-u-visually-hidden">Which emails</h2>
        <ol className="nhsuk-contents-list__list">
          {(['all', ...emailStates] as const).map((each) =>
            each === filter ? (
              <li className="nhsuk-contents-list__item" key={each} aria-current="page">
                <span className="nhsuk-contents-list__current">{filterLabels[each]}</span>
              </li>
            ) : (
              <li className="nhsuk-contents-list__item" key={each}>
                <Link
                  className="nhsuk-contents-list__link"
                  to={each === 'all' ? '/messages/outbox' : `/messages/outbox?state=${each}`}
                >
                  {filterLabels[each]}
                </Link>
              </li>
            ),
          )}
        </ol>
      </nav>

      <PagedList
        resource={outbox}
        reload={reload}
        page={page}
        pageSize={pageSize}
        searchParams={searchParams}
        empty={<p>There are no emails here.</p>}
      >
        {(items) => <OutboxTable caption={filterLabels[filter]} emails={items} />}
      </PagedList>
    </>
  );
}

function OutboxTable({ caption, emails }: { caption: string; emails: readonly OutboxEmail[] }) {
  return (
    <Table caption={caption} headings={['To', 'About', 'Where it is', 'When (UK time)']}>
      {emails.map((email) => (
        <Row key={email.id}>
          <Cell heading="To">{email.to}</Cell>
          <Cell heading="About">
            {email.about?.webPath ? (
              <Link to={email.about.webPath}>{email.about.title}</Link>
            ) : (
              (email.about?.title ?? 'A message to staff')
            )}
            <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-0">
              {email.subject}
            </span>
          </Cell>
          <Cell heading="Where it is">
            {emailStateLabels[email.state]}
            {email.why ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">{email.why}</span>
            ) : null}
          </Cell>
          <Cell heading="When (UK time)">
            Queued {formatDateTime(email.queuedAt)}
            {email.sentAt ? (
              <span className="nhsuk-u-display-block">Sent {formatDateTime(email.sentAt)}</span>
            ) : null}
            {email.nextAttemptAt && email.attempts > 0 ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                Tried {email.attempts} {email.attempts === 1 ? 'time' : 'times'}; next try{' '}
                {formatDateTime(email.nextAttemptAt)}
              </span>
            ) : null}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
