import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import * as api from '../api.ts';
import { useSessionState } from '../auth/session.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDate } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { ButtonLink, Loading } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { AuthenticatorSetUp } from './AuthenticatorSetUp.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

export const accountSecurityPath = '/account/security';

/** Set by the set-up page when it sends the person back here. */
type AccountSecurityState = { notice?: string };

/** The signed-in person's authenticator app and recovery codes. */
export function AccountSecurityPage() {
  const location = useLocation();
  const [status, reload] = useResource('mfa status', api.getMfaStatus);
  const [notice, setNotice] = useState<string | null>(
    (location.state as AccountSecurityState | null)?.notice ?? null,
  );
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  usePageTitle(newCodes ? 'Save your recovery codes' : 'Sign-in security', problems.length > 0);

  async function act(action: () => Promise<void>) {
    if (isBusy) return;
    setIsBusy(true);
    setProblems([]);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setIsBusy(false);
    }
  }

  if (newCodes) {
    return (
      <RecoveryCodes
        codes={newCodes}
        onSaved={() => {
          setNewCodes(null);
          setNotice('You have new recovery codes. The old ones no longer work.');
          reload();
        }}
      />
    );
  }

  return (
    <>
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Sign-in security</h1>
      {status.status === 'loading' ? <Loading /> : null}
      {status.status === 'failed' ? <LoadProblem error={status.error} onTryAgain={reload} /> : null}
      {status.status === 'loaded' ? (
        <>
          <SummaryList
            rows={[
              {
                key: 'Authenticator app',
                value: status.data.enabled
                  ? `On${status.data.enabledAt ? ` since ${formatDate(status.data.enabledAt)}` : ''}`
                  : 'Off',
              },
              {
                key: 'Required for your role',
                value: status.data.required ? 'Yes' : 'No',
              },
              ...(status.data.enabled
                ? [{ key: 'Recovery codes left', value: String(status.data.recoveryCodesLeft) }]
                : []),
            ]}
          />
          {status.data.enabled ? (
            <>
              <h2>Recovery codes</h2>
              <p>
                Make new recovery codes if you have used most of yours or think someone else has seen them.
                The old codes stop working.
              </p>
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                onClick={() =>
                  act(async () => {
                    setNewCodes((await api.regenerateRecoveryCodes()).recoveryCodes);
                  })
                }
              >
                Make new recovery codes
              </button>
            </>
          ) : (
            <>
              <p>
                Protect your account with a code from an authenticator app on your phone when you sign in.
              </p>
              <ButtonLink to={`${accountSecurityPath}/set-up`}>Set up an authenticator app</ButtonLink>
            </>
          )}
          {status.data.canTurnOff ? (
            <>
              <h2>Turn off the authenticator app</h2>
              <p>You will sign in with your password only.</p>
              <button
                className="nhsuk-button nhsuk-button--warning"
                type="button"
                onClick={() =>
                  act(async () => {
                    await api.turnOffMfa();
                    setNotice('Your authenticator app has been turned off.');
                    reload();
                  })
                }
              >
                Turn off the authenticator app
              </button>
            </>
          ) : null}
          {status.data.required ? (
            <p>
              If you lose your phone and your recovery codes, ask your registered manager or an administrator
              to reset your authenticator app.
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** Setting up an authenticator app by choice, from the security page. */
export function AccountAuthenticatorSetUpPage() {
  const { finishSignIn } = useSessionState();
  const navigate = useNavigate();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <AuthenticatorSetUp
          onDone={(session) => {
            finishSignIn(session);
            navigate(accountSecurityPath, {
              state: { notice: 'Your authenticator app is set up.' } satisfies AccountSecurityState,
            });
          }}
        />
      </div>
    </div>
  );
}
