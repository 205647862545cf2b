import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { AccountAuthenticatorSetUpPage, AccountSecurityPage } from './account/AccountSecurityPage.tsx';
import { adviceRoutes } from './advice/advice-routes.tsx';
import { auditRoutes } from './audit/audit-routes.tsx';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage.tsx';
import { RequireRole, RequireSession } from './auth/RequireSession.tsx';
import { ResetPasswordPage } from './auth/ResetPasswordPage.tsx';
import { SecondFactorPage } from './auth/SecondFactorPage.tsx';
import { SetUpAccountPage } from './auth/SetUpAccountPage.tsx';
import { SetUpAuthenticatorPage } from './auth/SetUpAuthenticatorPage.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { SessionProvider } from './auth/session.tsx';
import { incidentRoutes } from './incidents/incident-routes.tsx';
import { messageRoutes } from './messages/message-routes.tsx';
import { sections } from './navigation.ts';
import { PartnerMessagePage } from './partner/PartnerMessagePage.tsx';
import { partnerRoutes } from './partners/partner-routes.tsx';
import { peopleRoutes } from './people/people-routes.tsx';
import { staffAdministrators } from './roles.ts';
import { safeguardingRoutes } from './safeguarding/safeguarding-routes.tsx';
import { sharingRoutes } from './sharing/sharing-routes.tsx';
import { AddStaffPage } from './staff/AddStaffPage.tsx';
import { AppLayout } from './ui/AppLayout.tsx';
import { NotFoundPage } from './ui/ProblemPages.tsx';

/** Every page after sign-in: one per section of the menu, then the pages inside sections. */
const signedInRoutes: RouteObject[] = [
  ...sections.map((section) => ({
    path: section.path,
    element: (
      <RequireRole roles={section.roles}>
        <section.page />
      </RequireRole>
    ),
  })),
  {
    path: '/staff/add',
    element: (
      <RequireRole roles={staffAdministrators}>
        <AddStaffPage />
      </RequireRole>
    ),
  },
  { path: '/account/security', element: <AccountSecurityPage /> },
  { path: '/account/security/set-up', element: <AccountAuthenticatorSetUpPage /> },
  ...partnerRoutes,
  ...peopleRoutes,
  ...sharingRoutes,
  ...messageRoutes,
  ...incidentRoutes,
  ...safeguardingRoutes,
  ...adviceRoutes,
  ...auditRoutes,
  { path: '*', element: <NotFoundPage /> },
];

export const routes: RouteObject[] = [
  // A partner's secure link: the partner's page alone. It never asks for the staff session, so a
  // browser signed in as staff opens it as the partner would, with none of the staff menus.
  { path: '/partner', element: <PartnerMessagePage /> },
  // A new member of staff's set-up link: they choose their password, then sign in. Nobody is
  // signed in yet, whoever else this browser is signed in as.
  { path: '/set-up', element: <SetUpAccountPage /> },
  // Choosing a new password: asking for a link, and the link itself. Nobody is signed in.
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    // Staff pages: the session is asked for once here and kept while they move between them.
    element: (
      <SessionProvider>
        <Outlet />
      </SessionProvider>
    ),
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-in/code', element: <SecondFactorPage /> },
      { path: '/sign-in/set-up-authenticator', element: <SetUpAuthenticatorPage /> },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: signedInRoutes,
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
