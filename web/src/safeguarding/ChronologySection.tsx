import { Link, useSearchParams } from 'react-router';
import { type ConcernChronologyEntry, getConcernChronology, type RecordedEntry } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { messagePath } from '../messages/message-parts.tsx';
import { hasRole } from '../roles.ts';
import { ChronologyList, EntryMoment, OlderEntriesLink } from '../ui/Chronology.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { ButtonLink, Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { concernRecorders } from './access.ts';
import { concernPath, useConcern } from './concern-parts.tsx';
import { entrySourceLabels, staffEntryKinds } from './safeguarding-labels.ts';
import './chronology.css';

const pageSize = 50;

/** The concern's live chronology, newest first: its entries, messages, advice, decisions and shares. */
export function ChronologySection() {
  const { concern } = useConcern();
  const session = useSession();
  const [searchParams] = useSearchParams();
  const before = searchParams.get('before') ?? undefined;
  const [chronology, reload] = useResource(
    `concern chronology ${concern.id} ${concern.version} ${before ?? ''}`,
    () => getConcernChronology(concern.id, { limit: pageSize, ...(before ? { before } : {}) }),
  );
  usePageTitle(`Chronology: concern about ${concern.personName}`);
  const canRecord = hasRole(session.user.role, concernRecorders) && concern.status !== 'closed';
  return (
    <>
      <h2>Chronology</h2>
      <p>
        Everything recorded about the concern, newest first, in UK time: staff entries, messages to and from
        partners, advice, decisions and what was shared. Entries are never changed or deleted: a correction is
        a new entry, and the original stays as it was written.
      </p>
      {canRecord ? (
        <p>
          <ButtonLink to={concernPath(concern.id, 'chronology/add')}>Add an entry</ButtonLink>
        </p>
      ) : null}
      {before ? (
        <p>
          <Link to={concernPath(concern.id, 'chronology')}>Back to the newest entries</Link>
        </p>
      ) : null}
      {chronology.status === 'loading' ? <Loading what="Loading the chronology" /> : null}
      {chronology.status === 'failed' ? <LoadProblem error={chronology.error} onTryAgain={reload} /> : null}
      {chronology.status === 'loaded' ? (
        <>
          {chronology.data.items.length === 0 ? <p>Nothing has been recorded yet.</p> : null}
          <ChronologyList label="Chronology, newest first">
            {chronology.data.items.map((item) => (
              <ChronologyItem
                key={`${item.source} ${item.id}`}
                item={item}
                concernId={concern.id}
                ownAgency={session.organisation.name}
                canCorrect={canRecord}
              />
            ))}
          </ChronologyList>
          {chronology.data.nextBefore ? (
            <OlderEntriesLink
              to={`${concernPath(concern.id, 'chronology')}?before=${encodeURIComponent(chronology.data.nextBefore)}`}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

export function entryAnchor(id: string): string {
  return `entry-${id}`;
}

function ChronologyItem({
  item,
  concernId,
  ownAgency,
  canCorrect,
}: {
  item: ConcernChronologyEntry;
  concernId: string;
  /** Entries from the organisation itself do not name it: only another agency's are marked. */
  ownAgency: string;
  canCorrect: boolean;
}) {
  const entry = item.entry;
  const isCorrected = (entry?.correctedBy.length ?? 0) > 0;
  const isStaffEntry = entry !== null && (staffEntryKinds as readonly string[]).includes(entry.kind);
  return (
    <li
      id={entryAnchor(item.id)}
      className="nhsuk-u-margin-bottom-5 app-contents-target"
      data-testid="chronology-entry"
    >
      <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
        {item.kindLabel}
        {isCorrected ? (
          <strong className="nhsuk-tag nhsuk-tag--orange nhsuk-u-margin-left-2">Corrected</strong>
        ) : null}
      </h3>
      <EntryMoment item={item} ownAgency={ownAgency} />
      {entry?.corrects ? (
        <p className="nhsuk-u-margin-bottom-2">
          <strong>Correction</strong> of <a href={`#${entryAnchor(entry.corrects)}`}>an earlier entry</a>
          {entry.correctionReason ? `. What was wrong: ${entry.correctionReason}` : ''}
        </p>
      ) : null}
      {entry && entry.facts !== null ? (
        <RecordedEntryDetails entry={entry} />
      ) : (
        <MultiLine text={item.text} />
      )}
      {isCorrected && entry ? (
        <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-1">
          This entry stays as it was written.{' '}
          {entry.correctedBy.length === 1 ? 'A later entry corrects it' : 'Later entries correct it'}:{' '}
          {entry.correctedBy.map((id, index) => (
            <span key={id}>
              {index > 0 ? ', ' : ''}
              <a href={`#${entryAnchor(id)}`}>
                see the correction{entry.correctedBy.length > 1 ? ` ${index + 1}` : ''}
              </a>
            </span>
          ))}
          .
        </p>
      ) : null}
      <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
        {item.subject?.type === 'message' ? (
          <Link to={messagePath(item.subject.id)}>
            See the message and its replies
            <span className="nhsuk-u-visually-hidden"> ({item.subject.title})</span>
          </Link>
        ) : null}
        {canCorrect && isStaffEntry ? (
          <Link to={concernPath(concernId, `chronology/${item.id}/correct`)} state={{ item }}>
            Correct this entry
            <span className="nhsuk-u-visually-hidden">
              {' '}
              ({item.kindLabel}, <Moment iso={item.occurredAt} />)
            </span>
          </Link>
        ) : null}
      </p>
    </li>
  );
}

/** What staff recorded: the facts, each direct quote shown as a quote, who was there, and what was done. */
export function RecordedEntryDetails({ entry }: { entry: RecordedEntry }) {
  return (
    <>
      <MultiLine text={entry.facts} />
      {entry.quotes.map((quote, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the quotes of an entry never change or move
        <figure className="app-quote" key={index}>
          <blockquote>
            <p>
              <span className="nhsuk-u-visually-hidden">Direct quote: </span>“{quote.words}”
            </p>
          </blockquote>
          <figcaption>{quote.speaker}, in their own words</figcaption>
        </figure>
      ))}
      <dl className="app-entry-details">
        {entry.present.length > 0 ? (
          <>
            <dt>Present</dt>
            <dd>{entry.present.join(', ')}</dd>
          </>
        ) : null}
        {entry.source ? (
          <>
            <dt>Source</dt>
            <dd>
              {entrySourceLabels[entry.source]}
              {entry.sourceDetail ? `: ${entry.sourceDetail}` : ''}
            </dd>
          </>
        ) : null}
        {entry.actionTaken ? (
          <>
            <dt>Action taken</dt>
            <dd>{entry.actionTaken}</dd>
          </>
        ) : null}
        {entry.noActionReason ? (
          <>
            <dt>No action, because</dt>
            <dd>{entry.noActionReason}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}
