import { chooseFirstPassword, getAccountToSetUp } from '../api.ts';
import { formatDateTime } from '../ui/format.ts';
import { ButtonLink } from '../ui/page-parts.tsx';
import { AccountLinkPage } from './AccountLinkPage.tsx';

// The page a new member of staff opens from their set-up link to choose their own password.

export function SetUpAccountPage() {
  return (
    <AccountLinkPage
      load={getAccountToSetUp}
      choose={chooseFirstPassword}
      titles={{
        form: 'Set up your Liaison account',
        invalid: 'This set-up link does not work',
        done: 'Your password is set',
      }}
      intro={(account) => (
        <>
          <p>
            {account.displayName}, {account.organisationName} has added you to Liaison. You sign in with{' '}
            <strong>{account.email}</strong>.
          </p>
          <p>
            Choose your password. Nobody else is told it. This link works until{' '}
            {formatDateTime(account.expiresAt)}.
          </p>
        </>
      )}
      submitLabel="Set my password"
      done={(account) => (
        <>
          <p>
            Sign in with {account.email} and the password you chose. If your role needs an authenticator app,
            you will set one up as you sign in.
          </p>
          <p>
            <ButtonLink to="/sign-in">Sign in</ButtonLink>
          </p>
        </>
      )}
    />
  );
}
