import { Link, useSearchParams } from 'react-router';
import { awaitingConfirmationPath } from '../advice/AwaitingConfirmationPage.tsx';
import { adviceReaders } from '../advice/access.ts';
import { listMessages, type MessageSummary, type MessageView } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { PagedList, pageRequest } from '../ui/PagedList.tsx';
import { pageFrom } from '../ui/Pagination.tsx';
import { ButtonLink, Deadline, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { AttentionCount } from './AttentionPage.tsx';
import { attentionReaders, messageWriters, outboxReaders, routeKeepers } from './access.ts';
import { askTypeLabels, templateLabels, viewLabels, views } from './message-labels.ts';
import { MessageTags, messagePath } from './message-parts.tsx';

const pageSize = 25;

const viewHints = {
  open: 'Every message not yet closed or withdrawn.',
  awaiting_acknowledgement: 'The partner has not yet said they have received it.',
  awaiting_response: 'The partner has not yet given their response.',
  overdue: 'The deadline has passed without the response it asked for.',
  escalated: 'Liaison has chased it at least once along its escalation route.',
  all: 'Every message, including closed and withdrawn ones.',
} as const satisfies Record<MessageView, string>;

function readView(value: string | null): MessageView {
  return views.find((view) => view === value) ?? 'open';
}

export function MessagesPage() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const view = readView(searchParams.get('view'));
  const page = pageFrom(searchParams);
  usePageTitle(`Partner messages: ${viewLabels[view].toLowerCase()}`);
  const [messages, reload] = useResource(`messages ${view} ${page}`, () =>
    listMessages({ view, ...pageRequest(page, pageSize) }),
  );
  const role = session.user.role;

  return (
    <>
      <h1>Partner messages</h1>
      <p>Requests and updates sent to partners, and where each one has got to.</p>
      {hasRole(role, messageWriters) ? (
        <p>
          <ButtonLink to="/messages/new">Send a message</ButtonLink>
        </p>
      ) : null}
      <ul className="nhsuk-list">
        {hasRole(role, attentionReaders) ? (
          <li>
            <Link to="/messages/attention">
              Needs attention
              <AttentionCount />
            </Link>
          </li>
        ) : null}
        {hasRole(role, outboxReaders) ? (
          <li>
            <Link to="/messages/outbox">Emails and the outbox</Link>
          </li>
        ) : null}
        {hasRole(role, adviceReaders) ? (
          <li>
            <Link to={awaitingConfirmationPath}>Advice awaiting written confirmation</Link>
          </li>
        ) : null}
        <li>
          <Link to="/messages/escalation-routes">
            {hasRole(role, routeKeepers) ? 'Escalation routes' : 'How messages are escalated'}
          </Link>
        </li>
      </ul>

      <nav className="nhsuk-contents-list" aria-label="Which messages">
        <h2 className="nhsuk-u-visually-hidden">Which messages</h2>
        <ol className="nhsuk-contents-list__list">
          {views.map((each) =>
            each === view ? (
              <li className="nhsuk-contents-list__item" key={each} aria-current="page">
                <span className="nhsuk-contents-list__current">{viewLabels[each]}</span>
              </li>
            ) : (
              <li className="nhsuk-contents-list__item" key={each}>
                <Link className="nhsuk-contents-list__link" to={`/messages?view=${each}`}>
                  {viewLabels[each]}
                </Link>
              </li>
            ),
          )}
        </ol>
      </nav>

      <h2>{viewLabels[view]}</h2>
      <p className="nhsuk-hint">{viewHints[view]}</p>
      <PagedList
        resource={messages}
        reload={reload}
        page={page}
        pageSize={pageSize}
        searchParams={searchParams}
        empty={<p>There are no messages here.</p>}
      >
        {(items) => <MessagesTable caption={`${viewLabels[view]} messages`} messages={items} />}
      </PagedList>
    </>
  );
}

export function MessagesTable({
  caption,
  messages,
  showPerson = true,
}: {
  caption: string;
  messages: readonly MessageSummary[];
  showPerson?: boolean;
}) {
  return (
    <Table caption={caption} headings={['Message', 'To', 'Deadline (UK time)', 'Status']}>
      {messages.map((message) => (
        <Row key={message.id}>
          <Cell heading="Message">
            <Link to={messagePath(message.id)}>{message.subject}</Link>
            <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
              {templateLabels[message.template]}
              {message.askType ? `: ${askTypeLabels[message.askType].toLowerCase()}` : ''}
              {showPerson && message.personName ? `, about ${message.personName}` : ''}
            </span>
            <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-0">
              Sent <Moment iso={message.sentAt} />
            </span>
          </Cell>
          <Cell heading="To">
            {message.partnerContactName}
            <span className="nhsuk-u-display-block">{message.partnerOrganisationName}</span>
          </Cell>
          <Cell heading="Deadline (UK time)">
            <Deadline iso={message.deadline} />
          </Cell>
          <Cell heading="Status">
            <MessageTags message={message} />
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
