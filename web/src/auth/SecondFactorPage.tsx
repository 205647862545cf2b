import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import * as api from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { CodeInput } from '../ui/form-fields.tsx';
import { Layout } from '../ui/Layout.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { CheckingSession, type SignInLocationState, safeReturnPath, signInPaths } from './RequireSession.tsx';
import { useSessionState } from './session.tsx';
import { CancelSignIn } from './sign-in-parts.tsx';

/** The second step of signing in: the code from the authenticator app, or a recovery code. */
export function SecondFactorPage() {
  const { state, finishSignIn, signOut } = useSessionState();
  const location = useLocation();
  const arrival = (location.state ?? {}) as SignInLocationState;
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);

  const field = useRecoveryCode ? 'recoveryCode' : 'code';
  const form = useFormSubmit({ [field]: field }, async (values) => {
    const value = String(values.get(field) ?? '').trim();
    if (value === '') {
      const message = useRecoveryCode
        ? 'Enter a recovery code'
        : 'Enter the code from your authenticator app';
      return [{ field, message }];
    }
    const session = await api.giveSecondFactor(useRecoveryCode ? { recoveryCode: value } : { code: value });
    finishSignIn(session);
  });
  usePageTitle(useRecoveryCode ? 'Enter a recovery code' : 'Enter your code', form.hasErrors);

  if (state.status === 'signed_in') return <Navigate to={safeReturnPath(arrival.from)} replace />;
  // After a reload, wait for the server to say where signing in is up to.
  if (state.status === 'checking') return <CheckingSession />;
  if (state.status !== 'signing_in') return <Navigate to={signInPaths.password} replace />;
  if (state.session.signInStep === 'enrolment') {
    return <Navigate to={signInPaths.enrolment} replace state={arrival} />;
  }

  function switchMethod() {
    form.showProblems([]);
    setUseRecoveryCode((current) => !current);
  }

  return (
    <Layout>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} />
          <h1>{useRecoveryCode ? 'Enter a recovery code' : 'Enter the code from your authenticator app'}</h1>
          <Form form={form} key={field}>
            {useRecoveryCode ? (
              <CodeInput
                id="recoveryCode"
                kind="recovery_code"
                label="Recovery code"
                hint="One of the recovery codes you saved when you set up your authenticator app. Each one works once."
                error={form.errors.byField.get('recoveryCode')}
              />
            ) : (
              <CodeInput
                id="code"
                label="Code"
                hint="The 6-digit code your authenticator app shows for Liaison now."
                error={form.errors.byField.get('code')}
              />
            )}
            <SubmitButton>Continue</SubmitButton>
          </Form>
          <p>
            <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={switchMethod}>
              {useRecoveryCode ? 'Use the code from your authenticator app' : 'Use a recovery code instead'}
            </button>
          </p>
          <p>
            If you have lost your phone and your recovery codes, ask your registered manager or an
            administrator to reset your authenticator app.
          </p>
          <CancelSignIn signOut={signOut} />
        </div>
      </div>
    </Layout>
  );
}
