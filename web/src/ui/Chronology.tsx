import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Moment } from './page-parts.tsx';
import './chronology.css';

// A chronology as staff read it: entries newest first, each with what it is, when it happened in
// UK time, which agency it came from (when not the provider's own), who recorded it and, when it
// was written down later, when. Used for a safeguarding concern's chronology and a person's.

/** What every chronology entry says about itself. */
export type ChronologyItemFields = {
  occurredAt: string;
  recordedAt: string;
  agency: string;
  recordedBy: string | null;
};

/** Written down some time after it happened: when, is worth saying. */
function isRecordedLater(item: Pick<ChronologyItemFields, 'occurredAt' | 'recordedAt'>): boolean {
  return Date.parse(item.recordedAt) - Date.parse(item.occurredAt) >= 15 * 60_000;
}

/** The entries, one after another, each with a rule above. */
export function ChronologyList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ol className="nhsuk-list app-chronology" aria-label={label}>
      {children}
    </ol>
  );
}

/** "18:30 on 21 November 2026, from Riverside Surgery. Recorded by Sam Lee on …". */
export function EntryMoment({
  item,
  ownAgency,
}: {
  item: ChronologyItemFields;
  /** Entries from the organisation itself do not name it: only another agency's are marked. */
  ownAgency: string;
}) {
  return (
    <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-2">
      <Moment iso={item.occurredAt} />
      {item.agency !== ownAgency ? `, from ${item.agency}` : ''}
      {item.recordedBy ? `. Recorded by ${item.recordedBy}` : ''}
      {isRecordedLater(item) ? (
        <>
          {item.recordedBy ? ' on ' : '. Recorded '}
          <Moment iso={item.recordedAt} />
        </>
      ) : null}
      .
    </p>
  );
}

/** The way to the next, older page of a chronology paged by `before`. */
export function OlderEntriesLink({ to }: { to: string }) {
  return (
    <nav className="nhsuk-pagination" aria-label="Older entries">
      <ul className="nhsuk-list nhsuk-pagination__list">
        <li className="nhsuk-pagination-item--next">
          <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={to} rel="next">
            <span className="nhsuk-pagination__title">Older entries</span>
          </Link>
        </li>
      </ul>
    </nav>
  );
}
