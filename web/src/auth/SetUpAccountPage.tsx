import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { type AccountToSetUp, ApiError, chooseFirstPassword, getAccountToSetUp } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { noFormErrors } from '../ui/form-errors.ts';
import { TextField } from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Layout } from '../ui/Layout.tsx';
import { ButtonLink, Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

// The page a new member of staff opens from their set-up link to choose their own password.
// The link's token, after the #, never reaches a server's logs; it is sent in a header, and
// kept nowhere in the browser.

type Loaded =
  | { status: 'loading' }
  | { status: 'invalid'; detail: string }
  | { status: 'failed'; error: ApiError }
  | { status: 'loaded'; account: AccountToSetUp }
  | { status: 'done'; account: AccountToSetUp };

const fields = { password: 'password' };

export function SetUpAccountPage() {
  const location = useLocation();
  const token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    if (!token) {
      setLoaded({ status: 'invalid', detail: 'The link has no code in it. Open the whole link again.' });
      return;
    }
    getAccountToSetUp(token).then(
      (account) => {
        if (current) setLoaded({ status: 'loaded', account });
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 404) {
          setLoaded({ status: 'invalid', detail: error.detail });
        } else {
          setLoaded({ status: 'failed', error: error as ApiError });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [token]);

  const form = useFormSubmit(
    fields,
    async (values) => {
      if (loaded.status !== 'loaded') return;
      const password = String(values.get('password') ?? '');
      if (!password) {
        return [{ field: 'password', message: 'Choose a password' }];
      }
      await chooseFirstPassword(token, password);
      setLoaded({ status: 'done', account: loaded.account });
    },
    {
      explainFailure(error) {
        if (!(error instanceof ApiError && error.status === 404)) return undefined;
        setLoaded({ status: 'invalid', detail: error.detail });
        return noFormErrors;
      },
    },
  );
  usePageTitle(
    loaded.status === 'done'
      ? 'Your password is set'
      : loaded.status === 'invalid'
        ? 'This set-up link does not work'
        : 'Set up your Liaison account',
    form.hasErrors,
  );

  return (
    <Layout>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {loaded.status === 'loading' ? <Loading /> : null}
          {loaded.status === 'invalid' ? (
            <>
              <h1>This set-up link does not work</h1>
              <p>{loaded.detail}</p>
            </>
          ) : null}
          {loaded.status === 'failed' ? (
            <>
              <h1>Sorry, there is a problem with the service</h1>
              <p>{loaded.error.detail}</p>
            </>
          ) : null}
          {loaded.status === 'loaded' ? (
            <>
              <ErrorSummary items={form.errors.items} />
              <h1>Set up your Liaison account</h1>
              <p>
                {loaded.account.displayName}, {loaded.account.organisationName} has added you to Liaison. You
                sign in with <strong>{loaded.account.email}</strong>.
              </p>
              <p>
                Choose your password. Nobody else is told it. This link works until{' '}
                {formatDateTime(loaded.account.expiresAt)}.
              </p>
              <Form form={form}>
                <TextField
                  name="password"
                  type="password"
                  label="Password"
                  hint="At least 8 characters. A few words you will remember are better than one hard word."
                  autoComplete="new-password"
                  widthClass="nhsuk-input--width-20"
                />
                <SubmitButton>Set my password</SubmitButton>
              </Form>
            </>
          ) : null}
          {loaded.status === 'done' ? (
            <>
              <h1>Your password is set</h1>
              <p>
                Sign in with {loaded.account.email} and the password you chose. If your role needs an
                authenticator app, you will set one up as you sign in.
              </p>
              <p>
                <ButtonLink to="/sign-in">Sign in</ButtonLink>
              </p>
            </>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}
