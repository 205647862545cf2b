import { type ReactNode, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { type AccountToSetUp, ApiError } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { noFormErrors } from '../ui/form-errors.ts';
import { TextField } from '../ui/form-fields.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

// A page opened from a one-time link to an account (a set-up link, or a link to choose a new
// password), where its owner chooses a password. The link's token, after the #, never reaches a
// server's logs; it is sent in a header, and kept nowhere in the browser.

type Loaded =
  | { status: 'loading' }
  | { status: 'invalid'; detail: string }
  | { status: 'failed'; error: ApiError }
  | { status: 'loaded'; account: AccountToSetUp }
  | { status: 'done'; account: AccountToSetUp };

const fields = { password: 'password' };

export type AccountLinkPageProps = {
  load: (token: string) => Promise<AccountToSetUp>;
  choose: (token: string, password: string) => Promise<void>;
  titles: { form: string; invalid: string; done: string };
  /** What the page says above the password field. */
  intro: (account: AccountToSetUp) => ReactNode;
  /** What the page says once the password is chosen. */
  done: (account: AccountToSetUp) => ReactNode;
  submitLabel: string;
  /** What the owner of a link that does not work can do next, if anything here. */
  whenInvalid?: ReactNode;
};

export function AccountLinkPage({
  load,
  choose,
  titles,
  intro,
  done,
  submitLabel,
  whenInvalid,
}: AccountLinkPageProps) {
  const location = useLocation();
  const token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    if (!token) {
      setLoaded({ status: 'invalid', detail: 'The link has no code in it. Open the whole link again.' });
      return;
    }
    load(token).then(
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
  }, [token, load]);

  const form = useFormSubmit(
    fields,
    async (values) => {
      if (loaded.status !== 'loaded') return;
      const password = String(values.get('password') ?? '');
      if (!password) {
        return [{ field: 'password', message: 'Choose a password' }];
      }
      await choose(token, password);
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
    loaded.status === 'done' ? titles.done : loaded.status === 'invalid' ? titles.invalid : titles.form,
    form.hasErrors,
  );

  return (
    <Layout>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {loaded.status === 'loading' ? <Loading /> : null}
          {loaded.status === 'invalid' ? (
            <>
              <h1>{titles.invalid}</h1>
              <p>{loaded.detail}</p>
              {whenInvalid}
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
              <h1>{titles.form}</h1>
              {intro(loaded.account)}
              <Form form={form}>
                <TextField
                  name="password"
                  type="password"
                  label="Password"
                  hint="At least 8 characters. A few words you will remember are better than one hard word."
                  autoComplete="new-password"
                  widthClass="nhsuk-input--width-20"
                />
                <SubmitButton>{submitLabel}</SubmitButton>
              </Form>
            </>
          ) : null}
          {loaded.status === 'done' ? (
            <>
              <h1>{titles.done}</h1>
              {done(loaded.account)}
            </>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}
