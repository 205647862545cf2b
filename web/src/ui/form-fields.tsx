import { type ChangeEvent, Fragment, type ReactNode, useState } from 'react';
import type { FieldError } from '../api.ts';
import { useFormField } from './form.tsx';

// The NHS.UK form fields. Inside a <Form>, a field finds its input id and its error message from
// the form by its name (or `field`, the API's name for it, where the two differ); `id` and
// `error` given here win.

type FieldProps = {
  name: string;
  label: string;
  /** The API's name for the value, when it is not the input's name. */
  field?: string;
  id?: string;
  hint?: ReactNode;
  error?: string | undefined;
};

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's hint, `<id>-hint` for aria-describedby. */
export function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <div className="nhsuk-hint" id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
}

/** A field's error message, `<id>-error` for aria-describedby. */
export function ErrorMessage({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error: </span>
      {error}
    </span>
  ) : null;
}

/** A labelled field: the group, its label, hint and error message around one control. */
export function LabelledField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint: ReactNode;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {children}
    </div>
  );
}

/** A group of inputs under a legend: checkboxes, radios, a date. */
function FieldsetField({
  id,
  legend,
  legendSize = 's',
  hint,
  error,
  children,
}: {
  id: string;
  legend: string;
  legendSize?: 's' | 'm' | undefined;
  hint: ReactNode;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    defaultValue?: string | null | undefined;
    type?: 'text' | 'email' | 'tel' | 'search' | 'password';
    inputMode?: 'numeric' | 'tel' | 'email' | 'text';
    autoComplete?: string;
    spellCheck?: boolean;
    /** An NHS.UK width class, like nhsuk-u-width-two-thirds or nhsuk-input--width-10. */
    widthClass?: string;
  },
) {
  const { id, error } = useFormField(props);
  const { name, label, hint, type = 'text', widthClass } = props;
  const classes = ['nhsuk-input', widthClass, error ? 'nhsuk-input--error' : null].filter(Boolean).join(' ');
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <input
        className={classes}
        id={id}
        name={name}
        type={type}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={props.spellCheck}
        defaultValue={props.defaultValue ?? ''}
        aria-describedby={describedBy(id, hint, error)}
      />
    </LabelledField>
  );
}

