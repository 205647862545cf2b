import type { ReactNode } from 'react';
import { Link, useOutletContext } from 'react-router';
import type { Concern, ConcernLevel, ConcernStatus, ConcernSummary } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import type { FormSubmit } from '../ui/form.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { levelLabels, levelTagClass, statusLabels, statusTagClass } from './safeguarding-labels.ts';

export function concernPath(concernId: string, section = ''): string {
  return `/safeguarding/concerns/${concernId}${section ? `/${section}` : ''}`;
}

/**
 * What the concern's pages share. Managers and the auditor have the concern in full; everyone
 * else who may see it has only the need-to-know summary, and `concern` is null.
 */
export type ConcernOutlet = { summary: ConcernSummary; concern: Concern | null; reload: () => void };

export function useConcernOutlet(): ConcernOutlet {
  return useOutletContext<ConcernOutlet>();
}

/** For the pages only managers and the auditor reach (their routes say so): the concern in full. */
export function useConcern(): { concern: Concern; reload: () => void } {
  const { concern, reload } = useConcernOutlet();
  if (!concern)
    throw new Error('This page shows the concern in full: its route must be for those who read it.');
  return { concern, reload };
}

/** The level in words, coloured as well: the colour never carries the meaning alone. */
export function LevelTag({ level }: { level: ConcernLevel }) {
  return <strong className={levelTagClass(level)}>{levelLabels[level]} level</strong>;
}

export function ConcernStatusTag({ status }: { status: ConcernStatus }) {
  return <strong className={statusTagClass(status)}>{statusLabels[status]}</strong>;
}

/** "1 concern", "3 concerns". */
export function count(amount: number, one: string, many = `${one}s`): string {
  return `${amount} ${amount === 1 ? one : many}`;
}

/** Today's date in the UK, and dates some days on, as YYYY-MM-DD. */
export function ukDate(daysFromToday = 0, from = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(from);
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + daysFromToday);
  return date.toISOString().slice(0, 10);
}

/** "21 December 2026", for a YYYY-MM-DD date. */
export function formatDay(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/**
 * A page of the concern that is one form: its error summary, its heading under the concern's, and
 * a way back to where the person came from without sending anything.
 */
export function ConcernFormSection({
  summary,
  title,
  form,
  back,
  children,
}: {
  summary: ConcernSummary;
  title: string;
  form: FormSubmit;
  /** The concern's page to return to, like "chronology"; its summary by default. */
  back?: { section: string; label: string };
  children: ReactNode;
}) {
  usePageTitle(`${title}: concern about ${summary.personName}`, form.hasErrors);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        <h2>{title}</h2>
        {children}
        <p>
          <Link to={concernPath(summary.id, back?.section ?? '')}>
            {back?.label ?? 'Back to the summary'}
            <span className="nhsuk-u-visually-hidden"> without saving</span>
          </Link>
        </p>
      </div>
    </div>
  );
}

/** Shown instead of a form on a closed concern: nothing more can be recorded on it. */
export function ClosedNotice({ title }: { title: string }) {
  return (
    <>
      <h2>{title}</h2>
      <p>This concern is closed: nothing more can be recorded on it.</p>
    </>
  );
}
