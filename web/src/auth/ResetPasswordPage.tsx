import { chooseNewPassword, getAccountToReset } from '../api.ts';
import { formatDateTime } from '../ui/format.ts';
import { ButtonLink } from '../ui/page-parts.tsx';
import { AccountLinkPage } from './AccountLinkPage.tsx';

// The page a member of staff opens from the emailed link to choose a new password.

export function ResetPasswordPage() {
  return (
    <AccountLinkPage
      load={getAccountToReset}
      choose={chooseNewPassword}
      titles={{
        form: 'Choose a new password',
        invalid: 'This link does not work',
        done: 'Your password has changed',
      }}
      intro={(account) => (
        <>
          <p>
            This is the Liaison account <strong>{account.email}</strong> ({account.displayName},{' '}
            {account.organisationName}).
          </p>
          <p>
            Choose a new password. Nobody else is told it. Choosing it signs this account out everywhere it is
            signed in. This link works once, until {formatDateTime(account.expiresAt)}.
          </p>
        </>
      )}
      submitLabel="Change my password"
      whenInvalid={
        <p>
          <ButtonLink to="/forgot-password">Ask for a new link</ButtonLink>
        </p>
      }
      done={(account) => (
        <>
          <p>
            Sign in with {account.email} and your new password. If you use an authenticator app, you still
            need its code: your app has not changed.
          </p>
          <p>
            <ButtonLink to="/sign-in">Sign in</ButtonLink>
          </p>
        </>
      )}
    />
  );
}
