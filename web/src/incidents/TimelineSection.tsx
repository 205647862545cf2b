import { Link, useSearchParams } from 'react-router';
import { getIncidentTimeline } from '../api.ts';
import { messagePath } from '../messages/message-parts.tsx';
import { Pagination } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { useIncident } from './incident-parts.tsx';

const kindLabels: Record<string, string> = {
  'incident.started': 'Incident started',
  'incident.ended': 'Disruption ended',
  'incident.closed': 'Incident closed',
  'person.added': 'Person added',
  'person.risk_adjusted': 'Risk level changed',
  'measure.started': 'Interim measure',
  'measure.ended': 'Interim measure ended',
  decision: 'Decision',
  reading: 'Reading',
  hazard: 'Hazard',
  note: 'Note',
  gate_refusal: 'Refused by the sharing gate',
};

/** A kind the page has no words for yet (a new kind of message event) is still shown, as its own words. */
function describeKind(kind: string): string {
  if (kindLabels[kind]) return kindLabels[kind];
  if (kind.startsWith('message.'))
    return `Partner message: ${kind.slice('message.'.length).replaceAll('_', ' ')}`;
  return kind.replaceAll('_', ' ');
}

const pageSize = 100;

export function TimelineSection() {
  const { incident } = useIncident();
  const [searchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  // One more than a page is asked for: whether it comes tells whether there is a next page.
  const [timeline, reload] = useResource(`timeline ${incident.id} ${page}`, () =>
    getIncidentTimeline(incident.id, { limit: pageSize + 1, offset: (page - 1) * pageSize }),
  );
  usePageTitle(`Timeline: ${incident.title}`);
  return (
    <>
      <h2>Timeline</h2>
      <p>Everything recorded on the incident, oldest first, in UK time.</p>
      {timeline.status === 'loading' ? <Loading /> : null}
      {timeline.status === 'failed' ? <LoadProblem error={timeline.error} onTryAgain={reload} /> : null}
      {timeline.status === 'loaded' ? (
        <>
          <ol className="nhsuk-list" aria-label="Timeline, oldest first" start={(page - 1) * pageSize + 1}>
            {timeline.data.items.slice(0, pageSize).map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the entries are a fixed, ordered answer
              <li key={index} className="nhsuk-u-margin-bottom-4">
                <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{describeKind(entry.kind)}</h3>
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-1">
                  <Moment iso={entry.at} />
                  {entry.who ? `, ${entry.who}` : ''}
                </p>
                <p className="nhsuk-u-margin-bottom-1">{entry.text}</p>
                {entry.messageId ? (
                  <Link to={messagePath(entry.messageId)}>
                    See the message
                    <span className="nhsuk-u-visually-hidden"> ({describeKind(entry.kind)})</span>
                  </Link>
                ) : entry.personId && entry.kind.startsWith('person.') ? (
                  <Link to={`/people/${entry.personId}`}>
                    See the person’s record<span className="nhsuk-u-visually-hidden"> ({entry.text})</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ol>
          <Pagination
            page={page}
            hasNextPage={timeline.data.items.length > pageSize}
            searchParams={searchParams}
          />
        </>
      ) : null}
    </>
  );
}
