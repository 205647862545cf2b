import { Link } from 'react-router';
import { getHomeWork, getOrganisation, type WorkGroup, type WorkItem } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { roleLabels } from '../roles.ts';
import { formatDate, formatDateTime, formatTime } from '../ui/format.ts';
import { todayInLondon } from '../ui/london-time.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { workKindLabels } from './home-labels.ts';

// The home page is a work list: what needs the person signed in, the most urgent first, each
// thing linking to where it is dealt with. A care worker at 3am reads the first lines and knows
// what to do; the rest of the page waits below.

/** Under a list of one's own: whose it is. */
const ownHints: Partial<Record<WorkGroup['kind'], string>> = {
  needs_attention: 'About messages you sent.',
  requests_overdue: 'Requests you sent.',
  replies_received: 'To messages you sent.',
  actions_due: 'Actions you lead, due in the next 7 days or overdue.',
};

const hints: Partial<Record<WorkGroup['kind'], string>> = {
  actions_due: 'Due in the next 7 days or overdue.',
  reviews_due: 'Due in the next 14 days or overdue, and not yet reviewed.',
};

const seeAllWords: Partial<Record<WorkGroup['kind'], string>> = {
  needs_attention: 'See everything that needs attention',
  requests_overdue: 'See all overdue requests',
  replies_received: 'See all open messages',
  concern_decisions_overdue: 'See all concerns overdue for a decision',
  concern_triggers_met: 'See all concerns with a trigger met',
  incidents_open: 'See all open incidents',
  contacts_to_recheck: 'See all contacts to check',
  concerns_open: 'See all open concerns',
};

export function HomePage() {
  const session = useSession();
  const [work, reload] = useResource('home work', getHomeWork);
  const readOnly = work.status === 'loaded' && work.data.readOnly;
  usePageTitle('Home');

  return (
    <>
      <span className="nhsuk-caption-l">{session.organisation.name}</span>
      <h1>{readOnly ? 'What is waiting' : 'What needs you'}</h1>
      {work.status === 'loading' ? <Loading /> : null}
      {work.status === 'failed' ? <LoadProblem error={work.error} onTryAgain={reload} /> : null}
      {work.status === 'loaded' ? (
        <>
          {readOnly ? (
            <p>
              You can open each of these to look at it. Acting on them is for the staff who work with people.
            </p>
          ) : null}
          {work.data.groups.length === 0 ? (
            <p className="nhsuk-body-l">
              {readOnly ? 'Nothing is waiting.' : 'Nothing needs you right now.'}
            </p>
          ) : (
            work.data.groups.map((group) => <WorkGroupSection key={group.kind} group={group} />)
          )}
        </>
      ) : null}
      <AboutYou />
    </>
  );
}

function WorkGroupSection({ group }: { group: WorkGroup }) {
  const headingId = `work-${group.kind}`;
  const hint = group.mine ? ownHints[group.kind] : hints[group.kind];
  const more = group.count - group.items.length;
  return (
    <section aria-labelledby={headingId} className="nhsuk-u-margin-bottom-6">
      <h2 className="nhsuk-heading-m nhsuk-u-margin-bottom-1" id={headingId}>
        {workKindLabels[group.kind]} ({group.count})
      </h2>
      {hint ? <p className="nhsuk-hint nhsuk-u-margin-bottom-2">{hint}</p> : null}
      {group.items.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--border nhsuk-u-margin-bottom-2">
          {group.items.map((item, index) => (
            // Items have no id of their own to show: their place in the list is stable while it is shown.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <WorkItemRow key={index} item={item} />
          ))}
        </ul>
      ) : null}
      {group.webPath && (more > 0 || group.items.length === 0) ? (
        <p className="nhsuk-body-s">
          <Link to={group.webPath}>{seeAllWords[group.kind] ?? 'See them all'}</Link>
          {more > 0 && group.items.length > 0 ? ` (${more} more)` : null}
        </p>
      ) : more > 0 ? (
        <p className="nhsuk-body-s">And {more} more.</p>
      ) : null}
    </section>
  );
}

function WorkItemRow({ item }: { item: WorkItem }) {
  const when = whenWords(item);
  return (
    <li>
      {item.webPath ? <Link to={item.webPath}>{item.title}</Link> : <strong>{item.title}</strong>}
      {item.overdue ? (
        <>
          {' '}
          <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong>
        </>
      ) : null}
      {item.detail || when ? (
        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">
          {[item.detail, when].filter(Boolean).join(' ')}
        </span>
      ) : null}
    </li>
  );
}

/** When it is due, or since when it has waited, in UK time. */
function whenWords(item: WorkItem): string | null {
  const due = item.overdue ? 'Was due' : 'Due';
  if (item.dueAt) return `${due} ${momentWords(item.dueAt)}.`;
  if (item.dueOn) return `${due} ${dayWords(item.dueOn) ?? formatDate(item.dueOn)}.`;
  if (item.since) return `Since ${momentWords(item.since)}.`;
  return null;
}

/** "today", "yesterday" or "tomorrow" for a London day (YYYY-MM-DD) near today; null otherwise. */
function dayWords(day: string): string | null {
  const days = Math.round((Date.parse(day) - Date.parse(todayInLondon())) / 86_400_000);
  return days === 0 ? 'today' : days === -1 ? 'yesterday' : days === 1 ? 'tomorrow' : null;
}

/** "today at 3:05am", or "21 November 2026 at 9:05am" further off. */
function momentWords(iso: string): string {
  const day = dayWords(todayInLondon(new Date(iso)));
  return day ? `${day} at ${formatTime(iso)}` : formatDateTime(iso);
}

/** Who is signed in, and the organisation's details: below the work, folded away. */
function AboutYou() {
  const session = useSession();
  const [organisation, reload] = useResource('organisation', getOrganisation);
  const organisationRows: SummaryRow[] = [{ key: 'Name', value: session.organisation.name }];
  if (organisation.status === 'loaded') {
    const { registrationNumber, registeredManagerName } = organisation.data;
    if (registrationNumber) organisationRows.push({ key: 'Registration number', value: registrationNumber });
    if (registeredManagerName)
      organisationRows.push({ key: 'Registered manager', value: registeredManagerName });
  }
  const accountRows: SummaryRow[] = [
    { key: 'Name', value: session.user.displayName },
    ...(session.user.email ? [{ key: 'Email address', value: session.user.email }] : []),
    { key: 'Role', value: roleLabels[session.user.role] },
  ];
  return (
    <details className="nhsuk-details nhsuk-u-margin-top-6">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Your account and organisation</span>
      </summary>
      <div className="nhsuk-details__text">
        {organisation.status === 'failed' ? (
          <LoadProblem error={organisation.error} onTryAgain={reload} />
        ) : null}
        <h2 className="nhsuk-heading-s">Your account</h2>
        <SummaryList rows={accountRows} />
        <h2 className="nhsuk-heading-s">Your organisation</h2>
        <SummaryList rows={organisationRows} />
      </div>
    </details>
  );
}
