import { Link, useSearchParams } from 'react-router';
import { getIncidentTimeline } from '../api.ts';
import { messagePath } from '../messages/message-parts.tsx';
import { PagedList, pageRequest } from '../ui/PagedList.tsx';
import { pageFrom } from '../ui/Pagination.tsx';
import { Moment } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { timelineKindLabels } from './incident-labels.ts';
import { useIncident } from './incident-parts.tsx';

const pageSize = 100;

export function TimelineSection() {
  const { incident } = useIncident();
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  // One more than a page is asked for: whether it comes tells whether there is a next page.
  const [timeline, reload] = useResource(`timeline ${incident.id} ${page}`, () =>
    getIncidentTimeline(incident.id, pageRequest(page, pageSize)),
  );
  usePageTitle(`Timeline: ${incident.title}`);
  return (
    <>
      <h2>Timeline</h2>
      <p>Everything recorded on the incident, oldest first, in UK time.</p>
      <PagedList
        resource={timeline}
        reload={reload}
        page={page}
        pageSize={pageSize}
        searchParams={searchParams}
      >
        {(items) => (
          <ol className="nhsuk-list" aria-label="Timeline, oldest first" start={(page - 1) * pageSize + 1}>
            {items.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the entries are a fixed, ordered answer
              <li key={index} className="nhsuk-u-margin-bottom-4">
                <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{timelineKindLabels[entry.kind]}</h3>
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-1">
                  <Moment iso={entry.at} />
                  {entry.who ? `, ${entry.who}` : ''}
                </p>
                <p className="nhsuk-u-margin-bottom-1">{entry.text}</p>
                {entry.messageId ? (
                  <Link to={messagePath(entry.messageId)}>
                    See the message
                    <span className="nhsuk-u-visually-hidden"> ({timelineKindLabels[entry.kind]})</span>
                  </Link>
                ) : entry.personId && entry.kind.startsWith('person.') ? (
                  <Link to={`/people/${entry.personId}`}>
                    See the person’s record<span className="nhsuk-u-visually-hidden"> ({entry.text})</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </PagedList>
    </>
  );
}
