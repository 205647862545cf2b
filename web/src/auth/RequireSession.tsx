import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { StaffRole } from '../api.ts';
import { hasRole } from '../roles.ts';
import { Layout } from '../ui/Layout.tsx';
import { NoPermissionPage, ServiceProblemPage } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { type SignedOutReason, useSession, useSessionState } from './session.tsx';

/** What the sign-in page is told by the page that sent the person there (history state, not storage). */
export type SignInLocationState = { from?: string; reason?: SignedOutReason };

/** Renders its children for a signed-in person; anyone else is sent to the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, checkAgain } = useSessionState();
  const location = useLocation();

  switch (state.status) {
    case 'checking':
      return (
        <Layout>
          <Loading />
        </Layout>
      );
    case 'unavailable':
      return (
        <Layout>
          <ServiceProblemPage error={state.error} onTryAgain={checkAgain} />
        </Layout>
      );
    case 'signed_out': {
      // After choosing to sign out, the next person to sign in starts at the home page.
      const signInState: SignInLocationState =
        state.reason === 'signed_out'
          ? { reason: 'signed_out' }
          : { reason: state.reason, from: `${location.pathname}${location.search}` };
      return <Navigate to="/sign-in" replace state={signInState} />;
    }
    case 'signing_in':
      // A password alone opens nothing: finish signing in first, then come back here.
      return (
        <Navigate
          to={state.session.signInStep === 'enrolment' ? signInPaths.enrolment : signInPaths.secondFactor}
          replace
          state={{ from: `${location.pathname}${location.search}` } satisfies SignInLocationState}
        />
      );
    case 'signed_in':
      return children;
  }
}

/** Shows the page only to the roles given. The server enforces the same rule on every request. */
export function RequireRole({ roles, children }: { roles: readonly StaffRole[]; children: ReactNode }) {
  const session = useSession();
  return hasRole(session.user.role, roles) ? children : <NoPermissionPage />;
}

/** Shown while the page asks the server who is signed in. */
export function CheckingSession() {
  return (
    <Layout>
      <Loading />
    </Layout>
  );
}

export const signInPaths = {
  password: '/sign-in',
  secondFactor: '/sign-in/code',
  enrolment: '/sign-in/set-up-authenticator',
} as const;

/** Only paths inside Liaison are followed after sign-in, so a crafted link cannot send people elsewhere. */
export function safeReturnPath(from: string | undefined): string {
  if (!from?.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return '/';
  if (from === '/sign-in' || from.startsWith('/sign-in?') || from.startsWith('/sign-in/')) return '/';
  return from;
}
