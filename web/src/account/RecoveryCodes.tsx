import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { ErrorMessage } from '../ui/form-fields.tsx';

/**
 * Recovery codes, shown once: the person must say they have saved them before going on. They are
 * kept in this page's memory only, never in browser storage.
 */
export function RecoveryCodes({ codes, onSaved }: { codes: readonly string[]; onSaved: () => void }) {
  const form = useFormSubmit({ saved: 'saved' }, (values) => {
    if (values.get('saved') !== 'yes') {
      return [{ field: 'saved', message: 'Confirm that you have saved your recovery codes' }];
    }
    onSaved();
    return undefined;
  });
  const error = form.errors.byField.get('saved');

  return (
    <>
      <ErrorSummary items={form.errors.items} />
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
      <Form form={form}>
        <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
          <ErrorMessage id="saved" error={error} />
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
        <SubmitButton>Continue</SubmitButton>
      </Form>
    </>
  );
}
