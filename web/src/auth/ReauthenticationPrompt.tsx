import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { missingFields } from '../ui/form-errors.ts';
import { CodeInput, TextField } from '../ui/form-fields.tsx';
import { useSessionState } from './session.tsx';

type Asking = { resolve: (confirmed: boolean) => void; needsCode: boolean };

/**
 * When the server says an action needs the person to confirm who they are again, the page is set
 * aside (kept, not lost) and they are asked for their password, and their code if they use an
 * authenticator app. Then the action is repeated; cancelling returns to the page unchanged.
 */
export function ReauthenticationPrompt({ children }: { children: ReactNode }) {
  const [asking, setAsking] = useState<Asking | null>(null);

  const ask = useCallback(async () => {
    let needsCode = true;
    try {
      needsCode = (await api.getMfaStatus()).enabled;
    } catch {
      // Ask for the code too: the server says if it was not needed.
    }
    return new Promise<boolean>((resolve) => setAsking({ resolve, needsCode }));
  }, []);

  useEffect(() => api.onReauthenticationRequired(ask), [ask]);

  function answer(confirmed: boolean) {
    asking?.resolve(confirmed);
    setAsking(null);
  }

  return (
    <>
      <div hidden={asking !== null}>{children}</div>
      {/* Each time it is asked, the form starts again: no errors from the time before. */}
      {asking ? <ConfirmItIsYou needsCode={asking.needsCode} onAnswer={answer} /> : null}
    </>
  );
}

const fields = { password: 'reauthentication-password', code: 'reauthentication-code' };

function ConfirmItIsYou({
  needsCode,
  onAnswer,
}: {
  needsCode: boolean;
  onAnswer: (confirmed: boolean) => void;
}) {
  const { finishSignIn } = useSessionState();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const form = useFormSubmit(fields, async (values) => {
    const password = String(values.get('reauthentication-password') ?? '');
    const code = String(values.get('reauthentication-code') ?? '').trim();
    const missing = missingFields(
      { password, ...(needsCode ? { code } : {}) },
      {
        password: 'Enter your password',
        ...(needsCode ? { code: 'Enter the code from your authenticator app' } : {}),
      },
    );
    if (missing.length > 0) return missing;
    const session = await api.reauthenticate({ password, ...(needsCode ? { code } : {}) });
    finishSignIn(session);
    onAnswer(true);
  });

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        <h1 ref={heading} tabIndex={-1}>
          Confirm it is you
        </h1>
        <p>
          To do this you need to enter your password
          {needsCode ? ' and a code from your authenticator app' : ''} again.
        </p>
        <Form form={form}>
          <TextField
            name="reauthentication-password"
            field="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            widthClass="nhsuk-u-width-two-thirds"
          />
          {needsCode ? (
            <CodeInput name="reauthentication-code" field="code" label="Code from your authenticator app" />
          ) : null}
          <div className="nhsuk-button-group">
            <SubmitButton>Confirm</SubmitButton>
            <button
              className="nhsuk-button nhsuk-button--secondary"
              type="button"
              onClick={() => onAnswer(false)}
            >
              Cancel
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}
