import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import * as api from '../api.ts';
import { ApiError, type Session } from '../api.ts';

/** Why the person is looking at the sign-in page, if there is something to tell them. */
export type SignedOutReason = 'signed_out' | 'session_ended' | null;

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed_out'; reason: SignedOutReason }
  | { status: 'signed_in'; session: Session }
  /** The password was right; the second factor (or setting one up) is still to do. */
  | { status: 'signing_in'; session: Session }
  | { status: 'unavailable'; error: ApiError };

type SessionContextValue = {
  state: SessionState;
  signIn(credentials: { email: string; password: string }): Promise<void>;
  /** Signing in is complete (second factor given, or authenticator set up and codes saved). */
  finishSignIn(session: Session): void;
  signOut(): Promise<void>;
  checkAgain(): void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [checks, setChecks] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `checks` asks for the session again.
  useEffect(() => {
    let cancelled = false;
    api.getSession().then(
      (session) => {
        if (!cancelled) setState(stateFor(session));
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) {
          setState({ status: 'signed_out', reason: null });
        } else {
          setState({ status: 'unavailable', error: asApiError(error) });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [checks]);

  useEffect(
    () =>
      api.onSessionEnded(() => {
        setState((current) =>
          current.status === 'signed_in' || current.status === 'signing_in'
            ? { status: 'signed_out', reason: 'session_ended' }
            : current,
        );
      }),
    [],
  );

  const signIn = useCallback(async (credentials: { email: string; password: string }) => {
    const session = await api.signIn(credentials);
    setState(stateFor(session));
  }, []);

  const finishSignIn = useCallback((session: Session) => {
    setState(stateFor(session));
  }, []);

  const signOut = useCallback(async () => {
    await api.signOut();
    setState({ status: 'signed_out', reason: 'signed_out' });
  }, []);

  const checkAgain = useCallback(() => {
    setState({ status: 'checking' });
    setChecks((count) => count + 1);
  }, []);

  const value = useMemo(
    () => ({ state, signIn, finishSignIn, signOut, checkAgain }),
    [state, signIn, finishSignIn, signOut, checkAgain],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionState must be used inside <SessionProvider>');
  return value;
}

/** The signed-in person's session; only for pages rendered inside <RequireSession>. */
export function useSession(): Session {
  const { state } = useSessionState();
  if (state.status !== 'signed_in') throw new Error('useSession needs a signed-in session');
  return state.session;
}

function stateFor(session: Session): SessionState {
  return session.signInStep === 'complete'
    ? { status: 'signed_in', session }
    : { status: 'signing_in', session };
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError({ status: 0, title: 'Error', detail: 'Something went wrong. Try again.' });
}
