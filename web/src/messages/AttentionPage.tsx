import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type AttentionItem, listAttentionItems, resolveAttentionItem } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { pageRequest } from '../ui/PagedList.tsx';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { attentionKindLabels } from './message-labels.ts';

const pageSize = 25;
/** The count stops here: beyond it, "100 or more" says enough. */
const countLimit = 100;

/** " (3)" after a link to the list: how many items are waiting, loaded once with the page. */
export function AttentionCount() {
  const [items] = useResource('attention count', () =>
    listAttentionItems({ open: true, limit: countLimit, offset: 0 }),
  );
  if (items.status !== 'loaded' || items.data.items.length === 0) return null;
  const count = items.data.items.length;
  return (
    <>
      {' '}
      ({count >= countLimit ? `${countLimit} or more` : count}
      <span className="nhsuk-u-visually-hidden"> {count === 1 ? 'item' : 'items'}</span>)
    </>
  );
}

export function AttentionPage() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  const showResolved = searchParams.get('show') === 'resolved';
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [resolving, setResolving] = useState<string | null>(null);
  usePageTitle('Needs attention', problems.length > 0);
  const [items, reload] = useResource(`attention ${showResolved} ${page}`, () =>
    listAttentionItems({ open: !showResolved, ...pageRequest(page, pageSize) }),
  );
  const isManager = session.user.role === 'manager' || session.user.role === 'registered_manager';

  async function resolve(item: AttentionItem) {
    if (resolving) return;
    setResolving(item.id);
    try {
      await resolveAttentionItem(item.id, null);
      setProblems([]);
      setNotice(`“${item.title}” on “${item.subject.title}” has been marked as dealt with.`);
      reload();
    } catch (error) {
      setNotice(null);
      setProblems([{ text: describeError(error) }]);
    } finally {
      setResolving(null);
    }
  }

  return (
    <>
      <BackLink to="/messages">Back to partner messages</BackLink>
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Needs attention</h1>
      <p>
        {isManager
          ? 'Partners who have not replied after Liaison chased them, calls to make and emails that could not be delivered.'
          : 'Calls to make and emails that could not be delivered, on the messages you sent.'}
      </p>
      <p>
        {showResolved ? (
          <Link to="/messages/attention">Show what still needs attention</Link>
        ) : (
          <Link to="/messages/attention?show=resolved">Show what has been dealt with</Link>
        )}
      </p>
      {items.status === 'loading' ? <Loading /> : null}
      {items.status === 'failed' ? <LoadProblem error={items.error} onTryAgain={reload} /> : null}
      {items.status === 'loaded' && items.data.items.length === 0 ? (
        page > 1 ? (
          // A later page emptied by items dealt with meanwhile: the first page may still hold some.
          <p>
            There is nothing more on this page.{' '}
            <Link to={showResolved ? '/messages/attention?show=resolved' : '/messages/attention'}>
              Go to the first page
            </Link>
            .
          </p>
        ) : (
          <p>{showResolved ? 'Nothing has been dealt with yet.' : 'Nothing needs your attention.'}</p>
        )
      ) : null}
      {items.status === 'loaded'
        ? items.data.items.slice(0, pageSize).map((item) => (
            <div className="nhsuk-card" key={item.id}>
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <span className="nhsuk-caption-m">{attentionKindLabels[item.kind]}</span>
                  {item.title}
                </h2>
                <p>
                  {subjectTypeWords[item.subject.type]}:{' '}
                  {item.subject.webPath ? (
                    <Link to={item.subject.webPath}>{item.subject.title}</Link>
                  ) : (
                    item.subject.title
                  )}
                </p>
                {item.detail ? (
                  <p>
                    <MultiLine text={item.detail} />
                  </p>
                ) : null}
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                  Raised <Moment iso={item.createdAt} />
                  {item.resolvedAt ? (
                    <>
                      . <ResolvedBy item={item} /> <Moment iso={item.resolvedAt} />
                      {item.resolutionNote ? `: ${item.resolutionNote}` : null}
                    </>
                  ) : null}
                </p>
                {item.resolvedAt ? null : (
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                    type="button"
                    aria-disabled={resolving === item.id ? 'true' : undefined}
                    onClick={() => resolve(item)}
                  >
                    Mark as dealt with<span className="nhsuk-u-visually-hidden"> ({item.title})</span>
                  </button>
                )}
              </div>
            </div>
          ))
        : null}
      {items.status === 'loaded' ? (
        <Pagination
          page={page}
          hasNextPage={items.data.items.length > pageSize}
          searchParams={searchParams}
        />
      ) : null}
    </>
  );
}

/** Who dealt with an item, in words: Liaison itself when its cause went away, or a person. */
const subjectTypeWords: Record<AttentionItem['subject']['type'], string> = {
  partner_message: 'Message',
  incident: 'Incident',
  concern: 'Safeguarding concern',
};

function ResolvedBy({ item }: { item: AttentionItem }) {
  if (item.resolvedAutomatically) return <>No longer needed: resolved by Liaison on</>;
  if (item.resolvedByName) return <>Dealt with by {item.resolvedByName} on</>;
  return <>Dealt with on</>;
}
