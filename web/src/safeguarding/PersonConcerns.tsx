import { Link } from 'react-router';
import { listConcernSummaries, listConcerns, type Person } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { formatDate } from '../ui/format.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { useResource } from '../ui/useResource.ts';
import { concernReaders, concernRecorders, concernSummaryReaders } from './access.ts';
import { ConcernsTable, NeedToKnow } from './ConcernsPage.tsx';
import { concernPath } from './concern-parts.tsx';

const shown = 20;

/**
 * The person's safeguarding concerns on their page, as each reader may see them: managers and the
 * auditor every concern about them in full (the list is audited), other staff the open concerns'
 * need-to-know summaries. Nothing for a role that sees neither.
 */
export function PersonConcerns({ person }: { person: Person }) {
  const role = useSession().user.role;
  const inFull = hasRole(role, concernReaders);
  const canRaise = hasRole(role, concernRecorders);
  if (!inFull && !hasRole(role, concernSummaryReaders)) return null;
  const name = personName(person);
  return (
    <>
      <h2>Safeguarding</h2>
      {inFull ? <ConcernsInFull person={person} /> : <OpenConcernSummaries person={person} />}
      {canRaise ? (
        <p>
          <Link to={`/safeguarding/new?personId=${encodeURIComponent(person.id)}`}>
            Raise a safeguarding concern<span className="nhsuk-u-visually-hidden"> about {name}</span>
          </Link>
        </p>
      ) : null}
    </>
  );
}

function ConcernsInFull({ person }: { person: Person }) {
  const [concerns, reload] = useResource(`concerns about ${person.id}`, () =>
    listConcerns({ view: 'all', personId: person.id, limit: shown, offset: 0 }),
  );
  if (concerns.status === 'loading') return <Loading />;
  if (concerns.status === 'failed') return <LoadProblem error={concerns.error} onTryAgain={reload} />;
  const name = personName(person);
  if (concerns.data.items.length === 0) return <p>No safeguarding concern has been raised about {name}.</p>;
  return (
    <>
      <ConcernsTable
        caption={`Safeguarding concerns about ${name}`}
        concerns={concerns.data.items}
        onePerson
      />
      <NewestOnly listed={concerns.data.items.length} />
    </>
  );
}

function OpenConcernSummaries({ person }: { person: Person }) {
  const [summaries, reload] = useResource(`concern summaries about ${person.id}`, () =>
    listConcernSummaries({ personId: person.id, limit: shown, offset: 0 }),
  );
  if (summaries.status === 'loading') return <Loading />;
  if (summaries.status === 'failed') return <LoadProblem error={summaries.error} onTryAgain={reload} />;
  const name = personName(person);
  if (summaries.data.items.length === 0) return <p>There is no open safeguarding concern about {name}.</p>;
  return (
    <>
      <Table
        caption={`Open safeguarding concerns about ${name}`}
        headings={['What you need to know', 'Raised']}
      >
        {summaries.data.items.map((summary) => (
          <Row key={summary.id}>
            <Cell heading="What you need to know">
              <NeedToKnow summary={summary} />
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                <Link to={concernPath(summary.id)}>
                  Open the concern
                  <span className="nhsuk-u-visually-hidden"> raised {formatDate(summary.raisedAt)}</span>
                </Link>
              </span>
            </Cell>
            <Cell heading="Raised">{formatDate(summary.raisedAt)}</Cell>
          </Row>
        ))}
      </Table>
      <NewestOnly listed={summaries.data.items.length} />
    </>
  );
}

/** Says so when a list holds as many as it shows: there may be older ones. */
function NewestOnly({ listed }: { listed: number }) {
  return listed === shown ? (
    <p className="nhsuk-body-s">These are the {shown} most recently raised.</p>
  ) : null;
}
