import { useEffect, useRef, useState } from 'react';
import type { MfaEnrolment, Session } from '../api.ts';
import * as api from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { CodeInput } from '../ui/form-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { groupInFours } from './setup-key.ts';

type Step =
  | { status: 'starting' }
  | { status: 'failed'; error: api.ApiError }
  | { status: 'scan'; enrolment: MfaEnrolment }
  | { status: 'codes'; session: Session; recoveryCodes: string[] };

/**
 * Setting up an authenticator app: scan the QR code (or type the key), confirm with a code, then
 * save the recovery codes. Used at sign-in and from the account's security page.
 */
export function AuthenticatorSetUp({ onDone }: { onDone: (session: Session) => void }) {
  const [step, setStep] = useState<Step>({ status: 'starting' });
  const [attempt, setAttempt] = useState(0);
  // Each start makes a new secret: start once per attempt, even when an effect runs twice.
  const started = useRef(-1);

  useEffect(() => {
    if (started.current === attempt) return;
    started.current = attempt;
    api.startMfaEnrolment().then(
      (enrolment) => setStep({ status: 'scan', enrolment }),
      (error: unknown) =>
        setStep({
          status: 'failed',
          error:
            error instanceof api.ApiError
              ? error
              : new api.ApiError({ status: 0, title: 'Error', detail: 'Something went wrong. Try again.' }),
        }),
    );
  }, [attempt]);

  const form = useFormSubmit({ code: 'code' }, async (values) => {
    const code = String(values.get('code') ?? '').trim();
    if (code === '') {
      return [{ field: 'code', message: 'Enter the code from your authenticator app' }];
    }
    const { session, recoveryCodes } = await api.confirmMfaEnrolment(code);
    setStep({ status: 'codes', session, recoveryCodes });
  });
  usePageTitle(
    step.status === 'codes' ? 'Save your recovery codes' : 'Set up your authenticator app',
    form.hasErrors,
  );

  switch (step.status) {
    case 'starting':
      return <Loading />;
    case 'failed':
      return <LoadProblem error={step.error} onTryAgain={() => setAttempt((count) => count + 1)} />;
    case 'codes':
      return <RecoveryCodes codes={step.recoveryCodes} onSaved={() => onDone(step.session)} />;
    case 'scan':
      return (
        <>
          <ErrorSummary items={form.errors.items} />
          <h1>Set up your authenticator app</h1>
          <p>
            You sign in to Liaison with your password and a code from an authenticator app on your phone, such
            as Microsoft Authenticator or Google Authenticator.
          </p>
          <ol className="nhsuk-list nhsuk-list--number">
            <li>Open the authenticator app on your phone and choose to add an account.</li>
            <li>Scan this QR code with the app.</li>
            <li>Enter the 6-digit code the app then shows for Liaison.</li>
          </ol>
          <img
            src={step.enrolment.qrCodeDataUrl}
            alt="QR code to scan with your authenticator app"
            width="200"
            height="200"
          />
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">I cannot scan the QR code</span>
            </summary>
            <div className="nhsuk-details__text">
              <p>In the app, choose to enter a setup key, and type this key. Choose a time-based code.</p>
              <p>
                <span className="nhsuk-u-visually-hidden">Setup key: </span>
                <code id="setup-key">{groupInFours(step.enrolment.secret)}</code>
              </p>
            </div>
          </details>
          <Form form={form}>
            <CodeInput
              id="code"
              label="Code from your authenticator app"
              hint="6 digits, for example 123456"
              error={form.errors.byField.get('code')}
            />
            <SubmitButton>Confirm</SubmitButton>
          </Form>
        </>
      );
  }
}
