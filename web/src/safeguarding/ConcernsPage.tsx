import { Link, useSearchParams } from 'react-router';
import {
  type ConcernListItem,
  type ConcernListView,
  type ConcernSummary,
  getConcernCounts,
  listConcernSummaries,
  listConcerns,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { PagedList, pageRequest } from '../ui/PagedList.tsx';
import { pageFrom } from '../ui/Pagination.tsx';
import { ButtonLink, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { concernReaders, concernRecorders, safeguardingSettingsKeepers } from './access.ts';
import { ConcernStatusTag, concernPath, count, LevelTag } from './concern-parts.tsx';

const pageSize = 25;

/** The lists a manager works from, in the order they need acting on. */
const views = {
  open: { label: 'Open', caption: 'Open concerns', empty: 'There are no open concerns.' },
  overdue_for_decision: {
    label: 'Overdue for a decision',
    caption: 'Referred, and the local authority’s decision is overdue',
    empty: 'No referral is waiting past its decision date.',
  },
  triggers_met: {
    label: 'Review trigger met',
    caption: 'A review trigger was met: consider escalating',
    empty: 'No concern has a review trigger met that is waiting for a manager.',
  },
  restrictions_past_review: {
    label: 'Restriction past review',
    caption: 'An interim restriction is past its review date',
    empty: 'Every interim restriction has been reviewed on time.',
  },
  not_referred: {
    label: 'Not referred',
    caption: 'Not referred to the local authority',
    empty: 'No concern is recorded as not referred.',
  },
  all: { label: 'All, closed included', caption: 'All concerns', empty: 'No concern has been raised yet.' },
} as const satisfies Record<ConcernListView, { label: string; caption: string; empty: string }>;

function viewFrom(value: string | null): ConcernListView {
  return (Object.keys(views) as ConcernListView[]).find((view) => view === value) ?? 'open';
}

/** Safeguarding: concerns in full for managers and the auditor, the need-to-know summaries for everyone else. */
export function ConcernsPage() {
  const session = useSession();
  const [notice] = useNotice();
  const canRead = hasRole(session.user.role, concernReaders);
  const canRaise = hasRole(session.user.role, concernRecorders);
  return (
    <>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Safeguarding concerns</h1>
      <p>
        Worries that someone we support is being abused or neglected, or is at risk of it: what happened, what
        was done, the advice sought and the local authority’s decision.
      </p>
      {canRaise ? (
        <p>
          <ButtonLink to="/safeguarding/new">Raise a concern</ButtonLink>
        </p>
      ) : null}
      {canRead ? <ConcernLists /> : <SummaryList />}
    </>
  );
}

function ConcernLists() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const view = viewFrom(searchParams.get('view'));
  const page = pageFrom(searchParams);
  usePageTitle(`Safeguarding: ${views[view].caption}`);
  const [counts] = useResource('concern counts', getConcernCounts);
  const [concerns, reload] = useResource(`concerns ${view} ${page}`, () =>
    listConcerns({ view, ...pageRequest(page, pageSize) }),
  );
  const countOf: Partial<Record<ConcernListView, number>> =
    counts.status === 'loaded'
      ? {
          open: counts.data.open,
          overdue_for_decision: counts.data.overdueForDecision,
          triggers_met: counts.data.triggersMet,
          restrictions_past_review: counts.data.restrictionsPastReview,
        }
      : {};
  return (
    <>
      <nav className="nhsuk-contents-list" aria-label="Which concerns">
        <h2 className="nhsuk-u-visually-hidden">Which concerns</h2>
        <ol className="nhsuk-contents-list__list">
          {(Object.keys(views) as ConcernListView[]).map((each) => {
            const label = `${views[each].label}${countOf[each] === undefined ? '' : ` (${countOf[each]})`}`;
            return each === view ? (
              <li className="nhsuk-contents-list__item" key={each} aria-current="page">
                <span className="nhsuk-contents-list__current">{label}</span>
              </li>
            ) : (
              <li className="nhsuk-contents-list__item" key={each}>
                <Link className="nhsuk-contents-list__link" to={`/safeguarding?view=${each}`}>
                  {label}
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
      <p>
        <Link to="/safeguarding/patterns">Patterns: repeated low-level concerns</Link>
        {' · '}
        <Link to="/safeguarding/restrictions">Register of interim restrictions</Link>
        {hasRole(session.user.role, safeguardingSettingsKeepers) ? (
          <>
            {' · '}
            <Link to="/safeguarding/settings">Safeguarding settings</Link>
          </>
        ) : null}
      </p>
      <PagedList
        resource={concerns}
        reload={reload}
        page={page}
        pageSize={pageSize}
        searchParams={searchParams}
        empty={
          <>
            <h2>{views[view].caption}</h2>
            <p>{views[view].empty}</p>
          </>
        }
      >
        {(items) => <ConcernsTable caption={views[view].caption} concerns={items} />}
      </PagedList>
    </>
  );
}

export function ConcernsTable({
  caption,
  concerns,
  onePerson = false,
}: {
  caption: string;
  concerns: readonly ConcernListItem[];
  /** The concerns are all about one person (on their page): each is named by its category alone. */
  onePerson?: boolean;
}) {
  return (
    <Table caption={caption} headings={['Concern', 'Raised', 'Level', 'Where it is']}>
      {concerns.map((concern) => (
        <Row key={concern.id}>
          <Cell heading="Concern">
            {onePerson ? (
              <Link to={concernPath(concern.id)}>{concern.categoryLabel}</Link>
            ) : (
              <>
                <Link to={concernPath(concern.id)}>{concern.personName}</Link>
                <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                  {concern.categoryLabel}
                </span>
              </>
            )}
          </Cell>
          <Cell heading="Raised">
            {/* One person's concerns of one kind can be raised on the same day: the time tells them apart. */}
            {onePerson ? formatDateTime(concern.raisedAt) : formatDate(concern.raisedAt)}
          </Cell>
          <Cell heading="Level">
            <LevelTag level={concern.level} />
          </Cell>
          <Cell heading="Where it is">
            <ConcernStatusTag status={concern.status} />
            {concern.overdueForDecision ? (
              <strong className="nhsuk-tag nhsuk-tag--red nhsuk-u-margin-left-1">Decision overdue</strong>
            ) : null}
            {concern.openAlerts > 0 ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                {count(concern.openAlerts, 'item needs', 'items need')} a manager’s attention
              </span>
            ) : null}
            {concern.decisionDueAt && concern.status === 'referred' ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                Decision due <Moment iso={concern.decisionDueAt} />
              </span>
            ) : null}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}

/** What staff who are not managers see: the open concerns, each by what they need to know. */
function SummaryList() {
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  usePageTitle('Safeguarding concerns');
  const [summaries, reload] = useResource(`concern summaries ${page}`, () =>
    listConcernSummaries({ ...pageRequest(page, pageSize) }),
  );
  return (
    <>
      <p>
        For each open concern you see what you need to know to keep people safe. Managers see the full concern
        and its chronology.
      </p>
      <PagedList
        resource={summaries}
        reload={reload}
        page={page}
        pageSize={pageSize}
        searchParams={searchParams}
        empty={
          <>
            <h2>Open concerns</h2>
            <p>There are no open concerns.</p>
          </>
        }
      >
        {(items) => (
          <Table caption="Open concerns" headings={['About', 'What you need to know', 'Raised']}>
            {items.map((summary) => (
              <Row key={summary.id}>
                <Cell heading="About">
                  <Link to={concernPath(summary.id)}>{summary.personName}</Link>
                </Cell>
                <Cell heading="What you need to know">
                  <NeedToKnow summary={summary} />
                </Cell>
                <Cell heading="Raised">{formatDate(summary.raisedAt)}</Cell>
              </Row>
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}

/** The manager's summary for staff; until it is written, what that means for whoever is reading. */
export function NeedToKnow({
  summary,
  forManager = false,
}: {
  summary: Pick<ConcernSummary, 'needToKnow'>;
  forManager?: boolean;
}) {
  if (summary.needToKnow) return summary.needToKnow;
  return (
    <span className="nhsuk-u-secondary-text-colour">
      {forManager
        ? 'Not written yet: until it is, staff who are not managers see nothing about what to do or avoid.'
        : 'A manager has not written what staff need to know yet. Ask them if you work with this person.'}
    </span>
  );
}
