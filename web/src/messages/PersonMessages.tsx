import { listMessages, type Person } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { ButtonLink, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { messageReaders, messageWriters } from './access.ts';
import { MessagesTable } from './MessagesPage.tsx';

const shown = 20;

/** The messages sent to partners about a person, newest first, for their page. */
export function PersonMessages({ person }: { person: Person }) {
  const session = useSession();
  const canRead = hasRole(session.user.role, messageReaders);
  const [messages, reload] = useResource(`messages about ${person.id} ${canRead}`, () =>
    canRead
      ? listMessages({ view: 'all', personId: person.id, limit: shown, offset: 0 })
      : Promise.resolve({ items: [] }),
  );
  if (!canRead) return null;
  const name = personName(person);
  return (
    <>
      <h2>Messages</h2>
      <p>Requests and updates sent to partners about {name}.</p>
      {messages.status === 'loading' ? <Loading /> : null}
      {messages.status === 'failed' ? <LoadProblem error={messages.error} onTryAgain={reload} /> : null}
      {messages.status === 'loaded' && messages.data.items.length === 0 ? (
        <p>No messages have been sent about {name}.</p>
      ) : null}
      {messages.status === 'loaded' && messages.data.items.length > 0 ? (
        <MessagesTable caption={`Messages about ${name}`} messages={messages.data.items} showPerson={false} />
      ) : null}
      {hasRole(session.user.role, messageWriters) ? (
        <p>
          <ButtonLink variant="secondary" to={`/messages/new?personId=${person.id}`}>
            Send a message about {name}
          </ButtonLink>
        </p>
      ) : null}
    </>
  );
}
