import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import {
  type FormErrors,
  formErrorsFrom,
  missingFields,
  noFormErrors,
  toFormErrors,
} from '../ui/form-errors.ts';
import { CodeInput, TextField } from '../ui/form-fields.tsx';
import { useSessionState } from './session.tsx';

type Asking = { resolve: (confirmed: boolean) => void; needsCode: boolean };

/**
 * When the server says an action needs the person to confirm who they are again, the page is set
 * aside (kept, not lost) and they are asked for their password, and their code if they use an
 * authenticator app. Then the action is repeated; cancelling returns to the page unchanged.
 */
export function ReauthenticationPrompt({ children }: { children: ReactNode }) {
  const { finishSignIn } = useSessionState();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const ask = useCallback(async () => {
    let needsCode = true;
    try {
      needsCode = (await api.getMfaStatus()).enabled;
    } catch {
      // Ask for the code too: the server says if it was not needed.
    }
    return new Promise<boolean>((resolve) => {
      setErrors(noFormErrors);
      setAsking({ resolve, needsCode });
    });
  }, []);

  useEffect(() => api.onReauthenticationRequired(ask), [ask]);
  useEffect(() => {
    if (asking) heading.current?.focus();
  }, [asking]);

  const fields = { password: 'reauthentication-password', code: 'reauthentication-code' };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!asking || isSubmitting) return;
    const form = new FormData(event.currentTarget);
    const password = String(form.get('reauthentication-password') ?? '');
    const code = String(form.get('reauthentication-code') ?? '').trim();
    const missing = missingFields(
      { password, ...(asking.needsCode ? { code } : {}) },
      {
        password: 'Enter your password',
        ...(asking.needsCode ? { code: 'Enter the code from your authenticator app' } : {}),
      },
    );
    if (missing.length > 0) {
      setErrors(toFormErrors(fields, missing));
      return;
    }
    setIsSubmitting(true);
    try {
      const session = await api.reauthenticate({ password, ...(asking.needsCode ? { code } : {}) });
      finishSignIn(session);
      asking.resolve(true);
      setAsking(null);
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
    } finally {
      setIsSubmitting(false);
    }
  }

  function cancel() {
    asking?.resolve(false);
    setAsking(null);
  }

  return (
    <>
      <div hidden={asking !== null}>{children}</div>
      {asking ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary items={errors.items} />
            <h1 ref={heading} tabIndex={-1}>
              Confirm it is you
            </h1>
            <p>
              To do this you need to enter your password
              {asking.needsCode ? ' and a code from your authenticator app' : ''} again.
            </p>
            <form onSubmit={submit} noValidate>
              <TextField
                id="reauthentication-password"
                name="reauthentication-password"
                type="password"
                label="Password"
                autoComplete="current-password"
                widthClass="nhsuk-u-width-two-thirds"
                error={errors.byField.get('password')}
              />
              {asking.needsCode ? (
                <CodeInput
                  id="reauthentication-code"
                  label="Code from your authenticator app"
                  error={errors.byField.get('code')}
                />
              ) : null}
              <div className="nhsuk-button-group">
                <button className="nhsuk-button" type="submit">
                  Confirm
                </button>
                <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={cancel}>
                  Cancel
                </button>
              </div>
            </form>
          </div>
        </div>
      ) : null}
    </>
  );
}
