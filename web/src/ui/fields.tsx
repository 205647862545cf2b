import type { ReactNode } from 'react';

type FieldProps = {
  id: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
};

function FormGroup({ id, label, hint, error, children }: Omit<FieldProps, 'name'> & { children: ReactNode }) {
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

function describedBy({ id, hint, error }: Pick<FieldProps, 'id' | 'hint' | 'error'>): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextInput(
  props: FieldProps & {
    type?: 'text' | 'email' | 'password';
    autoComplete?: string;
    spellCheck?: boolean;
    /** An NHS.UK width class, like nhsuk-u-width-two-thirds or nhsuk-input--width-20. */
    widthClass?: string;
  },
) {
  const { id, name, type = 'text', autoComplete, spellCheck, widthClass, error } = props;
  const classes = ['nhsuk-input', widthClass, error ? 'nhsuk-input--error' : null].filter(Boolean).join(' ');
  return (
    <FormGroup {...props}>
      <input
        className={classes}
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(props)}
      />
    </FormGroup>
  );
}

export function Select(
  props: FieldProps & { options: readonly { value: string; label: string }[]; defaultValue?: string },
) {
  const { id, name, options, defaultValue, error } = props;
  return (
    <FormGroup {...props}>
      <select
        className={error ? 'nhsuk-select nhsuk-select--error' : 'nhsuk-select'}
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedBy(props)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
