import { Link, Navigate, useLocation } from 'react-router';
import { ApiError } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { describeError, missingFields } from '../ui/form-errors.ts';
import { TextField } from '../ui/form-fields.tsx';
import { Layout } from '../ui/Layout.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { type SignInLocationState, safeReturnPath, signInPaths } from './RequireSession.tsx';
import { useSessionState } from './session.tsx';
import { SignInEmailField } from './sign-in-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = { email: 'email', password: 'password' };

export function SignInPage() {
  const { state, signIn } = useSessionState();
  const location = useLocation();
  const arrival = (location.state ?? {}) as SignInLocationState;

  const form = useFormSubmit(
    fields,
    async (values) => {
      const credentials = {
        email: String(values.get('email') ?? '').trim(),
        password: String(values.get('password') ?? ''),
      };
      const missing = missingFields(credentials, {
        email: 'Enter your email address',
        password: 'Enter your password',
      });
      if (missing.length > 0) return missing;
      await signIn(credentials);
    },
    {
      // Wrong details and throttling name no field: the server does not say which part was wrong.
      explainFailure: (error) =>
        error instanceof ApiError && (error.status === 401 || error.status === 429)
          ? { items: [{ text: describeError(error), href: '#email' }], byField: new Map() }
          : undefined,
    },
  );
  usePageTitle('Sign in', form.hasErrors);

  if (state.status === 'signed_in') return <Navigate to={safeReturnPath(arrival.from)} replace />;
  if (state.status === 'signing_in') {
    const next = state.session.signInStep === 'enrolment' ? signInPaths.enrolment : signInPaths.secondFactor;
    return <Navigate to={next} replace state={{ from: arrival.from } satisfies SignInLocationState} />;
  }

  return (
    <Layout>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} />
          {!form.hasErrors && arrival.reason === 'signed_out' ? (
            <NotificationBanner variant="success">You have signed out</NotificationBanner>
          ) : null}
          {!form.hasErrors && arrival.reason === 'session_ended' ? (
            <NotificationBanner>You have been signed out. Sign in again to continue.</NotificationBanner>
          ) : null}
          <h1>Sign in to Liaison</h1>
          <Form form={form}>
            <SignInEmailField />
            <TextField
              id="password"
              name="password"
              type="password"
              label="Password"
              autoComplete="current-password"
              widthClass="nhsuk-u-width-two-thirds"
            />
            <SubmitButton>Sign in</SubmitButton>
          </Form>
          <p>
            <Link to="/forgot-password">Forgotten your password?</Link>
          </p>
          <p>
            If you cannot sign in, speak to your registered manager or an administrator in your organisation.
          </p>
        </div>
      </div>
    </Layout>
  );
}
