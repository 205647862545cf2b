import { Navigate, useLocation } from 'react-router';
import { AuthenticatorSetUp } from '../account/AuthenticatorSetUp.tsx';
import { Layout } from '../ui/Layout.tsx';
import { CheckingSession, type SignInLocationState, safeReturnPath, signInPaths } from './RequireSession.tsx';
import { useSessionState } from './session.tsx';
import { CancelSignIn } from './sign-in-parts.tsx';

/** Signing in for someone whose role needs an authenticator app and who has not set one up yet. */
export function SetUpAuthenticatorPage() {
  const { state, finishSignIn, signOut } = useSessionState();
  const location = useLocation();
  const arrival = (location.state ?? {}) as SignInLocationState;

  if (state.status === 'signed_in') return <Navigate to={safeReturnPath(arrival.from)} replace />;
  // After a reload, wait for the server to say where signing in is up to.
  if (state.status === 'checking') return <CheckingSession />;
  if (state.status !== 'signing_in') return <Navigate to={signInPaths.password} replace />;
  if (state.session.signInStep === 'second_factor') {
    return <Navigate to={signInPaths.secondFactor} replace state={arrival} />;
  }

  return (
    <Layout>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <AuthenticatorSetUp onDone={finishSignIn} />
          <CancelSignIn signOut={signOut} />
        </div>
      </div>
    </Layout>
  );
}
