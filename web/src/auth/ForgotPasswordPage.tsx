import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, askForPasswordResetLink } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { describeError, missingFields } from '../ui/form-errors.ts';
import { Layout } from '../ui/Layout.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { SignInEmailField } from './sign-in-parts.tsx';

// Someone who has forgotten their password asks for a link to choose a new one. The answer is
// the same whatever address they give: the page never says whether an account has it.

const fields = { email: 'email' };

export function ForgotPasswordPage() {
  const [answer, setAnswer] = useState<{ email: string; detail: string } | null>(null);
  const form = useFormSubmit(
    fields,
    async (values) => {
      const email = String(values.get('email') ?? '').trim();
      const missing = missingFields({ email }, { email: 'Enter the email address you sign in with' });
      if (missing.length > 0) return missing;
      const { detail } = await askForPasswordResetLink({ email });
      setAnswer({ email, detail });
    },
    {
      // Too many requests from this address names no field.
      explainFailure: (error) =>
        error instanceof ApiError && error.status === 429
          ? { items: [{ text: describeError(error), href: '#email' }], byField: new Map() }
          : undefined,
    },
  );
  usePageTitle(answer ? 'Check your email' : 'Forgotten your password?', form.hasErrors);

  return (
    <Layout>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {answer ? (
            <>
              <h1>Check your email</h1>
              <p>
                We asked for a link for <strong>{answer.email}</strong>.
              </p>
              <p>{answer.detail}</p>
              <p>
                If you use an authenticator app, keep it to hand: you will still need its code to sign in.
              </p>
              <p>
                <Link to="/sign-in">Back to sign in</Link>
              </p>
            </>
          ) : (
            <>
              <ErrorSummary items={form.errors.items} />
              <h1>Forgotten your password?</h1>
              <p>
                Give the email address you sign in with. If a Liaison account has it, we will email it a link
                to choose a new password.
              </p>
              <Form form={form}>
                <SignInEmailField />
                <SubmitButton>Email me a link</SubmitButton>
              </Form>
              <p>
                No email? Your organisation may not have email set up in Liaison: ask your registered manager
                or an administrator.
              </p>
              <p>
                <Link to="/sign-in">Back to sign in</Link>
              </p>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
