import { type FormEvent, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import {
  describeError,
  type FormErrors,
  formErrorsFrom,
  missingFields,
  noFormErrors,
  toFormErrors,
} from '../ui/form-errors.ts';
import { TextField } from '../ui/form-fields.tsx';
import { Layout } from '../ui/Layout.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { type SignInLocationState, safeReturnPath, signInPaths } from './RequireSession.tsx';
import { useSessionState } from './session.tsx';

// API field name → input id, in the order the fields appear.
const fields = { email: 'email', password: 'password' };

export function SignInPage() {
  const { state, signIn } = useSessionState();
  const location = useLocation();
  const arrival = (location.state ?? {}) as SignInLocationState;
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  usePageTitle('Sign in', errors.items.length > 0);

  if (state.status === 'signed_in') return <Navigate to={safeReturnPath(arrival.from)} replace />;
  if (state.status === 'signing_in') {
    const next = state.session.signInStep === 'enrolment' ? signInPaths.enrolment : signInPaths.secondFactor;
    return <Navigate to={next} replace state={{ from: arrival.from } satisfies SignInLocationState} />;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const form = new FormData(event.currentTarget);
    const credentials = {
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    };
    const missing = missingFields(credentials, {
      email: 'Enter your email address',
      password: 'Enter your password',
    });
    if (missing.length > 0) {
      setErrors(toFormErrors(fields, missing));
      return;
    }
    setIsSubmitting(true);
    try {
      await signIn(credentials);
    } catch (error) {
      // Wrong details and throttling name no field: the server does not say which part was wrong.
      if (error instanceof ApiError && (error.status === 401 || error.status === 429)) {
        setErrors({ items: [{ text: describeError(error), href: '#email' }], byField: new Map() });
      } else {
        setErrors(formErrorsFrom(fields, error));
      }
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <Layout>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          {errors.items.length === 0 && arrival.reason === 'signed_out' ? (
            <NotificationBanner variant="success">You have signed out</NotificationBanner>
          ) : null}
          {errors.items.length === 0 && arrival.reason === 'session_ended' ? (
            <NotificationBanner>You have been signed out. Sign in again to continue.</NotificationBanner>
          ) : null}
          <h1>Sign in to Liaison</h1>
          <form onSubmit={submit} noValidate>
            <TextField
              id="email"
              name="email"
              type="email"
              label="Email address"
              autoComplete="username"
              spellCheck={false}
              widthClass="nhsuk-u-width-two-thirds"
              error={errors.byField.get('email')}
            />
            <TextField
              id="password"
              name="password"
              type="password"
              label="Password"
              autoComplete="current-password"
              widthClass="nhsuk-u-width-two-thirds"
              error={errors.byField.get('password')}
            />
            <button className="nhsuk-button" type="submit">
              Sign in
            </button>
          </form>
          <p>
            If you cannot sign in, speak to your registered manager or an administrator in your organisation.
          </p>
        </div>
      </div>
    </Layout>
  );
}
