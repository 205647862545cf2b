/** The one-time code field: numeric keypad on phones, and the browser may fill it from an SMS or app. */
export function CodeInput({
  id,
  label,
  hint,
  error,
  kind = 'code',
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** A recovery code has letters, so it gets a normal keyboard. */
  kind?: 'code' | 'recovery_code';
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
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
      <input
        className={`nhsuk-input ${kind === 'code' ? 'nhsuk-input--width-10' : 'nhsuk-input--width-20'}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={id}
        type="text"
        autoComplete={kind === 'code' ? 'one-time-code' : 'off'}
        inputMode={kind === 'code' ? 'numeric' : 'text'}
        spellCheck={false}
        autoCapitalize={kind === 'code' ? undefined : 'characters'}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}