/** The one-time code field: numeric keypad on phones, and the browser may fill it from an SMS or app. */
export function CodeInput(
  props: Omit<FieldProps, 'name'> & {
    name?: string;
    /** A recovery code has letters, so it gets a normal keyboard. */
    kind?: 'code' | 'recovery_code';
  },
) {
  const { id, error } = useFormField({ ...props, name: props.name ?? props.id ?? 'code' });
  const { label, hint, kind = 'code' } = props;
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <input
        className={`nhsuk-input ${kind === 'code' ? 'nhsuk-input--width-10' : 'nhsuk-input--width-20'}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={props.name ?? id}
        type="text"
        autoComplete={kind === 'code' ? 'one-time-code' : 'off'}
        inputMode={kind === 'code' ? 'numeric' : 'text'}
        spellCheck={false}
        autoCapitalize={kind === 'code' ? undefined : 'characters'}
        aria-describedby={describedBy(id, hint, error)}
      />
    </LabelledField>
  );
}

export function TextArea(props: FieldProps & { defaultValue?: string | null | undefined; rows?: number }) {
  const { id, error } = useFormField(props);
  const { name, label, hint, rows = 4 } = props;
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        className={error ? 'nhsuk-textarea nhsuk-textarea--error' : 'nhsuk-textarea'}
        id={id}
        name={name}
        rows={rows}
        defaultValue={props.defaultValue ?? ''}
        aria-describedby={describedBy(id, hint, error)}
      />
    </LabelledField>
  );
}

export function SelectField(
  props: FieldProps & {
    options: readonly { value: string; label: string }[];
    defaultValue?: string | null | undefined;
  },
) {
  const { id, error } = useFormField(props);
  const { name, label, hint, options } = props;
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        className={error ? 'nhsuk-select nhsuk-select--error' : 'nhsuk-select'}
        id={id}
        name={name}
        defaultValue={props.defaultValue ?? ''}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

export type ChoiceItem = { value: string; label: string; hint?: string };

/** The choices for a list of codes: each code with its label, and its hint where there are hints. */
export function codeChoices<T extends string>(
  codes: readonly T[],
  labels: Readonly<Record<T, string>>,
  hints?: Readonly<Partial<Record<T, string>>>,
): ChoiceItem[] {
  return codes.map((code) =>
    hints ? { value: code, label: labels[code], hint: hints[code] } : { value: code, label: labels[code] },
  );
}

type ChoicesProps = Omit<FieldProps, 'label'> & {
  legend: string;
  legendSize?: 's' | 'm';
  items: readonly ChoiceItem[];
  defaultValues?: readonly string[];
  small?: boolean;
  inline?: boolean;
  onChange?: (value: string, checked: boolean) => void;
  /** Shown under the item whose value it is keyed by while that item is chosen (kept, hidden, when not). */
  conditional?: Partial<Record<string, ReactNode>>;
};

/**
 * Checkboxes or radios in a fieldset. The first item's id is `id` itself, so the error summary
 * can link to it; the others are `id-2`, `id-3`… as in NHS.UK frontend.
 */
function Choices(props: ChoicesProps & { kind: 'checkbox' | 'radio' }) {
  const { id, error } = useFormField(props);
  const { name, legend, hint, kind, items, defaultValues = [] } = props;
  const [chosen, setChosen] = useState<readonly string[]>(defaultValues);
  const base = kind === 'checkbox' ? 'nhsuk-checkboxes' : 'nhsuk-radios';
  const classes = [base, props.small ? `${base}--small` : null, props.inline ? `${base}--inline` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <FieldsetField id={id} legend={legend} legendSize={props.legendSize} hint={hint} error={error}>
      <div className={classes}>
        {items.map((item, index) => {
          const itemId = index === 0 ? id : `${id}-${index + 1}`;
          const conditional = props.conditional?.[item.value];
          return (
            <Fragment key={item.value}>
              <div className={`${base}__item`}>
                <input
                  className={`${base}__input`}
                  id={itemId}
                  name={name}
                  type={kind}
                  value={item.value}
                  defaultChecked={defaultValues.includes(item.value)}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                  onChange={(event: ChangeEvent<HTMLInputElement>) => {
                    const { checked } = event.currentTarget;
                    setChosen((current) =>
                      kind === 'radio'
                        ? [item.value]
                        : checked
                          ? [...current, item.value]
                          : current.filter((value) => value !== item.value),
                    );
                    props.onChange?.(item.value, checked);
                  }}
                />
                <label className={`nhsuk-label ${base}__label`} htmlFor={itemId}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div className={`nhsuk-hint ${base}__hint`} id={`${itemId}-item-hint`}>
                    {item.hint}
                  </div>
                ) : null}
              </div>
              {conditional ? (
                // The NHS.UK style hides --hidden only once its own script has run, which this
                // app does not load: the hidden attribute hides it whatever the styles.
                <div
                  className={
                    chosen.includes(item.value)
                      ? `${base}__conditional`
                      : `${base}__conditional ${base}__conditional--hidden`
                  }
                  hidden={!chosen.includes(item.value)}
                >
                  {conditional}
                </div>
              ) : null}
            </Fragment>
          );
        })}
      </div>
    </FieldsetField>
  );
}

export function Checkboxes(props: ChoicesProps) {
  return <Choices {...props} kind="checkbox" />;
}

export function Radios(props: ChoicesProps) {
  return <Choices {...props} kind="radio" />;
}

/**
 * The NHS.UK date input: day, month and year boxes named `<name>-day`, `<name>-month` and
 * `<name>-year`; read them back with readDateInput. The first box's id is `id`.
 */
export function DateInput(
  props: Omit<FieldProps, 'label'> & { legend: string; defaultValue?: string | null | undefined },
) {
  const { id, error } = useFormField(props);
  const { name, legend, hint } = props;
  const [year = '', month = '', day = ''] = props.defaultValue ? props.defaultValue.split('-') : [];
  const parts = [
    { key: 'day', label: 'Day', value: day.replace(/^0/, ''), width: 2, id },
    { key: 'month', label: 'Month', value: month.replace(/^0/, ''), width: 2, id: `${id}-month` },
    { key: 'year', label: 'Year', value: year, width: 4, id: `${id}-year` },
  ];
  return (
    <FieldsetField id={id} legend={legend} hint={hint} error={error}>
      <div className="nhsuk-date-input">
        {parts.map((part) => (
          <div className="nhsuk-date-input__item" key={part.key}>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label nhsuk-date-input__label" htmlFor={part.id}>
                {part.label}
              </label>
              <input
                className={[
                  'nhsuk-input',
                  'nhsuk-date-input__input',
                  `nhsuk-input--width-${part.width}`,
                  error ? 'nhsuk-input--error' : null,
                ]
                  .filter(Boolean)
                  .join(' ')}
                id={part.id}
                name={`${name}-${part.key}`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                defaultValue={part.value}
              />
            </div>
          </div>
        ))}
      </div>
    </FieldsetField>
  );
}

/**
 * A date input's value as YYYY-MM-DD; null when left empty; or what is wrong with it, in the
 * NHS.UK pattern's words.
 */
export function readDateInput(
  form: FormData,
  name: string,
  what: string,
): { date: string | null } | { problem: string } {
  const read = (part: string) => String(form.get(`${name}-${part}`) ?? '').trim();
  const [day, month, year] = [read('day'), read('month'), read('year')];
  if (!day && !month && !year) return { date: null };
  const missing = [!day ? 'a day' : null, !month ? 'a month' : null, !year ? 'a year' : null].filter(Boolean);
  if (missing.length > 0) return { problem: `${what} must include ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { problem: `${what} must be a real date` };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    return { problem: `${what} must be a real date` };
  }
  return { date: iso };
}

