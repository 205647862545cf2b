import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from './ErrorSummary.tsx';
import type { FormSubmit } from './form.tsx';
import { formatDateTime } from './format.ts';
import { LoadProblem } from './ProblemPages.tsx';
import { usePageTitle } from './usePageTitle.ts';
import type { Resource } from './useResource.ts';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="nhsuk-body" role="status">
      {what}
    </p>
  );
}

/**
 * What was loaded, once it has been: "Loading" until then, and the problem with a way to try
 * again if it could not be.
 */
export function Loaded<T>({
  resource,
  reload,
  loading,
  children,
}: {
  resource: Resource<T>;
  reload: () => void;
  /** What "Loading" says, like "Loading the organisation". */
  loading?: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.status === 'loading') return <Loading what={loading} />;
  if (resource.status === 'failed') return <LoadProblem error={resource.error} onTryAgain={reload} />;
  return <>{children(resource.data)}</>;
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <div className="nhsuk-u-margin-bottom-5">
      <Link className="nhsuk-back-link" to={to}>
        {children}
      </Link>
    </div>
  );
}

/**
 * A page that is one form: the way back, then in the reading column the error summary, the
 * heading and what the page holds. The tab's title says when there are errors.
 */
export function FormPage({
  back,
  title,
  caption,
  form,
  children,
}: {
  back?: ReactNode;
  title: string;
  /** What the form is about, like the person's name: above the heading, and after it in the tab's title. */
  caption?: string | undefined;
  form: FormSubmit;
  children: ReactNode;
}) {
  usePageTitle(caption ? `${title}: ${caption}` : title, form.hasErrors);
  return (
    <>
      {back}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} />
          <h1>
            {caption ? <span className="nhsuk-caption-l">{caption}</span> : null}
            {title}
          </h1>
          {children}
        </div>
      </div>
    </>
  );
}

/** A short list of lines, or the one line on its own. */
export function Lines({ lines, empty = 'None' }: { lines: readonly string[]; empty?: string }) {
  if (lines.length === 0) return <>{empty}</>;
  if (lines.length === 1) return <>{lines[0]}</>;
  return (
    <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** Text as it was typed, a line for each line. */
export function MultiLine({ text }: { text: string | null }) {
  if (!text) return <>None recorded</>;
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a fixed text, never reordered
        <span className="nhsuk-u-display-block" key={index}>
          {line}
        </span>
      ))}
    </>
  );
}

/** A moment in UK time, readable by people and machines. */
export function Moment({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** NHS.UK inset text: something to know before going on. `label` is what a screen reader hears first. */
export function InsetText({ label = 'Information', children }: { label?: string; children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">{label}: </span>
      <p>{children}</p>
    </div>
  );
}

/** A deadline in UK time, or what stands in for none. */
export function Deadline({ iso, empty = 'No deadline' }: { iso: string | null; empty?: string }) {
  return iso ? <Moment iso={iso} /> : empty;
}

/** A link that looks like a button, for starting something (NHS.UK: not draggable, like a button). */
export function ButtonLink({
  to,
  variant,
  children,
}: {
  to: string;
  variant?: 'secondary' | 'reverse';
  children: ReactNode;
}) {
  return (
    <Link
      className={variant ? `nhsuk-button nhsuk-button--${variant}` : 'nhsuk-button'}
      to={to}
      draggable="false"
    >
      {children}
    </Link>
  );
}
