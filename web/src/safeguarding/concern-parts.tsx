import type { ReactNode } from 'react';
import { Link, useNavigate, useOutletContext } from 'react-router';
import type { Concern, ConcernLevel, ConcernStatus, ConcernSummary } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, type FormSubmit, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { readText, TextArea } from '../ui/form-fields.tsx';
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

/**
 * Ending a measure of the concern (a safe-contact plan, an interim restriction): a reason is
 * required, and the page goes back to the measures' list saying it has ended. One already ended, or
 * not on this concern, has nothing to end.
 */
export function EndMeasureSection({
  concern,
  reload,
  title,
  what,
  description,
  missingReason,
  end,
  back,
}: {
  concern: Concern;
  reload: () => void;
  /** "End an interim restriction". */
  title: string;
  /** "restriction", for "End the restriction" and "The restriction has ended." */
  what: string;
  /** What is being ended, in a line; null when there is nothing in place to end. */
  description: ReactNode | null;
  missingReason: string;
  end: (reason: string) => Promise<unknown>;
  back: { section: string; label: string };
}) {
  const navigate = useNavigate();
  const form = useFormSubmit({ reason: 'reason' }, async (values) => {
    const reason = readText(values, 'reason');
    if (!reason) return [{ field: 'reason', message: missingReason }];
    await end(reason);
    reload();
    navigate(concernPath(concern.id, back.section), { state: { notice: `The ${what} has ended.` } });
  });
  if (description === null) {
    return (
      <>
        <h2>{title}</h2>
        <p>There is no {what} in place here to end.</p>
      </>
    );
  }
  return (
    <ConcernFormSection summary={concern} title={title} form={form} back={back}>
      <p>{description}</p>
      <Form form={form}>
        <TextArea name="reason" label="Why does it end?" rows={3} />
        <SubmitButton variant="warning">End the {what}</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}
