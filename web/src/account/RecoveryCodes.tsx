import { type FormEvent, useState } from 'react';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';

/**
 * Recovery codes, shown once: the person must say they have saved them before going on. They are
 * kept in this page's memory only, never in browser storage.
 */
export function RecoveryCodes({ codes, onSaved }: { codes: readonly string[]; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (new FormData(event.currentTarget).get('saved') !== 'yes') {
      setError('Confirm that you have saved your recovery codes');
      return;
    }
    onSaved();
  }

  return (
    <>
      <ErrorSummary items={error ? [{ text: error, href: '#saved' }] : []} />
      <h1>Save your recovery codes</h1>
      <p>
        If you lose your phone, you can sign in with one of these codes instead of a code from your
        authenticator app. Each code works once.
      </p>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span>
            <span className="nhsuk-u-visually-hidden">Important: </span>
            You will not see these codes again
          </span>
        </h2>
        <p>Print them or write them down, and keep them somewhere safe, away from your phone.</p>
      </div>
      <ul className="nhsuk-list" aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
          {error ? (
            <span className="nhsuk-error-message" id="saved-error">
              <span className="nhsuk-u-visually-hidden">Error: </span>
              {error}
            </span>
          ) : null}
          <div className="nhsuk-checkboxes">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="saved"
                name="saved"
                type="checkbox"
                value="yes"
                aria-describedby={error ? 'saved-error' : undefined}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="saved">
                I have saved these recovery codes
              </label>
            </div>
          </div>
        </div>
        <button className="nhsuk-button" type="submit">
          Continue
        </button>
      </form>
    </>
  );
}
