import {
  type ComponentProps,
  createContext,
  type FormEvent,
  type ReactNode,
  useContext,
  useRef,
  useState,
} from 'react';
import { ApiError, type FieldError } from '../api.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { type FormErrors, formErrorsFrom, noFormErrors, toFormErrors } from './form-errors.ts';

/**
 * What a form's submit does with the values: problems it finds itself (shown beside the fields,
 * nothing is sent), or nothing once it has sent them. A refusal from the server is thrown.
 */
export type SubmitAction = (values: FormData) => Promise<FieldError[] | undefined> | FieldError[] | undefined;

export type FormSubmit = {
  /** API field name → input id, in the order the fields appear. */
  fields: Readonly<Record<string, string>>;
  errors: FormErrors;
  hasErrors: boolean;
  isSubmitting: boolean;
  /** The server refused the change because someone else changed the record since it was loaded (412). */
  isChangedElsewhere: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /**
   * Does something else the form's page offers (a button beside a list, say) as a submit is done:
   * not while another is in flight, and with its problems shown in the form's error summary.
   */
  perform: (work: () => Promise<FieldError[] | undefined>) => Promise<void>;
  /** Shows problems found outside a submit (or clears them with an empty list). */
  showProblems: (problems: readonly FieldError[]) => void;
};

/**
 * The one way a form is submitted: it ignores a second submit while the first is in flight, shows
 * the problems the page finds before sending and those the server names (problem+json field
 * errors, beside their fields and in the error summary), and says so plainly when the record was
 * changed by someone else since it was loaded. A request that needs the person to confirm who they
 * are is asked for and repeated by the API client (ReauthenticationPrompt), never by the form.
 *
 * `explainFailure` lets a form word a particular refusal its own way; returning undefined falls
 * back to the usual handling.
 */
export function useFormSubmit(
  fields: Readonly<Record<string, string>>,
  action: SubmitAction,
  options: { explainFailure?: (error: unknown) => FormErrors | undefined } = {},
): FormSubmit {
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [isChangedElsewhere, setIsChangedElsewhere] = useState(false);
  // A ref, not the state: a double click submits twice before React has rendered again.
  const inFlight = useRef(false);

  async function perform(work: () => Promise<FieldError[] | undefined>) {
    if (inFlight.current) return;
    inFlight.current = true;
    setIsSubmitting(true);
    try {
      const problems = await work();
      setErrors(problems && problems.length > 0 ? toFormErrors(fields, problems) : noFormErrors);
    } catch (error) {
      const explained = options.explainFailure?.(error);
      if (explained) setErrors(explained);
      else if (error instanceof ApiError && error.status === 412) {
        setIsChangedElsewhere(true);
        setErrors({ items: [{ text: error.detail }], byField: new Map() });
      } else setErrors(formErrorsFrom(fields, error));
    } finally {
      inFlight.current = false;
      setIsSubmitting(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = new FormData(event.currentTarget);
    void perform(async () => action(values));
  }

  return {
    fields,
    errors,
    hasErrors: errors.items.length > 0,
    isSubmitting,
    isChangedElsewhere,
    onSubmit,
    perform,
    showProblems: (problems) => setErrors(toFormErrors(fields, problems)),
  };
}

const FormContext = createContext<FormSubmit | null>(null);

/**
 * The form element of a useFormSubmit form. The fields inside find their input id and error
 * message from it by name, and the browser's own validation is off: the page says what is wrong,
 * in the NHS.UK style.
 */
export function Form({
  form,
  children,
  ...attributes
}: { form: FormSubmit; children: ReactNode } & Pick<
  ComponentProps<'form'>,
  'ref' | 'onChange' | 'className' | 'onSubmit'
>) {
  // A page with several forms for one action (each a different reply) gives each its own onSubmit,
  // which calls form.perform.
  return (
    <FormContext value={form}>
      <form onSubmit={form.onSubmit} {...attributes} noValidate>
        {children}
      </form>
    </FormContext>
  );
}

/** A field's input id and error: what it was given, else what its form knows by its name. */
export function useFormField(props: {
  name: string;
  field?: string | undefined;
  id?: string | undefined;
  error?: string | undefined;
}): {
  id: string;
  error: string | undefined;
} {
  const form = useContext(FormContext);
  const field = props.field ?? props.name;
  return {
    id: props.id ?? form?.fields[field] ?? props.name,
    // `error={undefined}` says the field shows no error of its own (one in a group that shows it).
    error: 'error' in props ? props.error : form?.errors.byField.get(field),
  };
}

/** The errors of the form this is in (none outside a form). */
export function useFormErrors(): FormErrors {
  return useContext(FormContext)?.errors ?? noFormErrors;
}

/** The form's submit button; while the form is being sent it says so to assistive technology. */
export function SubmitButton({
  variant,
  children,
}: {
  variant?: 'secondary' | 'warning' | 'reverse';
  children: ReactNode;
}) {
  const form = useContext(FormContext);
  return (
    <button
      className={variant ? `nhsuk-button nhsuk-button--${variant}` : 'nhsuk-button'}
      type="submit"
      aria-disabled={form?.isSubmitting ? 'true' : undefined}
    >
      {children}
    </button>
  );
}

/** The form's error summary, for the top of the page. */
export function FormErrorSummary({ form }: { form: FormSubmit }) {
  return <ErrorSummary items={form.errors.items} />;
}