/**
 * What is wrong with a date as read by readDateInput, as the form's problems: what is wrong with
 * it as typed, or `missing` when the form needs it and it was left empty.
 */
export function dateProblems(
  field: string,
  read: { date: string | null } | { problem: string },
  missing?: string,
): FieldError[] {
  if ('problem' in read) return [{ field, message: read.problem }];
  if (missing && !read.date) return [{ field, message: missing }];
  return [];
}

/**
 * Two date inputs named `from` and `to` as a page address's query (`?from=…&to=…`, each left out
 * when empty), or what is wrong with them: either date as typed, or the last before the first.
 */
export function readDateRange(
  form: FormData,
): { query: URLSearchParams; problems: [] } | { query: null; problems: FieldError[] } {
  const from = readDateInput(form, 'from', 'The first day');
  const to = readDateInput(form, 'to', 'The last day');
  const problems = [...dateProblems('from', from), ...dateProblems('to', to)];
  if ('date' in from && 'date' in to && from.date && to.date && to.date < from.date) {
    problems.push({ field: 'to', message: 'The last day must be the same as the first day or later' });
  }
  if (problems.length > 0) return { query: null, problems };
  const query = new URLSearchParams();
  if ('date' in from && from.date) query.set('from', from.date);
  if ('date' in to && to.date) query.set('to', to.date);
  return { query, problems: [] };
}

/** A text box's value, trimmed; null when empty (so an optional field can be cleared). */
export function readText(form: FormData, name: string): string | null {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : value;
}

/**
 * The values that differ from what was loaded, so a change page sends (and the audit trail
 * records) only the fields the person changed. Arrays compare by their items, in any order.
 */
export function changesFrom<T extends Record<string, unknown>>(original: Partial<T>, values: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (!isSame(original[key], values[key])) changes[key] = values[key];
  }
  return changes;
}

function isSame(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item) => b.includes(item));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    // Key order is not meaningful (PostgreSQL's jsonb returns keys in its own order).
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) =>
      isSame((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    );
  }
  return (a ?? null) === (b ?? null);
}

/** Every value of a group of checkboxes. */
export function readChoices<T extends string>(form: FormData, name: string): T[] {
  return form.getAll(name).map(String) as T[];
}
