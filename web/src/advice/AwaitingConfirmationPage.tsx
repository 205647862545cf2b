import { Link, useSearchParams } from 'react-router';
import { type Advice, listAdviceAwaitingConfirmation } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { receivedHowLabels } from '../messages/message-labels.ts';
import { messagePath } from '../messages/message-parts.tsx';
import { hasRole } from '../roles.ts';
import { pageRequest } from '../ui/PagedList.tsx';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loading, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { adviceWriters } from './access.ts';
import { confirmationStatusLabels, confirmationTagClass } from './advice-labels.ts';

const pageSize = 25;

export const awaitingConfirmationPath = '/messages/advice-awaiting-confirmation';

/**
 * Advice partners gave by phone, in person or at a meeting that has not yet been confirmed in
 * writing, oldest first: what a manager chases.
 */
export function AwaitingConfirmationPage() {
  const session = useSession();
  const canWrite = hasRole(session.user.role, adviceWriters);
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  usePageTitle('Advice awaiting written confirmation');
  const [loaded, reload] = useResource(`advice awaiting confirmation ${page}`, async () => ({
    advice: (await listAdviceAwaitingConfirmation({ ...pageRequest(page, pageSize) })).items,
  }));

  return (
    <>
      <BackLink to="/messages">Back to partner messages</BackLink>
      <h1>Advice awaiting written confirmation</h1>
      <p>
        Advice a partner gives by phone, in person or at a meeting is confirmed in writing, so that care rests
        on what they actually advised. Liaison asks the adviser to confirm it through a secure link and chases
        them like any request. A confirmation that comes by letter or email is recorded on the person’s
        advice.
      </p>
      {loaded.status === 'loading' ? <Loading /> : null}
      {loaded.status === 'failed' ? <LoadProblem error={loaded.error} onTryAgain={reload} /> : null}
      {loaded.status === 'loaded' && loaded.data.advice.length === 0 ? (
        <p>{page === 1 ? 'All advice is confirmed in writing.' : 'There is no more advice to confirm.'}</p>
      ) : null}
      {loaded.status === 'loaded' && loaded.data.advice.length > 0 ? (
        <>
          <Table
            caption="Advice awaiting written confirmation, oldest first"
            headings={['Advice', 'About', 'Given', 'Written confirmation']}
          >
            {loaded.data.advice.slice(0, pageSize).map((advice) => (
              <AdviceRow key={advice.id} advice={advice} personName={advice.personName} canWrite={canWrite} />
            ))}
          </Table>
          <Pagination
            page={page}
            hasNextPage={loaded.data.advice.length > pageSize}
            searchParams={searchParams}
          />
        </>
      ) : null}
    </>
  );
}

function AdviceRow({
  advice,
  personName,
  canWrite,
}: {
  advice: Advice;
  personName: string | null;
  canWrite: boolean;
}) {
  const givenBy = [advice.givenByName, advice.givenByRole, advice.partnerOrganisationName]
    .filter(Boolean)
    .join(', ');
  const text = advice.advice.length > 200 ? `${advice.advice.slice(0, 200)}…` : advice.advice;
  return (
    <Row>
      <Cell heading="Advice">
        <span className="nhsuk-u-display-block">“{text}”</span>
        <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">From {givenBy}</span>
        {advice.messageId ? (
          <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
            On <Link to={messagePath(advice.messageId)}>{advice.messageSubject ?? 'the message'}</Link>
          </span>
        ) : null}
      </Cell>
      <Cell heading="About">
        {advice.personId ? (
          <Link to={`/people/${advice.personId}#advice`}>
            {personName ?? 'Their record'}
            <span className="nhsuk-u-visually-hidden">: advice about them</span>
          </Link>
        ) : (
          'Nobody in particular'
        )}
      </Cell>
      <Cell heading="Given">
        <Moment iso={advice.givenAt} />
        <span className="nhsuk-u-display-block">{receivedHowLabels[advice.receivedHow]}</span>
      </Cell>
      <Cell heading="Written confirmation">
        <strong className={confirmationTagClass(advice.confirmationStatus)}>
          {confirmationStatusLabels[advice.confirmationStatus]}
        </strong>
        {advice.confirmationMessageId ? (
          <span className="nhsuk-u-display-block">
            {advice.confirmationRequestedFrom ? `Asked of ${advice.confirmationRequestedFrom}. ` : null}
            <Link to={messagePath(advice.confirmationMessageId)}>
              See the request for confirmation
              {advice.confirmationRequestedFrom ? (
                <span className="nhsuk-u-visually-hidden"> sent to {advice.confirmationRequestedFrom}</span>
              ) : null}
            </Link>
          </span>
        ) : null}
        {canWrite && advice.personId ? (
          <span className="nhsuk-u-display-block">
            <Link to={`/people/${advice.personId}/advice/${advice.id}/confirmation`}>
              Record a confirmation that came by letter or email
              <span className="nhsuk-u-visually-hidden"> (advice from {advice.givenByName})</span>
            </Link>
          </span>
        ) : null}
      </Cell>
    </Row>
  );
}
