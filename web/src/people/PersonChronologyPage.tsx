import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type ChronologyEntry, getPerson, getPersonChronology } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { incidentPath } from '../incidents/incident-parts.tsx';
import { messagePath } from '../messages/message-parts.tsx';
import { concernPath } from '../safeguarding/concern-parts.tsx';
import { ChronologyList, EntryMoment, OlderEntriesLink } from '../ui/Chronology.tsx';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { DateInput, readDateRange } from '../ui/form-fields.tsx';
import { dateInputExample, daysAfter, londonToIso, todayInLondon } from '../ui/london-time.ts';
import { BackLink, Loaded, MultiLine } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { personName } from './person-labels.ts';

const pageSize = 50;
const fields = { from: 'from', to: 'to' };
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Where staff open the record a chronology entry belongs to, and what the link says. */
function recordOf(entry: ChronologyEntry, personId: string): { to: string; label: string } | null {
  const subject = entry.subject;
  if (!subject) return null;
  switch (subject.type) {
    case 'message':
      return { to: messagePath(subject.id), label: 'See the message and its replies' };
    case 'incident':
      return { to: incidentPath(subject.id), label: 'See the incident' };
    case 'concern':
      return { to: concernPath(subject.id), label: 'See the safeguarding concern' };
    case 'advice':
      return { to: `/people/${personId}#advice`, label: 'See their advice and care plan changes' };
    case 'person':
      return { to: `/people/${personId}#consent-and-sharing`, label: 'See their consent and sharing' };
    default:
      return null;
  }
}

/**
 * Everything recorded about a person across Liaison, newest first, in one list: what an inspector,
 * a safeguarding team or a commissioner asks to see. Viewing it is recorded in the audit trail.
 */
export function PersonChronologyPage() {
  const { personId = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const before = searchParams.get('before') ?? undefined;
  const fromDate = isoDate.test(searchParams.get('from') ?? '') ? (searchParams.get('from') ?? '') : '';
  const toDate = isoDate.test(searchParams.get('to') ?? '') ? (searchParams.get('to') ?? '') : '';
  const [person] = useResource(`person ${personId}`, () => getPerson(personId));
  const searchKey = `${fromDate} ${toDate}`;
  const [chronology, reload] = useResource(`person chronology ${personId} ${searchKey} ${before ?? ''}`, () =>
    getPersonChronology(personId, {
      limit: pageSize,
      ...(before ? { before } : {}),
      ...(fromDate ? { from: londonToIso(fromDate, '00:00') } : {}),
      // Up to the end of the day given: the next day's midnight, which is not included.
      ...(toDate ? { to: londonToIso(daysAfter(toDate, 1), '00:00') } : {}),
    }),
  );
  const name = person.status === 'loaded' ? personName(person.data) : 'the person';

  const filter = useFormSubmit(fields, (values) => {
    const { query, problems } = readDateRange(values);
    if (!query) return problems;
    navigate({ search: `?${query}` });
    return undefined;
  });

  usePageTitle(`Chronology: ${name}`, filter.hasErrors);

  const dates = new URLSearchParams();
  if (fromDate) dates.set('from', fromDate);
  if (toDate) dates.set('to', toDate);
  const olderPage = (nextBefore: string) => {
    const query = new URLSearchParams(dates);
    query.set('before', nextBefore);
    return `?${query}`;
  };

  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to {name}</BackLink>
      <h1>
        <span className="nhsuk-caption-l">{person.status === 'loaded' ? name : 'Person supported'}</span>
        Chronology
      </h1>
      <p>
        Everything recorded about them across Liaison, newest first, in UK time: messages to and from
        partners, incidents, consent and capacity decisions, advice and care plan changes, what was shared,
        and safeguarding concerns. Entries are never changed: a correction is a new entry. Opening this page
        is recorded in who has accessed their record.
      </p>

      <ErrorSummary items={filter.errors.items} />
      <search>
        <Form form={filter} className="nhsuk-u-margin-bottom-5" key={searchKey}>
          <h2 className="nhsuk-heading-m">Between dates</h2>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <DateInput
                name="from"
                legend="From"
                hint={`For example, ${dateInputExample(daysAfter(todayInLondon(), -30))}`}
                defaultValue={fromDate}
              />
            </div>
            <div className="nhsuk-grid-column-one-half">
              <DateInput
                name="to"
                legend="To (included)"
                hint={`For example, ${dateInputExample(todayInLondon())}`}
                defaultValue={toDate}
              />
            </div>
          </div>
          <SubmitButton variant="secondary">Show these dates</SubmitButton>
          {fromDate || toDate ? (
            <p>
              <Link to={`/people/${personId}/chronology`}>Show every date</Link>
            </p>
          ) : null}
        </Form>
      </search>

      {before ? (
        <p>
          <Link to={dates.size > 0 ? `?${dates}` : `/people/${personId}/chronology`}>
            Back to the newest entries
          </Link>
        </p>
      ) : null}
      <Loaded resource={chronology} reload={reload} loading="Loading the chronology">
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p>
                {fromDate || toDate
                  ? 'Nothing was recorded between these dates.'
                  : 'Nothing has been recorded yet.'}
              </p>
            ) : null}
            <ChronologyList label="Chronology, newest first">
              {page.items.map((entry) => {
                const record = recordOf(entry, personId);
                return (
                  <li key={`${entry.source} ${entry.id}`} className="nhsuk-u-margin-bottom-5">
                    <h2 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{entry.kindLabel}</h2>
                    <EntryMoment item={entry} ownAgency={session.organisation.name} />
                    <p className="nhsuk-u-margin-bottom-2">
                      <MultiLine text={entry.text} />
                    </p>
                    {record ? (
                      <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                        <Link to={record.to}>
                          {record.label}
                          <span className="nhsuk-u-visually-hidden"> ({entry.subject?.title})</span>
                        </Link>
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ChronologyList>
            {page.nextBefore ? <OlderEntriesLink to={olderPage(page.nextBefore)} /> : null}
          </>
        )}
      </Loaded>
    </>
  );
}
