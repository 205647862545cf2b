import { useState } from 'react';
import { Outlet } from 'react-router';
import { ReauthenticationPrompt } from '../auth/ReauthenticationPrompt.tsx';
import { useSession, useSessionState } from '../auth/session.tsx';
import { ErrorSummary, type ErrorSummaryItem } from './ErrorSummary.tsx';
import { describeError } from './form-errors.ts';
import { Layout } from './Layout.tsx';

/** The frame of every page for a signed-in person. */
export function AppLayout() {
  const session = useSession();
  const { signOut } = useSessionState();
  const [signOutProblem, setSignOutProblem] = useState<ErrorSummaryItem[]>([]);

  async function handleSignOut() {
    setSignOutProblem([]);
    try {
      await signOut();
    } catch (error) {
      setSignOutProblem([{ text: `You have not been signed out. ${describeError(error)}` }]);
    }
  }

  return (
    <Layout session={session} onSignOut={handleSignOut}>
      <ErrorSummary items={signOutProblem} />
      <ReauthenticationPrompt>
        <Outlet />
      </ReauthenticationPrompt>
    </Layout>
  );
}
